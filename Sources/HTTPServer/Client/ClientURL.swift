/// An `http://` URL split into the parts a request needs.
public struct ClientURL: Sendable, Equatable {
    public let host: String
    public let port: UInt16
    /// The path with the query, starting with "/".
    public let target: String

    /// Parses `http://host[:port][/path][?query]`.
    ///
    /// - Throws: `HTTPClientError.invalidURL` for another scheme (https needs a TLS library this
    ///   project does not link), user information, an empty host or a bad port.
    public init(_ text: String) throws(HTTPClientError) {
        let prefix = "http://"
        guard text.lowercased().hasPrefix(prefix) else {
            throw .invalidURL(text, reason: "only http:// URLs are supported; put a TLS proxy on loopback in front of an https service")
        }
        let rest = text.dropFirst(prefix.count)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        var path = String(rest[authorityEnd...])
        if path.isEmpty { path = "/" }
        if path.hasPrefix("?") { path = "/" + path }
        guard !authority.contains("@") else { throw .invalidURL(text, reason: "user information in the URL is not supported; configure credentials separately") }

        var host = String(authority)
        var port: UInt16 = 80
        if let colon = authority.lastIndex(of: ":") {
            host = String(authority[authority.startIndex..<colon])
            guard let parsed = UInt16(authority[authority.index(after: colon)...]), parsed > 0 else {
                throw .invalidURL(text, reason: "the port must be a number from 1 to 65535")
            }
            port = parsed
        }
        guard !host.isEmpty else { throw .invalidURL(text, reason: "the host is missing") }
        self.host = host
        self.port = port
        self.target = path
    }

    /// Returns this URL with `path` appended to its path (one "/" between them).
    public func appending(path suffix: String) -> ClientURL {
        let base = target.hasSuffix("/") ? String(target.dropLast()) : target
        let tail = suffix.hasPrefix("/") ? suffix : "/" + suffix
        return ClientURL(host: host, port: port, target: base + tail)
    }

    private init(host: String, port: UInt16, target: String) {
        self.host = host
        self.port = port
        self.target = target
    }

    /// The Host header value.
    var hostHeader: String { port == 80 ? host : "\(host):\(port)" }
}
