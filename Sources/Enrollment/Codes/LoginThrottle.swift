import Foundation
import Store

/// Growing delays after failed logins, per key (a keyed IIN or client address), kept in SQLite.
///
/// After `free` failures, each further failure locks the key for `loginBaseDelay` doubled per
/// extra failure, up to `loginMaxDelay`. A locked key is answered "try again after T" (HTTP 429
/// with Retry-After) before any password is checked; no thread sleeps. Failures are forgotten
/// `loginFailureMemory` after the last one.
struct LoginThrottle: Sendable {
    let policy: IdentityPolicy

    /// Returns the seconds until the longest lock among `keys` ends, or nil when none is locked.
    func remainingLock(_ keys: [String], now: Date, in store: SakuraStore) throws -> TimeInterval? {
        var wait: TimeInterval = 0
        for key in keys {
            guard let record = try store.loginFailure(key: key), let lockedUntil = record.lockedUntil else { continue }
            wait = max(wait, lockedUntil.timeIntervalSince(now))
        }
        return wait > 0 ? wait : nil
    }

    /// Records a failure for `key` and returns the new failure count and lock end.
    @discardableResult
    func recordFailure(_ key: String, free: Int, now: Date, in store: SakuraStore) throws -> LoginFailureRecord {
        var failures = 1
        if let record = try store.loginFailure(key: key), now.timeIntervalSince(record.lastFailureAt) < policy.loginFailureMemory {
            failures = record.failures + 1
        }
        var lockedUntil: Date? = nil
        if failures > free {
            let exponent = min(failures - free - 1, 30)
            let delay = min(policy.loginBaseDelay * pow(2, Double(exponent)), policy.loginMaxDelay)
            lockedUntil = now.addingTimeInterval(delay)
        }
        let record = LoginFailureRecord(key: key, failures: failures, lastFailureAt: now, lockedUntil: lockedUntil)
        try store.saveLoginFailure(record)
        return record
    }

    /// Forgets the failures of `key` after a successful login.
    func clear(_ key: String, in store: SakuraStore) throws {
        try store.clearLoginFailure(key: key)
    }
}
