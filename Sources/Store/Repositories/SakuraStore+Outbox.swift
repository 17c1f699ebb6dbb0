import Foundation

extension SakuraStore {
    /// Appends a message to the development outbox and returns its id.
    public func insertOutboxMessage(_ message: OutboxMessage) throws -> Int64 {
        try database.prepare("INSERT INTO outbox (channel, recipient, subject, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
            .run([.text(message.channel), .text(message.recipient), .optional(message.subject), .text(message.body),
                  .text(Timestamp.string(from: message.createdAt))])
        return database.lastInsertRowID
    }

    /// Returns the newest outbox messages first, at most `limit`, optionally of one channel or recipient.
    public func outboxMessages(limit: Int, channel: String? = nil, recipient: String? = nil) throws -> [OutboxMessage] {
        try database.prepare("""
            SELECT id, channel, recipient, subject, body, created_at FROM outbox
            WHERE (?1 IS NULL OR channel = ?1) AND (?2 IS NULL OR recipient = ?2)
            ORDER BY id DESC LIMIT ?3
            """).rows([.optional(channel), .optional(recipient), .integer(Int64(limit))]) { row in
            OutboxMessage(id: row.int(0), channel: row.text(1), recipient: row.text(2), subject: row.optionalText(3), body: row.text(4),
                          createdAt: Timestamp.storedDate(row.text(5)))
        }
    }
}
