import Foundation

/// Structured log lines (`key=value`, one event a line) for the server.
///
/// Request lines carry the request id, method, path without the query
/// string, status, bytes and duration: the query and the body may hold
/// personal data (addresses, identity numbers) and are never logged.
public struct ServerLog: Sendable {
    /// Receives each finished line; the default writes it to standard error.
    public let sink: @Sendable (String) -> Void

    public init(sink: @escaping @Sendable (String) -> Void = ServerLog.standardError) {
        self.sink = sink
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        let data = Array((line + "\n").utf8)
        data.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Writes one event with its fields; values with spaces, quotes or `=` are quoted.
    public func event(_ level: String, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        var line = "ts=\(Self.timestamp()) level=\(level) msg=\(Self.quote(message))"
        for (key, value) in fields { line += " \(key)=\(Self.quote(value))" }
        sink(line)
    }

    static func quote(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    static func timestamp() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var broken = tm()
        var seconds = time.tv_sec
        gmtime_r(&seconds, &broken)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", broken.tm_year + 1900, broken.tm_mon + 1, broken.tm_mday,
                      broken.tm_hour, broken.tm_min, broken.tm_sec, Int(time.tv_nsec / 1_000_000))
    }
}
