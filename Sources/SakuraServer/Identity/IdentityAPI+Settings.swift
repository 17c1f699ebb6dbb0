import Enrollment
import HTTPServer
import JSON

extension IdentityAPI {
    /// The fields `PUT /api/v1/me/settings` accepts; each may be left out.
    static let settingsFields = ["phone", "phone_confirmation", "extra_phone", "extra_phone_confirmation", "email", "notify_sms",
                                 "notify_email", "language", "current_password", "new_password"]

    /// `GET /api/v1/me/settings`: the logged-in parent's settings.
    static func settings(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let session = try SessionCredentials.session(request, identity, stateChanging: false)
        return .json(settingsJSON(try identity.service.settings(session, client: client(request))))
    }

    /// `PUT /api/v1/me/settings`: changes the fields given and returns the new settings.
    ///
    /// A new `phone` or `extra_phone` needs `phone_confirmation` or `extra_phone_confirmation`
    /// from `verify-code` for that number; `extra_phone` or `email` set to null removes it; a
    /// password change needs `current_password` and `new_password`.
    static func updateSettings(_ request: HTTPRequest, _ identity: IdentityServices) throws -> HTTPResponse {
        let session = try SessionCredentials.session(request, identity, stateChanging: true)
        let body = try RequestBody(request, allowed: settingsFields)
        var update = SettingsUpdate()
        update.phone = try body.optionalString("phone")
        update.phoneConfirmation = try body.optionalString("phone_confirmation")
        update.extraPhone = try change(body, "extra_phone")
        update.extraPhoneConfirmation = try body.optionalString("extra_phone_confirmation")
        update.email = try change(body, "email")
        update.notifyBySMS = try body.optionalBool("notify_sms")
        update.notifyByEmail = try body.optionalBool("notify_email")
        update.language = try body.optionalString("language")
        update.currentPassword = try body.optionalString("current_password")
        update.newPassword = try body.optionalString("new_password")
        guard !update.isEmpty else { throw APIError(status: 400, code: "empty_update") }
        return .json(settingsJSON(try identity.service.updateSettings(session, update, client: client(request))))
    }

    /// A field that is absent (unchanged), null (cleared) or a string (set).
    private static func change(_ body: RequestBody, _ name: String) throws -> FieldChange<String> {
        guard body.contains(name) else { return .unchanged }
        guard let value = try body.optionalString(name) else { return .clear }
        return .set(value)
    }

    static func settingsJSON(_ settings: AccountSettings) -> JSONValue {
        [
            "iin": .string(settings.iin),
            "phone": .optional(settings.phone?.e164),
            "extra_phone": .optional(settings.extraPhone?.e164),
            "email": .optional(settings.email?.address),
            "notify_sms": .bool(settings.notifyBySMS),
            "notify_email": .bool(settings.notifyByEmail),
            "language": .string(settings.language),
            "password_changed_at": settings.passwordChangedAt.map(timestamp) ?? .null,
        ]
    }
}
