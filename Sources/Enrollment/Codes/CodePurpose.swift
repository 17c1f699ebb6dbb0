/// What a one-time code is for. Each purpose keeps its own active code per phone.
public enum CodePurpose: String, Sendable, CaseIterable {
    /// Confirms a phone typed in an application or in the settings.
    case phone
    /// The first cabinet login by IIN: the code goes to the phone on record.
    case login
    /// A password reset by IIN: the code goes to the phone on record.
    case reset

    /// The message catalogue key of the SMS carrying the code.
    var messageKey: String { "sms.code.\(rawValue)" }
}
