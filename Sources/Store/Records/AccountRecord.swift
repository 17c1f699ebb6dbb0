import Foundation

/// A parent's cabinet account, keyed by IIN.
public struct AccountRecord: Sendable, Equatable {
    public var id: Int64
    public var iin: String
    /// The main phone in E.164 form; login codes go here.
    public var phone: String
    public var extraPhone: String?
    public var email: String?
    public var notifyBySMS: Bool
    public var notifyByEmail: Bool
    /// The language of notifications: "kk", "ru" or "en".
    public var language: String
    /// The PBKDF2 hash in the format of `PasswordHash`, or nil before the parent set a password.
    public var passwordHash: String?
    public var passwordChangedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64 = 0, iin: String, phone: String, extraPhone: String? = nil, email: String? = nil, notifyBySMS: Bool = true,
                notifyByEmail: Bool = false, language: String = "ru", passwordHash: String? = nil, passwordChangedAt: Date? = nil,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.iin = iin
        self.phone = phone
        self.extraPhone = extraPhone
        self.email = email
        self.notifyBySMS = notifyBySMS
        self.notifyByEmail = notifyByEmail
        self.language = language
        self.passwordHash = passwordHash
        self.passwordChangedAt = passwordChangedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
