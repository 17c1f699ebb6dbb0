import Foundation

extension SakuraStore {
    /// Stores a new single-use token.
    public func insertIdentityToken(_ token: IdentityTokenRecord) throws {
        try database.prepare("""
            INSERT INTO identity_tokens (token_hash, kind, account_id, phone, created_at, expires_at, used_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """).run([.blob(token.tokenHash), .text(token.kind), token.accountID.map { .integer($0) } ?? .null, .optional(token.phone),
                      .text(Timestamp.string(from: token.createdAt)), .text(Timestamp.string(from: token.expiresAt)),
                      .optional(token.usedAt.map(Timestamp.string(from:)))])
    }

    /// Returns the token with this hash and kind, or nil.
    public func identityToken(hash: [UInt8], kind: String) throws -> IdentityTokenRecord? {
        try database.prepare("""
            SELECT token_hash, kind, account_id, phone, created_at, expires_at, used_at FROM identity_tokens WHERE token_hash = ?1 AND kind = ?2
            """).rows([.blob(hash), .text(kind)]) { row in
            IdentityTokenRecord(tokenHash: row.blob(0), kind: row.text(1), accountID: row.isNull(2) ? nil : row.int(2), phone: row.optionalText(3),
                                createdAt: Timestamp.storedDate(row.text(4)), expiresAt: Timestamp.storedDate(row.text(5)),
                                usedAt: row.optionalText(6).map(Timestamp.storedDate))
        }.first
    }

    /// Marks a token as used; returns false when it was already used, so two requests cannot both spend it.
    public func markIdentityTokenUsed(hash: [UInt8], at date: Date) throws -> Bool {
        try database.prepare("UPDATE identity_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL")
            .run([.blob(hash), .text(Timestamp.string(from: date))])
        return database.changes == 1
    }

    /// Deletes tokens that expired before `date`.
    public func deleteExpiredIdentityTokens(before date: Date) throws {
        try database.prepare("DELETE FROM identity_tokens WHERE expires_at < ?1").run([.text(Timestamp.string(from: date))])
    }
}
