import Foundation

extension SakuraStore {
    /// Stores a new session.
    public func insertSession(_ session: SessionRecord) throws {
        try database.prepare("""
            INSERT INTO sessions (token_hash, account_id, csrf_hash, created_at, last_seen_at, expires_at, absolute_expires_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """).run([.blob(session.tokenHash), .integer(session.accountID), .blob(session.csrfHash), .text(Timestamp.string(from: session.createdAt)),
                      .text(Timestamp.string(from: session.lastSeenAt)), .text(Timestamp.string(from: session.expiresAt)),
                      .text(Timestamp.string(from: session.absoluteExpiresAt))])
    }

    /// Returns the session with this token hash, or nil.
    public func session(tokenHash: [UInt8]) throws -> SessionRecord? {
        try database.prepare("""
            SELECT token_hash, account_id, csrf_hash, created_at, last_seen_at, expires_at, absolute_expires_at FROM sessions WHERE token_hash = ?1
            """).rows([.blob(tokenHash)]) { row in
            SessionRecord(tokenHash: row.blob(0), accountID: row.int(1), csrfHash: row.blob(2), createdAt: Timestamp.storedDate(row.text(3)),
                          lastSeenAt: Timestamp.storedDate(row.text(4)), expiresAt: Timestamp.storedDate(row.text(5)),
                          absoluteExpiresAt: Timestamp.storedDate(row.text(6)))
        }.first
    }

    /// Moves a session's last use and sliding expiry forward.
    public func touchSession(tokenHash: [UInt8], lastSeenAt: Date, expiresAt: Date) throws {
        try database.prepare("UPDATE sessions SET last_seen_at = ?2, expires_at = ?3 WHERE token_hash = ?1")
            .run([.blob(tokenHash), .text(Timestamp.string(from: lastSeenAt)), .text(Timestamp.string(from: expiresAt))])
    }

    /// Deletes one session; returns false when it did not exist.
    @discardableResult
    public func deleteSession(tokenHash: [UInt8]) throws -> Bool {
        try database.prepare("DELETE FROM sessions WHERE token_hash = ?1").run([.blob(tokenHash)])
        return database.changes == 1
    }

    /// Deletes every session of an account except the one with `keeping` as its hash.
    public func deleteSessions(accountID: Int64, keeping: [UInt8]?) throws {
        try database.prepare("DELETE FROM sessions WHERE account_id = ?1 AND token_hash IS NOT ?2")
            .run([.integer(accountID), keeping.map { .blob($0) } ?? .null])
    }

    /// Deletes sessions whose sliding or absolute expiry is before `date`.
    public func deleteExpiredSessions(before date: Date) throws {
        let text = Timestamp.string(from: date)
        try database.prepare("DELETE FROM sessions WHERE expires_at < ?1 OR absolute_expires_at < ?1").run([.text(text)])
    }
}
