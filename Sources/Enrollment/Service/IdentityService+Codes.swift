import Crypto
import Foundation
import Store

extension IdentityService {
    /// The error for every rejected code, whatever the reason, so a failure tells nothing about the phone or IIN.
    static let codeRejected = EnrollmentError(.invalidInput, code: "code_rejected", field: "code")

    var receipt: CodeReceipt {
        CodeReceipt(expiresIn: Int(policy.codeLifetime), resendAfter: Int(policy.codeResendInterval))
    }

    func hourly(_ kind: String, _ value: String, max: Int, interval: TimeInterval?) -> RateLimiter.Limit {
        RateLimiter.Limit(bucket: keys.bucket(kind, value), maxCount: max, window: 3600, interval: interval)
    }

    /// Checks and records `limits` in one transaction; throws "rate_limited" with the wait when any is exceeded.
    func consumeLimits(_ limits: [RateLimiter.Limit], field: String?, client: ClientContext, _ logFields: [(String, String)]) throws(EnrollmentError) {
        let now = time.now()
        let wait: TimeInterval? = try storage(client, "rate limit") {
            try database.write { store in
                if let wait = try limiter.delay(limits, now: now, in: store) { return wait }
                try limiter.record(limits, now: now, in: store)
                return nil
            }
        }
        if let wait {
            log.warning("request rate limited", client, logFields + [("retry_after_seconds", String(Int(wait.rounded(.up))))])
            throw EnrollmentError.rateLimited(retryAfter: wait, field: field)
        }
    }

    /// Sends a code by SMS. Returns false when the gateway failed; the failure is logged.
    func sendCode(_ digits: String, purpose: CodePurpose, to phone: PhoneNumber, language: String, client: ClientContext) -> Bool {
        let text = MessageTexts.code(digits, purpose: purpose, lifetime: policy.codeLifetime, language: language)
        do {
            try sms.send(SMSMessage(phone: phone, text: text))
            return true
        } catch {
            log.error("code message not sent", client, [("purpose", purpose.rawValue), ("phone", phone.masked), ("error", error.description)])
            return false
        }
    }

    /// Creates a single-use token of `kind`; call inside a write transaction.
    func issueToken(kind: String, accountID: Int64?, phone: PhoneNumber?, lifetime: TimeInterval, now: Date, in store: SakuraStore) throws -> IssuedToken {
        let token = try SecretToken.generate()
        let expiresAt = now.addingTimeInterval(lifetime)
        try store.insertIdentityToken(IdentityTokenRecord(tokenHash: SecretToken.hash(token)!, kind: kind, accountID: accountID,
                                                          phone: phone?.e164, createdAt: now, expiresAt: expiresAt))
        return IssuedToken(token: token, expiresAt: expiresAt)
    }

    // MARK: Phone confirmation

    /// Sends a code to confirm `phone` (an application's main or extra phone, or a new phone in the settings).
    ///
    /// Limited per phone (`codeResendInterval` apart, `codesPerHour`) and per client address.
    /// - Throws: "invalid_phone", "rate_limited", "message_not_sent".
    public func requestPhoneCode(phone text: String, client: ClientContext) throws(EnrollmentError) -> CodeReceipt {
        let phone = try PhoneNumber(text)
        try consumeLimits([hourly("code-phone", phone.e164, max: policy.codesPerHour, interval: policy.codeResendInterval),
                           hourly("code-address", client.address, max: policy.codesPerHourPerAddress, interval: nil)],
                          field: "phone", client: client, [("purpose", "phone"), ("phone", phone.masked)])

        let digits = try OneTimeCodes.generate()
        let now = time.now()
        try storage(client, "store code") {
            try database.write { try codes.store(digits, purpose: .phone, phone: phone, subject: nil, now: now, in: $0) }
        }
        guard sendCode(digits, purpose: .phone, to: phone, language: client.language, client: client) else {
            throw EnrollmentError.unavailable("message_not_sent")
        }
        log.info("code sent", client, [("purpose", "phone"), ("phone", phone.masked)])
        return receipt
    }

    /// Checks a phone code and returns a phone confirmation, valid `phoneConfirmationLifetime`,
    /// that the application flow, the settings and identity checks accept.
    /// - Throws: "invalid_phone", "invalid_code_format", "code_rejected".
    public func verifyPhoneCode(phone text: String, code: String, client: ClientContext) throws(EnrollmentError) -> IssuedToken {
        let phone = try PhoneNumber(text)
        guard OneTimeCodes.isWellFormed(code) else { throw EnrollmentError.invalid("invalid_code_format", field: "code") }
        let now = time.now()
        let (check, token): (OneTimeCodes.Check, IssuedToken?) = try storage(client, "verify code") {
            try database.write { store in
                let check = try codes.check(code, purpose: .phone, phone: phone, subject: nil, now: now, in: store)
                guard check == .accepted else { return (check, nil) }
                let token = try issueToken(kind: "phone_confirmation", accountID: nil, phone: phone, lifetime: policy.phoneConfirmationLifetime,
                                           now: now, in: store)
                return (check, token)
            }
        }
        guard let token else {
            log.warning("code rejected", client, [("purpose", "phone"), ("phone", phone.masked), ("reason", check.logName)])
            throw Self.codeRejected
        }
        log.info("phone confirmed", client, [("phone", phone.masked)])
        return token
    }

    /// Returns the phone of a valid, unexpired phone confirmation, used or not; nil otherwise.
    func confirmedPhone(_ token: String, now: Date, in store: SakuraStore) throws -> PhoneNumber? {
        guard let hash = SecretToken.hash(token), let record = try store.identityToken(hash: hash, kind: "phone_confirmation"),
              record.expiresAt > now, let phone = record.phone else { return nil }
        return PhoneNumber(e164: phone)
    }

    /// Spends a phone confirmation for `phone`; call inside a write transaction.
    /// - Throws: "confirmation_invalid" with `field` when the token is unknown, expired, used or for another phone.
    func spendConfirmation(_ token: String?, for phone: PhoneNumber, field: String, now: Date, in store: SakuraStore) throws {
        let invalid = EnrollmentError.invalid("confirmation_invalid", field: field)
        guard let token, let hash = SecretToken.hash(token), let record = try store.identityToken(hash: hash, kind: "phone_confirmation"),
              record.expiresAt > now, record.usedAt == nil, record.phone == phone.e164 else { throw invalid }
        guard try store.markIdentityTokenUsed(hash: hash, at: now) else { throw invalid }
    }
}
