import Crypto
import Foundation
import Store

/// Issues and checks six-digit one-time codes.
///
/// Codes come from the system CSPRNG and are stored only as `KeyedHash.code`, an HMAC under
/// the server secret bound to the purpose and phone. A plain SHA-256 would not do: with a
/// million possible codes, anyone holding the database could find a code from its hash at once.
/// One code per purpose and phone is active; a new one replaces it. A code is accepted once,
/// within `codeLifetime`, and not after `codeMaxAttempts` wrong guesses.
struct OneTimeCodes: Sendable {
    let keys: KeyedHash
    let policy: IdentityPolicy

    /// The outcome of checking a code. Callers answer every failure alike, so nothing tells whether a phone or IIN is known.
    enum Check: Equatable {
        case accepted
        /// Wrong digits; `attemptsLeft` more guesses are allowed.
        case mismatch(attemptsLeft: Int)
        case expired
        case attemptsExhausted
        case alreadyUsed
        /// No code was issued for this purpose and phone, or it was issued for another IIN.
        case none
    }

    /// Returns six random digits, zero-padded.
    static func generate() throws(EnrollmentError) -> String {
        let value: Int
        do {
            value = try SecureRandom.uniform(below: 1_000_000)
        } catch {
            throw EnrollmentError.unavailable("random_source_failed")
        }
        let text = String(value)
        return String(repeating: "0", count: 6 - text.count) + text
    }

    /// True when `text` is six ASCII digits.
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 6 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Stores a new code, replacing the active one; call inside a write transaction.
    func store(_ digits: String, purpose: CodePurpose, phone: PhoneNumber, subject: String?, now: Date, in store: SakuraStore) throws {
        let record = OneTimeCodeRecord(purpose: purpose.rawValue, phone: phone.e164, subject: subject,
                                       codeHash: keys.code(digits, purpose: purpose, phone: phone), createdAt: now,
                                       expiresAt: now.addingTimeInterval(policy.codeLifetime))
        try store.replaceOneTimeCode(record)
    }

    /// Checks `digits` and records the attempt; call inside a write transaction.
    ///
    /// `subject` must equal the one the code was stored with (the keyed IIN for login and reset codes).
    func check(_ digits: String, purpose: CodePurpose, phone: PhoneNumber, subject: String?, now: Date, in store: SakuraStore) throws -> Check {
        guard let record = try store.oneTimeCode(purpose: purpose.rawValue, phone: phone.e164), record.subject == subject else { return .none }
        if record.usedAt != nil { return .alreadyUsed }
        if record.expiresAt <= now { return .expired }
        if record.attempts >= policy.codeMaxAttempts { return .attemptsExhausted }

        guard ConstantTime.equals(keys.code(digits, purpose: purpose, phone: phone), record.codeHash) else {
            try store.incrementOneTimeCodeAttempts(purpose: purpose.rawValue, phone: phone.e164)
            return .mismatch(attemptsLeft: policy.codeMaxAttempts - record.attempts - 1)
        }
        try store.markOneTimeCodeUsed(purpose: purpose.rawValue, phone: phone.e164, at: now)
        return .accepted
    }
}

extension OneTimeCodes.Check {
    /// A name for log lines.
    var logName: String {
        switch self {
        case .accepted: return "accepted"
        case .mismatch: return "mismatch"
        case .expired: return "expired"
        case .attemptsExhausted: return "attempts_exhausted"
        case .alreadyUsed: return "already_used"
        case .none: return "none"
        }
    }
}
