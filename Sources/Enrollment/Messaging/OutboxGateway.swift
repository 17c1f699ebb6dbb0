import Store

/// The development gateway: keeps every message in the `outbox` table instead of sending it,
/// and writes a masked log line. `sakura outbox --db PATH` lists the messages, so a tester can
/// read a code. Never use it in production: codes in the outbox are readable by anyone with the database.
public struct OutboxGateway: SMSGateway, EmailGateway {
    let database: IdentityDatabase
    let time: any TimeSource
    let log: IdentityLog

    public init(database: IdentityDatabase, time: any TimeSource = SystemTime(), log: IdentityLog = .discard) {
        self.database = database
        self.time = time
        self.log = log
    }

    public func send(_ message: SMSMessage) throws(EnrollmentError) {
        try keep(OutboxMessage(channel: "sms", recipient: message.phone.e164, subject: nil, body: message.text, createdAt: time.now()),
                 maskedRecipient: message.phone.masked)
    }

    public func send(_ message: EmailMessage) throws(EnrollmentError) {
        try keep(OutboxMessage(channel: "email", recipient: message.address.address, subject: message.subject, body: message.body,
                               createdAt: time.now()),
                 maskedRecipient: message.address.masked)
    }

    private func keep(_ message: OutboxMessage, maskedRecipient: String) throws(EnrollmentError) {
        do {
            let id = try database.write { try $0.insertOutboxMessage(message) }
            log.info("message kept in outbox", nil, [("channel", message.channel), ("to", maskedRecipient), ("outbox_id", String(id))])
        } catch {
            log.error("outbox write failed", nil, [("channel", message.channel), ("to", maskedRecipient), ("error", String(describing: error))])
            throw EnrollmentError.unavailable("message_not_sent")
        }
    }
}
