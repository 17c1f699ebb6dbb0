import Foundation

/// Structured log lines (`key=value`, one event a line) for the server.
///
/// Request lines carry the request id, method, path without the query
/// string, status, bytes and duration: the query and the body may hold
/// personal data (addresses, identity numbers) and are never logged.
public struct ServerLog: Sendable {
    /// Receives each finished line; the default writes it to standard error.
    public let sink: @Sendable (String) -> Void
    /// Receives the lines of one event-loop iteration; the default writes them with one system call.
    public let sinkLines: @Sendable ([String]) -> Void

    public init(sink: @escaping @Sendable (String) -> Void) {
        self.sink = sink
        self.sinkLines = { lines in lines.forEach(sink) }
    }

    /// Creates a log that writes to standard error.
    public init() {
        self.sink = ServerLog.standardError
        self.sinkLines = { lines in ServerLog.standardError(lines.joined(separator: "\n")) }
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        let data = Array((line + "\n").utf8)
        data.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Writes one event with its fields; values with spaces, quotes or `=` are quoted.
    public func event(_ level: String, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        sink(line(level, message, fields))
    }

    /// Writes one event with fields built at run time, in the order given.
    public func event(_ level: String, _ message: String, fields: [(String, String)]) {
        var line = "ts=\(Self.timestamp()) level=\(level) msg=\(Self.quote(message))"
        for (key, value) in fields { line += " \(key)=\(Self.quote(value))" }
        sink(line)
    }

    /// Formats one event as a line without writing it, for callers that write lines in batches.
    public func line(_ level: String, _ message: String, _ fields: KeyValuePairs<String, String>) -> String {
        var line = "ts=\(Self.timestamp()) level=\(level) msg=\(Self.quote(message))"
        for (key, value) in fields { line += " \(key)=\(Self.quote(value))" }
        return line
    }

    static func quote(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.utf8.contains { $0 == 0x20 || $0 == 0x22 || $0 == 0x3D || $0 == 0x0A }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    /// Formats the current UTC time as ISO 8601 with milliseconds, without Foundation because it runs once per request.
    static func timestamp() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var broken = tm()
        var seconds = time.tv_sec
        gmtime_r(&seconds, &broken)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        func append(_ value: Int, digits: Int) {
            var divisor = 1
            for _ in 1..<digits { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(remaining / divisor % 10))
                remaining %= divisor
                divisor /= 10
            }
        }
        append(Int(broken.tm_year) + 1900, digits: 4)
        bytes.append(UInt8(ascii: "-"))
        append(Int(broken.tm_mon) + 1, digits: 2)
        bytes.append(UInt8(ascii: "-"))
        append(Int(broken.tm_mday), digits: 2)
        bytes.append(UInt8(ascii: "T"))
        append(Int(broken.tm_hour), digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(Int(broken.tm_min), digits: 2)
        bytes.append(UInt8(ascii: ":"))
        append(Int(broken.tm_sec), digits: 2)
        bytes.append(UInt8(ascii: "."))
        append(Int(time.tv_nsec / 1_000_000), digits: 3)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
