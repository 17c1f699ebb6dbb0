/// Errors of the Enrollment module: a stable code, the field at fault and the arguments of its
/// message, so the HTTP layer can answer in the one error shape and in the parent's language.
///
/// Arguments never contain an IIN, phone, code, password or token, so `description` is safe to log.
public struct EnrollmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure, which decides the HTTP status.
    public enum Kind: String, Sendable {
        /// Bad input (400).
        case invalidInput
        /// Missing, wrong or expired credentials (401).
        case unauthorized
        /// Authenticated, but the request is not allowed (403).
        case forbidden
        /// Too many requests; `retryAfter` says when to try again (429).
        case rateLimited
        /// An outside service (the population register, a gateway) failed (503).
        case unavailable
        /// The database or the random source failed; the detail is in the log (500).
        case internalFailure
    }

    public var kind: Kind
    /// Stable machine-readable code, for example "invalid_iin".
    public var code: String
    /// The message catalogue key; more specific than `code` where one code has several messages.
    public var messageKey: String
    /// The request field at fault, when there is one.
    public var field: String?
    public var arguments: [String: String]
    /// Whole seconds until a retry may succeed, for `rateLimited`.
    public var retryAfter: Int?

    public init(_ kind: Kind, code: String, messageKey: String? = nil, field: String? = nil, arguments: [String: String] = [:],
                retryAfter: Int? = nil) {
        self.kind = kind
        self.code = code
        self.messageKey = messageKey ?? code
        self.field = field
        self.arguments = arguments
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = "\(kind.rawValue): \(messageKey)"
        if let field { text += " (field \(field))" }
        if let retryAfter { text += ", retry after \(retryAfter) s" }
        return text
    }

    static func invalid(_ code: String, rule: String? = nil, field: String, arguments: [String: String] = [:]) -> EnrollmentError {
        var arguments = arguments
        if let rule { arguments["rule"] = rule }
        return EnrollmentError(.invalidInput, code: code, messageKey: rule.map { "\(code).\($0)" }, field: field, arguments: arguments)
    }

    static func rateLimited(retryAfter seconds: Double, field: String? = nil) -> EnrollmentError {
        let whole = max(1, Int(seconds.rounded(.up)))
        return EnrollmentError(.rateLimited, code: "rate_limited", field: field, arguments: ["seconds": String(whole)], retryAfter: whole)
    }

    static func unavailable(_ code: String) -> EnrollmentError {
        EnrollmentError(.unavailable, code: code)
    }
}
