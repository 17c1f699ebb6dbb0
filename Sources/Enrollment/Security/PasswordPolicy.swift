/// The minimum rules for a cabinet password, each with its own message.
///
/// At least 8 and at most 128 characters, at least one letter and one digit, no space at either
/// end, not the parent's IIN or phone inside it, and not one of the most common passwords.
public struct PasswordPolicy: Sendable {
    /// A rule a password broke; the message catalogue key is "weak_password." plus the raw value.
    public enum Rule: String, Sendable, CaseIterable {
        case tooShort = "too_short"
        case tooLong = "too_long"
        case needsLetter = "needs_letter"
        case needsDigit = "needs_digit"
        case edgeSpace = "edge_space"
        case containsIIN = "contains_iin"
        case containsPhone = "contains_phone"
        case common
    }

    public var minLength = 8
    /// The upper bound keeps hashing cost bounded whatever a client sends.
    public var maxLength = 128

    public init() {}

    /// Checks `password` for `iin` and `phone`, the account's own numbers.
    /// - Throws: `EnrollmentError` "weak_password" with the failed rule, field `field`.
    public func check(_ password: String, iin: IIN?, phone: PhoneNumber?, field: String = "password") throws(EnrollmentError) {
        func fail(_ rule: Rule) -> EnrollmentError {
            .invalid("weak_password", rule: rule.rawValue, field: field, arguments: ["min": String(minLength), "max": String(maxLength)])
        }
        let length = password.count
        guard length >= minLength else { throw fail(.tooShort) }
        guard length <= maxLength else { throw fail(.tooLong) }
        guard password.first?.isWhitespace == false, password.last?.isWhitespace == false else { throw fail(.edgeSpace) }
        guard password.contains(where: { $0.isLetter }) else { throw fail(.needsLetter) }
        guard password.contains(where: { $0.isNumber }) else { throw fail(.needsDigit) }
        if let iin, password.contains(iin.digits) { throw fail(.containsIIN) }
        if let phone, password.contains(phone.nationalDigits) { throw fail(.containsPhone) }
        if Self.common.contains(password.lowercased()) { throw fail(.common) }
    }

    /// Frequent passwords that pass the other rules, lowercased.
    static let common: Set<String> = [
        "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "qwerty123", "qwerty12", "qwerty1234", "1q2w3e4r",
        "1q2w3e4r5t", "1qaz2wsx", "zaq12wsx", "abc12345", "abcd1234", "a1234567", "12345678a", "123456789a", "123qwe123",
        "qwe12345", "iloveyou1", "admin123", "welcome1", "letmein1", "football1", "sakura123", "parol123", "пароль123",
        "qwertyuiop1", "asdfgh123", "123456qwerty",
    ]
}
