import Crypto
import Foundation
import Store

/// The identity layer: phone confirmation by one-time code, cabinet login (code the first time,
/// then IIN and password), password reset, sessions, settings and identity checks.
///
/// No answer reveals whether an IIN or phone is known: code requests for an unknown IIN succeed
/// alike, and every failed code or login gets the same error. Limits live in SQLite, so they
/// hold across requests, threads and restarts. Slow work (PBKDF2, sending) runs outside the
/// database lock. Thread safety: all members are `Sendable`, and methods may run on any thread.
public final class IdentityService: Sendable {
    public let database: IdentityDatabase
    public let policy: IdentityPolicy
    public let hasher: PasswordHasher
    public let register: any PopulationRegister
    let keys: KeyedHash
    let time: any TimeSource
    let sms: any SMSGateway
    let email: any EmailGateway
    let log: IdentityLog
    let codes: OneTimeCodes
    let limiter = RateLimiter()
    let throttle: LoginThrottle

    public init(database: IdentityDatabase, secret: IdentitySecret, policy: IdentityPolicy = IdentityPolicy(),
                hasher: PasswordHasher = PasswordHasher(), time: any TimeSource = SystemTime(), sms: any SMSGateway,
                email: any EmailGateway, register: any PopulationRegister, log: IdentityLog = .discard) {
        self.database = database
        self.policy = policy
        self.hasher = hasher
        self.register = register
        self.keys = KeyedHash(secret: secret)
        self.time = time
        self.sms = sms
        self.email = email
        self.log = log
        self.codes = OneTimeCodes(keys: keys, policy: policy)
        self.throttle = LoginThrottle(policy: policy)
    }

    /// The current time of the service's clock.
    public var now: Date { time.now() }

    /// Runs database work, turning anything but an `EnrollmentError` into "storage_failed" with the detail logged.
    func storage<Result: Sendable>(_ client: ClientContext?, _ operation: String,
                                   _ body: () throws -> Result) throws(EnrollmentError) -> Result {
        do {
            return try body()
        } catch let error as EnrollmentError {
            throw error
        } catch {
            log.error("identity storage failed", client, [("operation", operation), ("error", String(describing: error))])
            throw EnrollmentError(.internalFailure, code: "storage_failed")
        }
    }

    /// Deletes expired codes, tokens, sessions and rate-limit events; returns nothing and logs failures.
    public func purgeExpired() {
        let now = time.now()
        do {
            try database.write { store in
                try store.deleteExpiredOneTimeCodes(before: now.addingTimeInterval(-policy.codeLifetime))
                try store.deleteExpiredIdentityTokens(before: now)
                try store.deleteExpiredSessions(before: now)
                try store.deleteRateEvents(before: now.addingTimeInterval(-24 * 3600))
            }
        } catch {
            log.error("identity purge failed", nil, [("error", String(describing: error))])
        }
    }
}

/// The answer to a code request, the same whether or not a message went out.
public struct CodeReceipt: Sendable, Equatable {
    /// Seconds the code stays valid.
    public let expiresIn: Int
    /// Seconds before another code may be requested.
    public let resendAfter: Int
}

/// A single-use token with its expiry: a password-setup token or a phone confirmation.
public struct IssuedToken: Sendable {
    public let token: String
    public let expiresAt: Date
}

/// A new cabinet session: the token for the cookie or the Authorization header, and its CSRF token.
public struct NewSession: Sendable {
    public let token: String
    public let csrfToken: String
    public let accountID: Int64
    public let expiresAt: Date
    public let absoluteExpiresAt: Date
}

/// A session that passed `authenticate`.
public struct AuthenticatedSession: Sendable {
    public let accountID: Int64
    public let expiresAt: Date
    let tokenHash: [UInt8]
    let csrfHash: [UInt8]
}
