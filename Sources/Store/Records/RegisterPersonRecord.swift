/// A person in the embedded population register, as stored.
///
/// The register is national, not per city. `phone` is the mobile number on record in E.164 form
/// ("+77011234567"), where cabinet login codes go the first time.
public struct RegisterPersonRecord: Sendable, Equatable {
    public var iin: String
    public var surname: String
    public var givenName: String
    public var patronymic: String?
    /// The birth date as "YYYY-MM-DD".
    public var birthDate: String
    /// "male" or "female".
    public var sex: String
    /// ISO 3166-1 alpha-2 code of the citizenship, "KZ" for Kazakhstan.
    public var citizenship: String
    public var phone: String?
    public var isDemo: Bool

    public init(iin: String, surname: String, givenName: String, patronymic: String?, birthDate: String, sex: String,
                citizenship: String, phone: String?, isDemo: Bool) {
        self.iin = iin
        self.surname = surname
        self.givenName = givenName
        self.patronymic = patronymic
        self.birthDate = birthDate
        self.sex = sex
        self.citizenship = citizenship
        self.phone = phone
        self.isDemo = isDemo
    }
}

/// A parent–child link of the register: the parent (or guardian) is the child's legal representative.
public struct RegisterLinkRecord: Sendable, Equatable {
    public var parentIIN: String
    public var childIIN: String
    /// "parent" or "guardian".
    public var relation: String

    public init(parentIIN: String, childIIN: String, relation: String) {
        self.parentIIN = parentIIN
        self.childIIN = childIIN
        self.relation = relation
    }

    public static let relations = ["parent", "guardian"]
}
