import Crypto
import Foundation
import Store

extension IdentityService {
    /// Where a login or reset code for an IIN goes: the account's phone, else the register's phone on record.
    struct Destination {
        let phone: PhoneNumber
        let language: String
        let accountExists: Bool
    }

    func destination(for iin: IIN, client: ClientContext) throws(EnrollmentError) -> Destination? {
        let account = try storage(client, "read account") { try database.read { try $0.account(iin: iin.digits) } }
        if let account, let phone = PhoneNumber(e164: account.phone) {
            return Destination(phone: phone, language: account.language, accountExists: true)
        }
        guard let phone = try register.person(iin)?.phone else { return nil }
        return Destination(phone: phone, language: client.language, accountExists: false)
    }

    /// Sends a login (first login) or reset code to the phone on record for `iin`.
    ///
    /// The answer is the same whether the IIN is known or not. Requests are limited per IIN and per
    /// client address (answered 429) whatever the IIN, and per phone without telling the caller.
    /// NOTE: a known IIN costs two more database writes (the code and the outbox row, or a queue
    /// hand-over with `BackgroundGateway`), so its answer comes later by roughly a tenth of a
    /// millisecond, going by the write times in BENCHMARKS.md; nothing pads the difference.
    /// - Throws: "invalid_iin", "unknown_purpose", "rate_limited", "register_unavailable".
    public func requestLoginCode(iin text: String, purpose: CodePurpose, client: ClientContext) throws(EnrollmentError) -> CodeReceipt {
        guard purpose != .phone else { throw EnrollmentError.invalid("unknown_purpose", field: "purpose") }
        let iin = try IIN(text)
        try consumeLimits([hourly("code-iin", iin.digits, max: policy.codesPerHour, interval: policy.codeResendInterval),
                           hourly("code-address", client.address, max: policy.codesPerHourPerAddress, interval: nil)],
                          field: "iin", client: client, [("purpose", purpose.rawValue), ("iin", iin.masked)])

        guard let destination = try destination(for: iin, client: client) else {
            log.info("code not sent: no phone on record", client, [("purpose", purpose.rawValue), ("iin", iin.masked)])
            return receipt
        }

        let digits = try OneTimeCodes.generate()
        let now = time.now()
        let phoneLimit = [hourly("code-phone", destination.phone.e164, max: policy.codesPerHour, interval: policy.codeResendInterval)]
        let stored: Bool = try storage(client, "store code") {
            try database.write { store in
                if try limiter.delay(phoneLimit, now: now, in: store) != nil { return false }
                try limiter.record(phoneLimit, now: now, in: store)
                try codes.store(digits, purpose: purpose, phone: destination.phone, subject: keys.bucket("iin", iin.digits), now: now, in: store)
                return true
            }
        }
        guard stored else {
            log.warning("code not sent: phone rate limit", client, [("purpose", purpose.rawValue), ("iin", iin.masked),
                                                                   ("phone", destination.phone.masked)])
            return receipt
        }
        if sendCode(digits, purpose: purpose, to: destination.phone, language: destination.language, client: client) {
            log.info("code sent", client, [("purpose", purpose.rawValue), ("iin", iin.masked), ("phone", destination.phone.masked)])
        }
        return receipt
    }

    /// Checks a login or reset code and returns a password-setup token for the account, creating the
    /// account from the register on the first login.
    /// - Throws: "invalid_iin", "invalid_code_format", "code_rejected", "register_unavailable".
    public func verifyLoginCode(iin text: String, purpose: CodePurpose, code: String, client: ClientContext) throws(EnrollmentError) -> IssuedToken {
        guard purpose != .phone else { throw EnrollmentError.invalid("unknown_purpose", field: "purpose") }
        let iin = try IIN(text)
        guard OneTimeCodes.isWellFormed(code) else { throw EnrollmentError.invalid("invalid_code_format", field: "code") }
        guard let destination = try destination(for: iin, client: client) else {
            log.warning("code rejected", client, [("purpose", purpose.rawValue), ("iin", iin.masked), ("reason", "no_phone_on_record")])
            throw Self.codeRejected
        }

        let now = time.now()
        let subject = keys.bucket("iin", iin.digits)
        let (check, token, accountID): (OneTimeCodes.Check, IssuedToken?, Int64?) = try storage(client, "verify code") {
            try database.write { store in
                let check = try codes.check(code, purpose: purpose, phone: destination.phone, subject: subject, now: now, in: store)
                guard check == .accepted else { return (check, nil, nil) }
                var account = try store.account(iin: iin.digits)
                if account == nil {
                    account = try store.insertAccount(AccountRecord(iin: iin.digits, phone: destination.phone.e164, language: destination.language,
                                                                    createdAt: now, updatedAt: now))
                }
                let token = try issueToken(kind: "password_setup", accountID: account!.id, phone: nil, lifetime: policy.setupTokenLifetime,
                                           now: now, in: store)
                return (check, token, account!.id)
            }
        }
        guard let token, let accountID else {
            log.warning("code rejected", client, [("purpose", purpose.rawValue), ("iin", iin.masked), ("reason", check.logName)])
            throw Self.codeRejected
        }
        log.info("code accepted", client, [("purpose", purpose.rawValue), ("iin", iin.masked), ("account_id", String(accountID)),
                                          ("new_account", String(!destination.accountExists))])
        return token
    }

    /// Sets the password with a setup token from `verifyLoginCode`, ends every other session of the
    /// account, and returns a new session.
    /// - Throws: "setup_token_invalid", "weak_password".
    public func setPassword(setupToken: String, password: String, client: ClientContext) throws(EnrollmentError) -> NewSession {
        let invalid = EnrollmentError(.unauthorized, code: "setup_token_invalid", field: "setup_token")
        guard let hash = SecretToken.hash(setupToken) else { throw invalid }
        let now = time.now()
        let account: AccountRecord? = try storage(client, "read setup token") {
            try database.read { store in
                guard let record = try store.identityToken(hash: hash, kind: "password_setup"), record.usedAt == nil, record.expiresAt > now,
                      let accountID = record.accountID else { return nil }
                return try store.account(id: accountID)
            }
        }
        guard let account else {
            log.warning("password not set: setup token invalid", client)
            throw invalid
        }
        try policy.password.check(password, iin: try? IIN(account.iin), phone: PhoneNumber(e164: account.phone))

        let passwordHash = try hasher.hash(password)
        let session = try newSessionTokens()
        let iinKey = keys.bucket("login-iin", account.iin)
        try storage(client, "set password") {
            try database.write { store in
                guard try store.markIdentityTokenUsed(hash: hash, at: now), var current = try store.account(id: account.id) else { throw invalid }
                current.passwordHash = passwordHash
                current.passwordChangedAt = now
                current.updatedAt = now
                try store.updateAccount(current)
                try store.deleteSessions(accountID: account.id, keeping: nil)
                try throttle.clear(iinKey, in: store)
                try storeSession(session, accountID: account.id, now: now, in: store)
            }
        }
        log.info("password set", client, [("account_id", String(account.id))])
        notifyPasswordChanged(account, client: client)
        return session.issued(accountID: account.id, now: now, policy: policy)
    }

    /// Logs in with IIN and password and returns a new session.
    ///
    /// A wrong password and an unknown IIN get the same error after the same PBKDF2 work. Failures
    /// count per IIN and per client address; past the free failures, the key is locked for a
    /// growing time and answered "login_locked" (429 with the wait) without checking the password.
    /// - Throws: "invalid_iin", "login_failed", "login_locked".
    public func login(iin text: String, password: String, client: ClientContext) throws(EnrollmentError) -> NewSession {
        let iin = try IIN(text)
        let iinKey = keys.bucket("login-iin", iin.digits)
        let addressKey = keys.bucket("login-address", client.address)
        let now = time.now()

        let (wait, account): (TimeInterval?, AccountRecord?) = try storage(client, "read login state") {
            try database.read { store in (try throttle.remainingLock([iinKey, addressKey], now: now, in: store), try store.account(iin: iin.digits)) }
        }
        if let wait {
            log.warning("login rejected: locked", client, [("iin", iin.masked), ("retry_after_seconds", String(Int(wait.rounded(.up))))])
            var error = EnrollmentError.rateLimited(retryAfter: wait)
            error.code = "login_locked"
            error.messageKey = "login_locked"
            throw error
        }

        var matches = false
        if let stored = account?.passwordHash, password.count <= policy.password.maxLength {
            matches = hasher.verify(password, against: stored)
        } else {
            hasher.verifyNothing(String(password.prefix(policy.password.maxLength)))
        }

        guard matches, let account, let stored = account.passwordHash else {
            let (byIIN, byAddress) = try storage(client, "record login failure") {
                try database.write { store in
                    (try throttle.recordFailure(iinKey, free: policy.freeLoginFailuresPerIIN, now: now, in: store),
                     try throttle.recordFailure(addressKey, free: policy.freeLoginFailuresPerAddress, now: now, in: store))
                }
            }
            let lockEnd = [byIIN.lockedUntil, byAddress.lockedUntil].compactMap { $0 }.max()
            log.warning("login failed", client, [("iin", iin.masked), ("failures", String(byIIN.failures)),
                                                 ("locked_seconds", String(Int((lockEnd?.timeIntervalSince(now) ?? 0).rounded(.up))))])
            var error = EnrollmentError(.unauthorized, code: "login_failed", field: "password")
            if let lockEnd { error.retryAfter = max(1, Int(lockEnd.timeIntervalSince(now).rounded(.up))) }
            throw error
        }

        let upgraded = hasher.needsRehash(stored) ? try hasher.hash(password) : nil
        let session = try newSessionTokens()
        try storage(client, "start session") {
            try database.write { store in
                try throttle.clear(iinKey, in: store)
                if let upgraded, var current = try store.account(id: account.id) {
                    current.passwordHash = upgraded
                    current.updatedAt = now
                    try store.updateAccount(current)
                }
                try storeSession(session, accountID: account.id, now: now, in: store)
            }
        }
        log.info("login succeeded", client, [("account_id", String(account.id)), ("rehashed", String(upgraded != nil))])
        return session.issued(accountID: account.id, now: now, policy: policy)
    }

    /// Sends the "password changed" notice through the account's notification channels; failures are logged.
    func notifyPasswordChanged(_ account: AccountRecord, client: ClientContext) {
        let text = MessageTexts.passwordChanged(language: account.language)
        if account.notifyBySMS, let phone = PhoneNumber(e164: account.phone) {
            try? sms.send(SMSMessage(phone: phone, text: text.body))
        }
        if account.notifyByEmail, let address = account.email.flatMap({ try? EmailAddress($0) }) {
            try? email.send(EmailMessage(address: address, subject: text.subject, body: text.body))
        }
    }
}
