import Foundation

extension SakuraStore {
    private static let accountColumns = """
        id, iin, phone, extra_phone, email, notify_sms, notify_email, language, password_hash, password_changed_at, created_at, updated_at
        """

    private static func account(_ row: Row) -> AccountRecord {
        AccountRecord(id: row.int(0), iin: row.text(1), phone: row.text(2), extraPhone: row.optionalText(3), email: row.optionalText(4),
                      notifyBySMS: row.int(5) != 0, notifyByEmail: row.int(6) != 0, language: row.text(7), passwordHash: row.optionalText(8),
                      passwordChangedAt: row.optionalText(9).map(Timestamp.storedDate), createdAt: Timestamp.storedDate(row.text(10)),
                      updatedAt: Timestamp.storedDate(row.text(11)))
    }

    /// Returns the account of an IIN, or nil.
    public func account(iin: String) throws -> AccountRecord? {
        try database.prepare("SELECT \(Self.accountColumns) FROM accounts WHERE iin = ?1").rows([.text(iin)], Self.account).first
    }

    /// Returns the account with this id, or nil.
    public func account(id: Int64) throws -> AccountRecord? {
        try database.prepare("SELECT \(Self.accountColumns) FROM accounts WHERE id = ?1").rows([.integer(id)], Self.account).first
    }

    /// Inserts a new account and returns it with its id.
    /// - Throws: `StoreError.sqlite` with a constraint code when the IIN already has an account.
    public func insertAccount(_ account: AccountRecord) throws -> AccountRecord {
        try database.prepare("""
            INSERT INTO accounts (iin, phone, extra_phone, email, notify_sms, notify_email, language, password_hash, password_changed_at,
                                  created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """).run([.text(account.iin), .text(account.phone), .optional(account.extraPhone), .optional(account.email),
                      .integer(account.notifyBySMS ? 1 : 0), .integer(account.notifyByEmail ? 1 : 0), .text(account.language),
                      .optional(account.passwordHash), .optional(account.passwordChangedAt.map(Timestamp.string(from:))),
                      .text(Timestamp.string(from: account.createdAt)), .text(Timestamp.string(from: account.updatedAt))])
        var stored = account
        stored.id = database.lastInsertRowID
        return stored
    }

    /// Writes every field of an existing account except its id, IIN and creation time.
    public func updateAccount(_ account: AccountRecord) throws {
        try database.prepare("""
            UPDATE accounts SET phone = ?2, extra_phone = ?3, email = ?4, notify_sms = ?5, notify_email = ?6, language = ?7,
                password_hash = ?8, password_changed_at = ?9, updated_at = ?10
            WHERE id = ?1
            """).run([.integer(account.id), .text(account.phone), .optional(account.extraPhone), .optional(account.email),
                      .integer(account.notifyBySMS ? 1 : 0), .integer(account.notifyByEmail ? 1 : 0), .text(account.language),
                      .optional(account.passwordHash), .optional(account.passwordChangedAt.map(Timestamp.string(from:))),
                      .text(Timestamp.string(from: account.updatedAt))])
        guard database.changes == 1 else { throw StoreError.notFound(entity: "account", id: String(account.id)) }
    }
}
