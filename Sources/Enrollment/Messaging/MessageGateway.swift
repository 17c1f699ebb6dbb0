/// A text message to a phone.
public struct SMSMessage: Sendable, Equatable {
    public var phone: PhoneNumber
    /// The rendered text; it may carry a one-time code, so it is never logged.
    public var text: String

    public init(phone: PhoneNumber, text: String) {
        self.phone = phone
        self.text = text
    }
}

/// An e-mail message.
public struct EmailMessage: Sendable, Equatable {
    public var address: EmailAddress
    public var subject: String
    /// The rendered plain-text body; never logged.
    public var body: String

    public init(address: EmailAddress, subject: String, body: String) {
        self.address = address
        self.subject = subject
        self.body = body
    }
}

/// Sends text messages. Implementations: `OutboxGateway` (development), `HTTPMessageGateway`,
/// and `BackgroundGateway` around either. Thread safety: callable from any thread.
public protocol SMSGateway: Sendable {
    /// Sends or queues `message`.
    /// - Throws: `EnrollmentError` "message_not_sent" when the message cannot be handed over.
    func send(_ message: SMSMessage) throws(EnrollmentError)
}

/// Sends e-mail. Same implementations and contract as `SMSGateway`.
public protocol EmailGateway: Sendable {
    func send(_ message: EmailMessage) throws(EnrollmentError)
}
