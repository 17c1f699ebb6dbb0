import Foundation

/// The limits and lifetimes of the identity layer. Times are in seconds.
public struct IdentityPolicy: Sendable {
    /// How long a one-time code is accepted.
    public var codeLifetime: TimeInterval = 300
    /// Wrong guesses after which a code is no longer accepted, even the right one.
    public var codeMaxAttempts = 5
    /// The least time between two codes to one phone, or for one IIN.
    public var codeResendInterval: TimeInterval = 60
    /// Codes per phone, or per IIN, in any hour.
    public var codesPerHour = 5
    /// Code requests per client address in any hour.
    public var codesPerHourPerAddress = 30

    /// How long a password-setup token from a verified login or reset code stays valid.
    public var setupTokenLifetime: TimeInterval = 900
    /// How long a phone confirmation stays valid for the application flow and settings.
    public var phoneConfirmationLifetime: TimeInterval = 1800

    /// A session ends after this long without a request.
    public var sessionIdleLifetime: TimeInterval = 1800
    /// A session ends this long after login, however active.
    public var sessionMaxLifetime: TimeInterval = 12 * 3600
    /// The sliding expiry is written at most this often per session, to spare a write on every request.
    public var sessionTouchInterval: TimeInterval = 60

    /// Failed logins per IIN before delays start.
    public var freeLoginFailuresPerIIN = 3
    /// Failed logins per client address before delays start.
    public var freeLoginFailuresPerAddress = 10
    /// The first delay; each further failure doubles it.
    public var loginBaseDelay: TimeInterval = 2
    /// The longest delay.
    public var loginMaxDelay: TimeInterval = 900
    /// Failures are forgotten after this long without a new one.
    public var loginFailureMemory: TimeInterval = 24 * 3600

    /// Identity checks (register look-ups) per client address, and per confirmation or session, in any hour.
    public var identityChecksPerHour = 30

    public var password = PasswordPolicy()

    public init() {}
}
