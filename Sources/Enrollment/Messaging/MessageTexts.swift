import Localization

/// Renders the parent-facing texts of messages from the message catalogue.
enum MessageTexts {
    static func language(_ code: String) -> Language {
        Language(rawValue: code) ?? .default
    }

    /// The SMS carrying a one-time code.
    static func code(_ digits: String, purpose: CodePurpose, lifetime: Double, language: String) -> String {
        MessageCatalogue.text(purpose.messageKey, Self.language(language), ["code": digits, "minutes": String(Int(lifetime / 60))])
    }

    /// The notice that the cabinet password was set or changed.
    static func passwordChanged(language: String) -> (subject: String, body: String) {
        let chosen = Self.language(language)
        return (MessageCatalogue.text("email.password_changed.subject", chosen), MessageCatalogue.text("notice.password_changed", chosen))
    }
}
