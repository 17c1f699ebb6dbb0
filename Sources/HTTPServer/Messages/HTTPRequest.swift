/// A parsed HTTP request with its complete body.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target as sent, for example "/api/v1/cities?lang=kk".
    public var target: String
    /// The decoded path without the query.
    public var path: String
    /// The query parameters in order, percent-decoded, with "+" read as a space.
    public var query: [(name: String, value: String)]
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Values captured by `{name}` segments of the matched route.
    public var pathParameters: [String: String] = [:]
    /// The route pattern that matched, for logs and metrics ("unmatched" when none did).
    public var route: String = "unmatched"
    /// An identifier for logs, sent back in the X-Request-Id header.
    public var requestID: String = ""
    /// The IPv4 address of the TCP peer ("-" when unknown), for per-client rate limits. Behind a
    /// reverse proxy this is the proxy's address.
    public var remoteAddress: String = "-"

    public init(method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        let (path, query) = Self.split(target: target)
        self.path = path
        self.query = query
    }

    /// Returns the first value of a query parameter, or nil.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// True when the client asked to keep the connection open after this request.
    public var keepAlive: Bool {
        if headers.contains("Connection", token: "close") { return false }
        if minorVersion == 0 { return headers.contains("Connection", token: "keep-alive") }
        return true
    }

    static func split(target: String) -> (String, [(name: String, value: String)]) {
        // Works on UTF-8 views: the separators are ASCII, and Character iteration is far slower.
        let bytes = target.utf8
        let questionMark = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
        let rawPath = Substring(bytes[bytes.startIndex..<questionMark])
        let path = PercentDecoding.decode(rawPath, plusAsSpace: false) ?? String(rawPath)
        guard questionMark != bytes.endIndex else { return (path, []) }

        var query: [(String, String)] = []
        let queryBytes = bytes[bytes.index(after: questionMark)...]
        for pair in queryBytes.split(separator: UInt8(ascii: "&")) where !pair.isEmpty {
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let rawName = Substring(pair[pair.startIndex..<equals])
            let rawValue = equals == pair.endIndex ? Substring("") : Substring(pair[pair.index(after: equals)...])
            let name = PercentDecoding.decode(rawName, plusAsSpace: true) ?? String(rawName)
            let value = PercentDecoding.decode(rawValue, plusAsSpace: true) ?? String(rawValue)
            query.append((name, value))
        }
        return (path, query)
    }
}

/// Percent-decoding of URL components (RFC 3986 §2.1).
enum PercentDecoding {
    /// Decodes `%XX` escapes; nil when an escape is malformed or the result is not UTF-8.
    static func decode(_ text: Substring, plusAsSpace: Bool) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(text)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            } else if plusAsSpace && byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
