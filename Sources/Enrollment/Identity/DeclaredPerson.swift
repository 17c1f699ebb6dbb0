import Foundation

/// A person entered by hand because the register cannot confirm them: a child without an IIN,
/// or a citizen born abroad. Marked as declared wherever it is used.
public struct DeclaredPerson: Sendable, Equatable {
    /// Why the person was entered by hand.
    public enum Reason: String, Sendable, CaseIterable {
        /// The child has no IIN yet.
        case noIIN = "no_iin"
        /// A citizen born abroad, who may have an IIN missing from the register.
        case bornAbroad = "born_abroad"
    }

    public let reason: Reason
    /// Present only for `bornAbroad`, and then checked like any IIN.
    public let iin: IIN?
    public let surname: String
    public let givenName: String
    public let patronymic: String?
    public let birthDate: CalendarDate

    /// The longest name part accepted, in characters.
    public static let maxNameLength = 100

    /// Validates a declaration.
    ///
    /// Names are 1–100 letters with spaces, hyphens and apostrophes; the birth date lies between
    /// 1 January 1900 and `today`; an IIN is allowed only for a citizen born abroad.
    /// - Throws: `EnrollmentError` naming the field at fault.
    public init(reason: Reason, iin: String?, surname: String, givenName: String, patronymic: String?, birthDate: String,
                today: CalendarDate) throws(EnrollmentError) {
        self.reason = reason
        switch (reason, iin?.isEmpty == false ? iin : nil) {
        case (.noIIN, .some):
            throw EnrollmentError.invalid("iin_not_expected", field: "iin")
        case (.bornAbroad, .some(let text)):
            self.iin = try IIN(text)
        case (_, .none):
            self.iin = nil
        }
        self.surname = try Self.name(surname, field: "surname")
        self.givenName = try Self.name(givenName, field: "given_name")
        if let patronymic, !patronymic.trimmingCharacters(in: .whitespaces).isEmpty {
            self.patronymic = try Self.name(patronymic, field: "patronymic")
        } else {
            self.patronymic = nil
        }
        guard let date = CalendarDate(iso: birthDate) else {
            throw EnrollmentError.invalid("invalid_birth_date", rule: "format", field: "birth_date")
        }
        guard date >= CalendarDate(year: 1900, month: 1, day: 1)!, date <= today else {
            throw EnrollmentError.invalid("invalid_birth_date", rule: "range", field: "birth_date")
        }
        self.birthDate = date
    }

    private static func name(_ text: String, field: String) throws(EnrollmentError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= maxNameLength else {
            throw EnrollmentError.invalid("invalid_name", field: field, arguments: ["max": String(maxNameLength)])
        }
        let allowed = trimmed.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" }
        guard allowed else { throw EnrollmentError.invalid("invalid_name", field: field, arguments: ["max": String(maxNameLength)]) }
        return trimmed
    }
}
