import CSQLite
import Foundation

/// One SQLite connection (`sqlite3*`), closed in `deinit`.
///
/// Thread safety: a connection is used by one thread at a time (SQLite is
/// built serialized on Debian, but statements and transactions of one
/// connection must not interleave). Open one connection per thread.
///
/// Error convention: SQLite calls return a result code; anything but
/// `SQLITE_OK`, `SQLITE_ROW` or `SQLITE_DONE` becomes `StoreError.sqlite`
/// with the connection's error message.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// Opens (creating if needed) a database file in WAL mode with foreign keys on.
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        var handle: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let handle { sqlite3_close_v2(handle) }
            throw StoreError.sqlite(code: status, message: "cannot open \(path): \(message)", sql: nil)
        }
        self.handle = handle
        self.path = path
        sqlite3_extended_result_codes(handle, 1)
        // Wait for a concurrent writer instead of failing at once with SQLITE_BUSY.
        sqlite3_busy_timeout(handle, 5_000)
        if !readOnly {
            try execute("PRAGMA journal_mode = WAL")
            // NORMAL keeps WAL commits durable across a process kill (not across power loss).
            try execute("PRAGMA synchronous = NORMAL")
        }
        try execute("PRAGMA foreign_keys = ON")
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    func error(_ status: Int32, sql: String?) -> StoreError {
        .sqlite(code: status, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        guard status == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw StoreError.sqlite(code: status, message: text, sql: sql)
        }
    }

    public func prepare(_ sql: String) throws(StoreError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` in an immediate transaction: committed when it returns, rolled back when it throws.
    ///
    /// Inside another transaction, `body` runs in a savepoint instead, so a repository method can
    /// make itself atomic and still join a caller's larger transaction.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        // sqlite3_get_autocommit returns 0 while a transaction is open on the connection.
        let nested = sqlite3_get_autocommit(handle) == 0
        try execute(nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute(nested ? "RELEASE nested" : "COMMIT")
            return result
        } catch {
            try? execute(nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK")
            throw error
        }
    }

    /// The rowid of the last inserted row on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// SQLite's `PRAGMA data_version`: a number that changes whenever another connection commits
    /// to the database file, and stays the same for this connection's own commits.
    public func dataVersion() throws -> Int {
        try prepare("PRAGMA data_version").rows { Int($0.int(0)) }.first ?? 0
    }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }
}
