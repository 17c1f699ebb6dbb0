/// A Kazakh individual identification number (ИИН / ЖСН): 12 digits, validated.
///
/// Digits 1–6 are the birth date YYMMDD. Digit 7 gives the century and sex: 1 or 2 for the
/// 1800s, 3 or 4 for the 1900s, 5 or 6 for the 2000s, odd for male. Digit 12 is a check digit:
/// the sum of digits 1–11 weighted 1…11, modulo 11; when that is 10, the sum with weights
/// 3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2 modulo 11; when that is 10 as well, the number is invalid.
///
/// `description` is the masked form, so string interpolation in a log line never shows the number.
public struct IIN: Sendable, Hashable, CustomStringConvertible {
    /// The rule an IIN broke, named in the error so the parent knows what to fix.
    public enum Rule: String, Sendable, CaseIterable {
        /// Something other than digits and spaces.
        case characters
        /// Not 12 digits once spaces are removed.
        case length
        /// Digit 7 is not 1–6.
        case centuryDigit = "century_digit"
        /// Digits 1–6 are not a real date in that century.
        case date
        /// Digit 12 does not match the checksum, or the checksum has no valid digit.
        case checkDigit = "check_digit"
    }

    /// The 12 digits.
    public let digits: String
    public let birthDate: CalendarDate
    public let sex: Sex

    /// Validates `text` after removing spaces (ordinary and no-break).
    ///
    /// - Throws: `EnrollmentError` with code "invalid_iin", field "iin", and the failed rule as
    ///   argument "rule". Rules are checked in the order of `Rule`, and the number itself is never
    ///   part of the error.
    public init(_ text: String) throws(EnrollmentError) {
        let compact = text.unicodeScalars.filter { $0 != " " && $0 != "\u{00A0}" }
        guard compact.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) else { throw Self.error(.characters) }
        let values = compact.map { Int($0.value - 0x30) }
        guard values.count == 12 else { throw Self.error(.length, arguments: ["count": String(values.count)]) }

        let century: Int
        switch values[6] {
        case 1, 2: century = 1800
        case 3, 4: century = 1900
        case 5, 6: century = 2000
        default: throw Self.error(.centuryDigit)
        }
        let year = century + values[0] * 10 + values[1]
        let month = values[2] * 10 + values[3]
        let day = values[4] * 10 + values[5]
        guard let date = CalendarDate(year: year, month: month, day: day) else { throw Self.error(.date) }

        guard let check = Self.checkDigit(values), check == values[11] else { throw Self.error(.checkDigit) }

        self.digits = String(String.UnicodeScalarView(compact))
        self.birthDate = date
        self.sex = values[6] % 2 == 1 ? .male : .female
    }

    /// Returns the check digit for the first 11 of `values`, or nil when both passes give 10.
    public static func checkDigit(_ values: [Int]) -> Int? {
        let firstWeights = Array(1...11)
        let secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
        let first = zip(values.prefix(11), firstWeights).reduce(0) { $0 + $1.0 * $1.1 } % 11
        if first != 10 { return first }
        let second = zip(values.prefix(11), secondWeights).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return second == 10 ? nil : second
    }

    /// The first 4 and last 2 digits with the rest hidden, for logs and screens: "1509******37".
    public var masked: String {
        String(digits.prefix(4)) + "******" + String(digits.suffix(2))
    }

    public var description: String { masked }

    private static func error(_ rule: Rule, arguments: [String: String] = [:]) -> EnrollmentError {
        .invalid("invalid_iin", rule: rule.rawValue, field: "iin", arguments: arguments)
    }
}
