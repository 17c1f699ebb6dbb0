import Foundation

/// A one-time code as stored: only its keyed hash, never the digits.
public struct OneTimeCodeRecord: Sendable, Equatable {
    /// What the code is for: "phone", "login" or "reset".
    public var purpose: String
    /// The E.164 phone the code was sent to; one active code per purpose and phone.
    public var phone: String
    /// For login and reset codes, the keyed hash of the IIN the code was requested for.
    public var subject: String?
    public var codeHash: [UInt8]
    public var createdAt: Date
    public var expiresAt: Date
    /// Wrong guesses so far.
    public var attempts: Int
    /// When the code was accepted; a used code is never accepted again.
    public var usedAt: Date?

    public init(purpose: String, phone: String, subject: String?, codeHash: [UInt8], createdAt: Date, expiresAt: Date,
                attempts: Int = 0, usedAt: Date? = nil) {
        self.purpose = purpose
        self.phone = phone
        self.subject = subject
        self.codeHash = codeHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.attempts = attempts
        self.usedAt = usedAt
    }
}

/// A single-use token issued after a code was verified: a password-setup token bound to an
/// account, or a phone confirmation bound to a phone. Stored as the SHA-256 of the token.
public struct IdentityTokenRecord: Sendable, Equatable {
    public var tokenHash: [UInt8]
    /// "password_setup" or "phone_confirmation".
    public var kind: String
    public var accountID: Int64?
    public var phone: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    public init(tokenHash: [UInt8], kind: String, accountID: Int64?, phone: String?, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.tokenHash = tokenHash
        self.kind = kind
        self.accountID = accountID
        self.phone = phone
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// A cabinet session. Stored as the SHA-256 of the session token and of its CSRF token.
public struct SessionRecord: Sendable, Equatable {
    public var tokenHash: [UInt8]
    public var accountID: Int64
    public var csrfHash: [UInt8]
    public var createdAt: Date
    public var lastSeenAt: Date
    /// The sliding expiry: moved forward on use, never past `absoluteExpiresAt`.
    public var expiresAt: Date
    public var absoluteExpiresAt: Date

    public init(tokenHash: [UInt8], accountID: Int64, csrfHash: [UInt8], createdAt: Date, lastSeenAt: Date, expiresAt: Date,
                absoluteExpiresAt: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.csrfHash = csrfHash
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
        self.absoluteExpiresAt = absoluteExpiresAt
    }
}

/// The failed-login state of one key (a hashed IIN or client address).
public struct LoginFailureRecord: Sendable, Equatable {
    public var key: String
    public var failures: Int
    public var lastFailureAt: Date
    /// No login for this key is checked before this time.
    public var lockedUntil: Date?

    public init(key: String, failures: Int, lastFailureAt: Date, lockedUntil: Date?) {
        self.key = key
        self.failures = failures
        self.lastFailureAt = lastFailureAt
        self.lockedUntil = lockedUntil
    }
}

/// A message the development gateway kept instead of sending.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int64
    /// "sms" or "email".
    public var channel: String
    public var recipient: String
    public var subject: String?
    public var body: String
    public var createdAt: Date

    public init(id: Int64 = 0, channel: String, recipient: String, subject: String?, body: String, createdAt: Date) {
        self.id = id
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = createdAt
    }
}
