import Foundation
import Store

extension IdentityService {
    /// The languages a parent can choose for notifications.
    public static let languages = ["kk", "ru", "en"]

    /// Returns the settings of the session's account.
    public func settings(_ session: AuthenticatedSession, client: ClientContext) throws(EnrollmentError) -> AccountSettings {
        let account = try storage(client, "read account") { try database.read { try $0.account(id: session.accountID) } }
        guard let account else { throw Self.sessionRequired }
        return Self.settings(of: account)
    }

    static func settings(of account: AccountRecord) -> AccountSettings {
        AccountSettings(iin: account.iin, phone: PhoneNumber(e164: account.phone),
                        extraPhone: account.extraPhone.flatMap { PhoneNumber(e164: $0) },
                        email: account.email.flatMap { try? EmailAddress($0) }, notifyBySMS: account.notifyBySMS,
                        notifyByEmail: account.notifyByEmail, language: account.language, passwordChangedAt: account.passwordChangedAt)
    }

    /// Applies `update` in one transaction and returns the new settings.
    ///
    /// A new phone needs a phone confirmation for exactly that number, which is spent. E-mail
    /// notifications need an e-mail address, and at least one channel stays on. A password change
    /// needs the current password, counts wrong ones like failed logins, and ends every other session.
    /// - Throws: `EnrollmentError` naming the field at fault; nothing is written on any error.
    public func updateSettings(_ session: AuthenticatedSession, _ update: SettingsUpdate,
                               client: ClientContext) throws(EnrollmentError) -> AccountSettings {
        let phone = try update.phone.map { (text) throws(EnrollmentError) in try PhoneNumber(text, field: "phone") }
        if phone != nil && update.phoneConfirmation == nil { throw EnrollmentError.invalid("missing_field", field: "phone_confirmation") }
        var extraPhone: FieldChange<PhoneNumber> = .unchanged
        switch update.extraPhone {
        case .unchanged: break
        case .clear: extraPhone = .clear
        case .set(let text):
            extraPhone = .set(try PhoneNumber(text, field: "extra_phone"))
            if update.extraPhoneConfirmation == nil { throw EnrollmentError.invalid("missing_field", field: "extra_phone_confirmation") }
        }
        var email: FieldChange<EmailAddress> = .unchanged
        switch update.email {
        case .unchanged: break
        case .clear: email = .clear
        case .set(let text): email = .set(try EmailAddress(text))
        }
        if let language = update.language, !Self.languages.contains(language) {
            throw EnrollmentError.invalid("unknown_language", field: "language", arguments: ["allowed": Self.languages.joined(separator: ", ")])
        }

        let account = try storage(client, "read account") { try database.read { try $0.account(id: session.accountID) } }
        guard let account else { throw Self.sessionRequired }
        let newPasswordHash = try passwordChange(update, account: account, client: client)

        var changed = account
        if let phone { changed.phone = phone.e164 }
        switch extraPhone {
        case .unchanged: break
        case .clear: changed.extraPhone = nil
        case .set(let value): changed.extraPhone = value.e164
        }
        switch email {
        case .unchanged: break
        case .clear: changed.email = nil
        case .set(let value): changed.email = value.address
        }
        if let value = update.notifyBySMS { changed.notifyBySMS = value }
        if let value = update.notifyByEmail { changed.notifyByEmail = value }
        if let value = update.language { changed.language = value }
        if changed.extraPhone != nil && changed.extraPhone == changed.phone {
            throw EnrollmentError.invalid("extra_phone_same", field: "extra_phone")
        }
        if changed.notifyByEmail && changed.email == nil {
            throw EnrollmentError.invalid("email_required_for_notifications", field: update.notifyByEmail == true ? "notify_email" : "email")
        }
        if !changed.notifyBySMS && !changed.notifyByEmail {
            throw EnrollmentError.invalid("notification_channel_required", field: update.notifyBySMS == false ? "notify_sms" : "notify_email")
        }

        let now = time.now()
        changed.updatedAt = now
        if let newPasswordHash {
            changed.passwordHash = newPasswordHash
            changed.passwordChangedAt = now
        }
        let saved = changed
        try storage(client, "update settings") {
            try database.write { store in
                if let phone { try spendConfirmation(update.phoneConfirmation, for: phone, field: "phone_confirmation", now: now, in: store) }
                if case .set(let value) = extraPhone {
                    try spendConfirmation(update.extraPhoneConfirmation, for: value, field: "extra_phone_confirmation", now: now, in: store)
                }
                try store.updateAccount(saved)
                if newPasswordHash != nil {
                    try store.deleteSessions(accountID: account.id, keeping: session.tokenHash)
                    try throttle.clear(keys.bucket("login-iin", account.iin), in: store)
                }
            }
        }

        log.info("settings changed", client, [("account_id", String(account.id)), ("fields", Self.changedFields(update).joined(separator: ","))])
        if newPasswordHash != nil { notifyPasswordChanged(saved, client: client) }
        return Self.settings(of: saved)
    }

    /// Verifies the current password and hashes the new one; nil when the update has no password change.
    private func passwordChange(_ update: SettingsUpdate, account: AccountRecord, client: ClientContext) throws(EnrollmentError) -> String? {
        guard let newPassword = update.newPassword else {
            if update.currentPassword != nil { throw EnrollmentError.invalid("missing_field", field: "new_password") }
            return nil
        }
        guard let current = update.currentPassword else { throw EnrollmentError.invalid("missing_field", field: "current_password") }

        let iinKey = keys.bucket("login-iin", account.iin)
        let now = time.now()
        let wait = try storage(client, "read login state") { try database.read { try throttle.remainingLock([iinKey], now: now, in: $0) } }
        if let wait {
            var error = EnrollmentError.rateLimited(retryAfter: wait, field: "current_password")
            error.code = "login_locked"
            error.messageKey = "login_locked"
            throw error
        }
        let matches = account.passwordHash.map { hasher.verify(current, against: $0) } ?? false
        guard matches else {
            let record = try storage(client, "record login failure") {
                try database.write { try throttle.recordFailure(iinKey, free: policy.freeLoginFailuresPerIIN, now: now, in: $0) }
            }
            log.warning("password change rejected: current password wrong", client, [("account_id", String(account.id)),
                                                                                     ("failures", String(record.failures))])
            throw EnrollmentError(.forbidden, code: "current_password_wrong", field: "current_password")
        }
        guard newPassword != current else { throw EnrollmentError.invalid("password_unchanged", field: "new_password") }
        try policy.password.check(newPassword, iin: try? IIN(account.iin), phone: PhoneNumber(e164: account.phone), field: "new_password")
        return try hasher.hash(newPassword)
    }

    static func changedFields(_ update: SettingsUpdate) -> [String] {
        var fields: [String] = []
        if update.phone != nil { fields.append("phone") }
        if update.extraPhone != .unchanged { fields.append("extra_phone") }
        if update.email != .unchanged { fields.append("email") }
        if update.notifyBySMS != nil { fields.append("notify_sms") }
        if update.notifyByEmail != nil { fields.append("notify_email") }
        if update.language != nil { fields.append("language") }
        if update.newPassword != nil { fields.append("password") }
        return fields
    }
}
