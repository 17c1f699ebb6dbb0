import Foundation

/// A parent's cabinet settings as shown to them.
public struct AccountSettings: Sendable, Equatable {
    public var iin: String
    /// Nil only when the stored number is damaged, because every write validates it.
    public var phone: PhoneNumber?
    public var extraPhone: PhoneNumber?
    public var email: EmailAddress?
    public var notifyBySMS: Bool
    public var notifyByEmail: Bool
    /// "kk", "ru" or "en".
    public var language: String
    public var passwordChangedAt: Date?
}

/// A change to one optional setting.
public enum FieldChange<Value: Sendable & Equatable>: Sendable, Equatable {
    case unchanged
    case set(Value)
    case clear
}

/// The changes of one settings update, as sent by the parent; `updateSettings` validates them.
public struct SettingsUpdate: Sendable, Equatable {
    /// A new main phone, with the phone confirmation from `verifyPhoneCode` for it.
    public var phone: String?
    public var phoneConfirmation: String?
    /// A new or removed extra phone; a new one needs its own phone confirmation.
    public var extraPhone: FieldChange<String> = .unchanged
    public var extraPhoneConfirmation: String?
    public var email: FieldChange<String> = .unchanged
    public var notifyBySMS: Bool?
    public var notifyByEmail: Bool?
    public var language: String?
    /// A password change needs the current password.
    public var currentPassword: String?
    public var newPassword: String?

    public init() {}

    public var isEmpty: Bool { self == SettingsUpdate() }
}
