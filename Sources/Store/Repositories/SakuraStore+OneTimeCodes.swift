import Foundation

extension SakuraStore {
    /// Stores a code, replacing any earlier code of the same purpose and phone, so one stays active.
    public func replaceOneTimeCode(_ code: OneTimeCodeRecord) throws {
        try database.prepare("""
            INSERT INTO one_time_codes (purpose, phone, subject, code_hash, created_at, expires_at, attempts, used_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (purpose, phone) DO UPDATE SET subject = ?3, code_hash = ?4, created_at = ?5, expires_at = ?6, attempts = ?7, used_at = ?8
            """).run([.text(code.purpose), .text(code.phone), .optional(code.subject), .blob(code.codeHash),
                      .text(Timestamp.string(from: code.createdAt)), .text(Timestamp.string(from: code.expiresAt)),
                      .integer(Int64(code.attempts)), .optional(code.usedAt.map(Timestamp.string(from:)))])
    }

    /// Returns the code of a purpose and phone, active or not, or nil.
    public func oneTimeCode(purpose: String, phone: String) throws -> OneTimeCodeRecord? {
        try database.prepare("""
            SELECT purpose, phone, subject, code_hash, created_at, expires_at, attempts, used_at FROM one_time_codes WHERE purpose = ?1 AND phone = ?2
            """).rows([.text(purpose), .text(phone)]) { row in
            OneTimeCodeRecord(purpose: row.text(0), phone: row.text(1), subject: row.optionalText(2), codeHash: row.blob(3),
                              createdAt: Timestamp.storedDate(row.text(4)), expiresAt: Timestamp.storedDate(row.text(5)),
                              attempts: Int(row.int(6)), usedAt: row.optionalText(7).map(Timestamp.storedDate))
        }.first
    }

    /// Records one more wrong guess for a code.
    public func incrementOneTimeCodeAttempts(purpose: String, phone: String) throws {
        try database.prepare("UPDATE one_time_codes SET attempts = attempts + 1 WHERE purpose = ?1 AND phone = ?2")
            .run([.text(purpose), .text(phone)])
    }

    /// Marks a code as used, so it is never accepted again.
    public func markOneTimeCodeUsed(purpose: String, phone: String, at date: Date) throws {
        try database.prepare("UPDATE one_time_codes SET used_at = ?3 WHERE purpose = ?1 AND phone = ?2")
            .run([.text(purpose), .text(phone), .text(Timestamp.string(from: date))])
    }

    /// Deletes codes that expired before `date`; returns how many.
    @discardableResult
    public func deleteExpiredOneTimeCodes(before date: Date) throws -> Int {
        try database.prepare("DELETE FROM one_time_codes WHERE expires_at < ?1").run([.text(Timestamp.string(from: date))])
        return database.changes
    }
}
