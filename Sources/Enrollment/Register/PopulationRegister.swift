/// A person as the population register returns them.
public struct RegisterPerson: Sendable, Equatable {
    public var iin: IIN
    public var surname: String
    public var givenName: String
    public var patronymic: String?
    public var birthDate: CalendarDate
    public var sex: Sex
    /// ISO 3166-1 alpha-2 code, "KZ" for Kazakhstan.
    public var citizenship: String
    /// The mobile number on record, where the first cabinet login code goes; nil when there is none.
    public var phone: PhoneNumber?

    public init(iin: IIN, surname: String, givenName: String, patronymic: String?, birthDate: CalendarDate, sex: Sex,
                citizenship: String, phone: PhoneNumber?) {
        self.iin = iin
        self.surname = surname
        self.givenName = givenName
        self.patronymic = patronymic
        self.birthDate = birthDate
        self.sex = sex
        self.citizenship = citizenship
        self.phone = phone
    }
}

/// How a parent is the legal representative of a child.
public enum Representation: String, Sendable {
    case parent
    case guardian
}

/// The population register: look up a person by IIN, and check that a parent is a child's legal representative.
///
/// Implementations: `SQLitePopulationRegister` (the embedded register with demo people) and
/// `HTTPPopulationRegister` (an outside service). Thread safety: implementations are callable from any thread.
public protocol PopulationRegister: Sendable {
    /// Returns the person with this IIN, or nil when the register has none.
    /// - Throws: `EnrollmentError` "register_unavailable" when the register cannot answer.
    func person(_ iin: IIN) throws(EnrollmentError) -> RegisterPerson?

    /// Returns how `parent` represents `child`, or nil when the register links them in no way.
    /// - Throws: `EnrollmentError` "register_unavailable" when the register cannot answer.
    func representation(parent: IIN, child: IIN) throws(EnrollmentError) -> Representation?
}
