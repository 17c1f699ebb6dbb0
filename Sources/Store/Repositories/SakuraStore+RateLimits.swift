import Foundation

extension SakuraStore {
    /// Records one event (a code sent, a check made) in a rate-limit bucket.
    public func recordRateEvent(bucket: String, at date: Date) throws {
        try database.prepare("INSERT INTO rate_events (bucket, at) VALUES (?1, ?2)").run([.text(bucket), .text(Timestamp.string(from: date))])
    }

    /// Returns the times of a bucket's events at or after `since`, oldest first.
    public func rateEvents(bucket: String, since date: Date) throws -> [Date] {
        try database.prepare("SELECT at FROM rate_events WHERE bucket = ?1 AND at >= ?2 ORDER BY at")
            .rows([.text(bucket), .text(Timestamp.string(from: date))]) { Timestamp.storedDate($0.text(0)) }
    }

    /// Deletes events older than `date` from every bucket.
    public func deleteRateEvents(before date: Date) throws {
        try database.prepare("DELETE FROM rate_events WHERE at < ?1").run([.text(Timestamp.string(from: date))])
    }

    /// Returns the failed-login state of a key, or nil when it has none.
    public func loginFailure(key: String) throws -> LoginFailureRecord? {
        try database.prepare("SELECT key, failures, last_failure_at, locked_until FROM login_failures WHERE key = ?1")
            .rows([.text(key)]) { row in
                LoginFailureRecord(key: row.text(0), failures: Int(row.int(1)), lastFailureAt: Timestamp.storedDate(row.text(2)),
                                   lockedUntil: row.optionalText(3).map(Timestamp.storedDate))
            }.first
    }

    /// Stores the failed-login state of a key.
    public func saveLoginFailure(_ record: LoginFailureRecord) throws {
        try database.prepare("""
            INSERT INTO login_failures (key, failures, last_failure_at, locked_until) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (key) DO UPDATE SET failures = ?2, last_failure_at = ?3, locked_until = ?4
            """).run([.text(record.key), .integer(Int64(record.failures)), .text(Timestamp.string(from: record.lastFailureAt)),
                      .optional(record.lockedUntil.map(Timestamp.string(from:)))])
    }

    /// Forgets the failed logins of a key.
    public func clearLoginFailure(key: String) throws {
        try database.prepare("DELETE FROM login_failures WHERE key = ?1").run([.text(key)])
    }
}
