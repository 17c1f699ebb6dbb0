/// Errors of `HTTPClient`. None of them carries a request or response body, so they are safe to log.
public enum HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The URL is not `http://host[:port]/path`; `reason` says what is wrong.
    case invalidURL(String, reason: String)
    /// The host name did not resolve to an IPv4 address.
    case unresolvedHost(String)
    /// A system call failed; `errno` is the C error number.
    case system(call: String, errno: Int32)
    /// No connection, or no complete response, within the configured time; `phase` is "connect", "write" or "read".
    case timedOut(phase: String, seconds: Double)
    /// The server closed the connection or sent something that is not an HTTP/1.x response.
    case malformedResponse(reason: String)
    /// The response is larger than `maxResponseBytes`.
    case responseTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason): return "invalid URL \"\(url)\": \(reason)"
        case .unresolvedHost(let host): return "host \"\(host)\" did not resolve to an IPv4 address"
        case .system(let call, let errno): return "\(call) failed with errno \(errno)"
        case .timedOut(let phase, let seconds): return "\(phase) timed out after \(seconds) s"
        case .malformedResponse(let reason): return "malformed HTTP response: \(reason)"
        case .responseTooLarge(let limit): return "response larger than \(limit) bytes"
        }
    }

    /// True for failures where sending the same request again may succeed (network errors and timeouts).
    public var isTransient: Bool {
        switch self {
        case .system, .timedOut, .malformedResponse: return true
        case .invalidURL, .unresolvedHost, .responseTooLarge: return false
        }
    }
}
