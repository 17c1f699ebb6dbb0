import Foundation

extension SakuraStore {
    static let staffColumns = "id, name, role, city_id, created_at, disabled_at"

    static func staffUser(_ row: Row) throws -> StaffUser {
        guard let role = StaffUser.Role(rawValue: row.text(2)) else {
            throw StoreError.invalidInput(field: "staff user \(row.int(0))", reason: "stored role \(row.text(2)) is unknown")
        }
        return StaffUser(id: Int(row.int(0)), name: row.text(1), role: role, cityID: row.optionalText(3), createdAt: row.text(4), disabledAt: row.optionalText(5))
    }

    /// Creates a staff account that signs in with the token whose hash is `tokenHash`.
    ///
    /// Planners and staff need a city; an admin without one may act in every city.
    public func addStaffUser(name: String, role: StaffUser.Role, cityID: String?, tokenHash: String) throws -> StaffUser {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw StoreError.invalidInput(field: "name", reason: "give the person's name, 1 to 200 characters")
        }
        if cityID == nil && role != .admin {
            throw StoreError.invalidInput(field: "city", reason: "a \(role.rawValue) account needs the city it works in")
        }
        if let cityID, try city(id: cityID) == nil {
            throw StoreError.notFound(entity: "city", id: cityID)
        }
        try database.prepare("INSERT INTO staff_users (name, role, city_id, token_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
            .run([.text(trimmed), .text(role.rawValue), .optional(cityID), .text(tokenHash), .text(Timestamp.now())])
        return try staffUser(id: Int(database.lastInsertRowID))!
    }

    public func staffUser(id: Int) throws -> StaffUser? {
        try database.prepare("SELECT \(Self.staffColumns) FROM staff_users WHERE id = ?1").rows([.integer(Int64(id))], Self.staffUser).first
    }

    /// Returns the active account whose token hashes to `tokenHash`, or nil.
    public func staffUser(tokenHash: String) throws -> StaffUser? {
        try database.prepare("SELECT \(Self.staffColumns) FROM staff_users WHERE token_hash = ?1 AND disabled_at IS NULL")
            .rows([.text(tokenHash)], Self.staffUser).first
    }

    public func staffUsers() throws -> [StaffUser] {
        try database.prepare("SELECT \(Self.staffColumns) FROM staff_users ORDER BY id").rows([], Self.staffUser)
    }

    /// Disables an account so its token no longer signs in; the account stays for the audit log.
    public func disableStaffUser(id: Int) throws {
        try database.prepare("UPDATE staff_users SET disabled_at = ?2 WHERE id = ?1 AND disabled_at IS NULL").run([.integer(Int64(id)), .text(Timestamp.now())])
        guard database.changes == 1 else { throw StoreError.notFound(entity: "active staff user", id: String(id)) }
    }

    // MARK: Audit log

    /// Records one write; call inside the transaction of the write so both commit together.
    public func recordAudit(user: StaffUser?, userName: String? = nil, cityID: String?, action: String, target: String,
                            beforeVersion: Int? = nil, afterVersion: Int? = nil, detail: String = "{}") throws {
        try database.prepare("""
            INSERT INTO audit_log (at, user_id, user_name, city_id, action, target, before_version, after_version, detail)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """).run([.text(Timestamp.now()), .optional(user?.id), .text(user?.name ?? userName ?? "system"), .optional(cityID), .text(action), .text(target),
                      .optional(beforeVersion), .optional(afterVersion), .text(detail)])
    }

    /// Returns a city's audit entries, newest first.
    public func auditEntries(cityID: String, limit: Int = 100, beforeID: Int? = nil) throws -> [AuditEntry] {
        try database.prepare("""
            SELECT id, at, user_id, user_name, city_id, action, target, before_version, after_version, detail FROM audit_log
            WHERE city_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3
            """).rows([.text(cityID), .integer(Int64(beforeID ?? Int.max)), .integer(Int64(limit))]) { row in
            AuditEntry(id: Int(row.int(0)), at: row.text(1), userID: row.optionalInt(2), userName: row.text(3), cityID: row.optionalText(4),
                       action: row.text(5), target: row.text(6), beforeVersion: row.optionalInt(7), afterVersion: row.optionalInt(8), detail: row.text(9))
        }
    }
}
