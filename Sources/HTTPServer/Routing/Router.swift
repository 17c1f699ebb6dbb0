/// A request handler. It runs on an event-loop thread, so it must not block on I/O for long,
/// unless its route is added with `runsOnWorker`.
public typealias HTTPHandler = @Sendable (HTTPRequest) throws -> HTTPResponse

/// Maps a method and a path pattern such as "/api/v1/cities/{city}/lookup" to a handler.
///
/// Immutable once the server starts; lookups take no lock.
public struct Router: Sendable {
    struct Route: Sendable {
        let method: String
        let pattern: String
        let segments: [Segment]
        let maxBodyBytes: Int?
        /// True when the handler runs on a worker thread instead of the event loop.
        let runsOnWorker: Bool
        let handler: HTTPHandler
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private(set) var routes: [Route] = []

    public init() {}

    /// Adds a route. `{name}` segments capture one path segment into `HTTPRequest.pathParameters`.
    ///
    /// With `runsOnWorker`, the handler runs on a worker thread: use it for handlers that write to
    /// a database or compute for long, so the event loop keeps serving other connections. The
    /// connection waits for the response before its next pipelined request, so answers stay in order.
    public mutating func add(_ method: String, _ pattern: String, maxBodyBytes: Int? = nil, runsOnWorker: Bool = false, _ handler: @escaping HTTPHandler) {
        let segments = pattern.split(separator: "/").map { part -> Segment in
            if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
        routes.append(Route(method: method, pattern: pattern, segments: segments, maxBodyBytes: maxBodyBytes, runsOnWorker: runsOnWorker, handler: handler))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping HTTPHandler) {
        add("GET", pattern, handler)
    }

    /// The outcome of matching a request.
    enum Match {
        case found(Route, [String: String])
        /// The path exists for other methods.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    func match(method: String, path: String) -> Match {
        // Split on the UTF-8 view: "/" is ASCII, and Character splitting is much slower.
        let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { Substring($0) }
        var allowed: [String] = []
        for route in routes where route.segments.count == parts.count {
            var parameters: [String: String] = [:]
            var matches = true
            for (segment, part) in zip(route.segments, parts) {
                switch segment {
                case .literal(let literal):
                    if literal != part { matches = false }
                case .parameter(let name):
                    parameters[name] = String(part)
                }
                if !matches { break }
            }
            guard matches else { continue }
            // HEAD is served by the GET handler (RFC 9110 §9.3.2).
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                return .found(route, parameters)
            }
            allowed.append(route.method)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed)
    }

    /// Returns the body limit of the route a request goes to, or `fallback`.
    func maxBodyBytes(method: String, path: String, fallback: Int) -> Int {
        if case .found(let route, _) = match(method: method, path: path) { return route.maxBodyBytes ?? fallback }
        return fallback
    }
}

extension Router {
    /// Matches the request and runs its handler, as the server does; nil when no route matches.
    /// For in-process tests and tools, without sockets.
    public func dispatch(_ request: HTTPRequest) throws -> HTTPResponse? {
        guard case .found(let route, let parameters) = match(method: request.method, path: request.path) else { return nil }
        var routed = request
        routed.pathParameters = parameters
        routed.route = route.pattern
        return try route.handler(routed)
    }
}
