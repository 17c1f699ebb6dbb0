/// A Kazakh mobile number, normalised to E.164 (+7 7XX XXX XX XX).
///
/// Accepts "+7 701 123 45 67", "8 (701) 123-45-67", "87011234567", "77011234567" and
/// "7011234567": digits with spaces, brackets and dashes, after "+7", the trunk prefix "8",
/// the country code "7" or nothing. The number after the country code must start with 70, 74,
/// 75, 76 or 77, the mobile ranges, because geographic codes (71x–73x) cannot receive SMS.
/// `description` is the masked form, so string interpolation in a log line never shows the number.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The rule a phone number broke.
    public enum Rule: String, Sendable, CaseIterable {
        /// Something other than digits, spaces, brackets, dashes and a leading plus.
        case characters
        /// Not 10 digits after the prefix.
        case length
        /// A country code other than +7 (Kazakhstan).
        case country
        /// A Kazakh number outside the mobile ranges, or a Russian one (+7 9XX).
        case notMobile = "not_mobile"
    }

    /// "+77011234567".
    public let e164: String

    /// Validates and normalises `text`.
    /// - Throws: `EnrollmentError` with code "invalid_phone", the rule as argument "rule", and
    ///   `field` as its field; the number itself is never part of the error.
    public init(_ text: String, field: String = "phone") throws(EnrollmentError) {
        var digits: [UInt8] = []
        var hasPlus = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte - UInt8(ascii: "0"))
            case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "+") where digits.isEmpty && !hasPlus:
                hasPlus = true
            default:
                throw Self.error(.characters, field: field)
            }
        }

        var national: ArraySlice<UInt8>
        if hasPlus {
            guard digits.first == 7 else { throw Self.error(.country, field: field) }
            national = digits.dropFirst()
        } else if digits.count == 11 && (digits.first == 8 || digits.first == 7) {
            national = digits.dropFirst()
        } else {
            national = digits[...]
        }
        guard national.count == 10 else { throw Self.error(.length, field: field) }
        let first = national[national.startIndex]
        let second = national[national.startIndex + 1]
        guard first == 7, [0, 4, 5, 6, 7].contains(second) else { throw Self.error(.notMobile, field: field) }

        self.e164 = "+7" + national.map { String($0) }.joined()
    }

    /// Reads a number already stored in E.164 form; nil when it is not a valid Kazakh mobile number.
    public init?(e164 text: String) {
        guard text.hasPrefix("+7"), let parsed = try? PhoneNumber(text) else { return nil }
        self = parsed
    }

    /// "+7 701 123 45 67".
    public var formatted: String {
        let national = Array(e164.dropFirst(2))
        return "+7 \(String(national[0..<3])) \(String(national[3..<6])) \(String(national[6..<8])) \(String(national[8..<10]))"
    }

    /// The operator code and last two digits only, for logs and screens: "+7 701 *** ** 67".
    public var masked: String {
        let national = Array(e164.dropFirst(2))
        return "+7 \(String(national[0..<3])) *** ** \(String(national[8..<10]))"
    }

    /// The 10 digits after the country code, which a password must not contain.
    var nationalDigits: String { String(e164.dropFirst(2)) }

    public var description: String { masked }

    private static func error(_ rule: Rule, field: String) -> EnrollmentError {
        .invalid("invalid_phone", rule: rule.rawValue, field: field)
    }
}
