import Store
import Synchronization

/// The identity layer's SQLite connection, used by one thread at a time behind a mutex.
///
/// Every identity read and write goes through this one connection, so writes are serialised as
/// SQLite requires, and WAL mode lets other connections (the catalog, `sakura outbox`) read
/// beside it. The mutex is not reentrant: a closure must not call back into the same
/// database, and callers do slow work (password hashing, sending messages) outside it.
public final class IdentityDatabase: @unchecked Sendable {
    // @unchecked Sendable: `store` is touched only inside `lock.withLock`, so one thread at a time
    // uses the connection, and closures get it only for the duration of the call.
    private let store: SakuraStore
    private let lock = Mutex(())

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    public init(path: String) throws {
        store = try SakuraStore(path: path)
    }

    /// Runs `body` with the connection, outside a transaction; for reads and single statements.
    public func read<Result: Sendable>(_ body: (SakuraStore) throws -> Result) throws -> Result {
        try lock.withLock { _ in try body(store) }
    }

    /// Runs `body` in an immediate transaction: committed when it returns, rolled back when it throws.
    public func write<Result: Sendable>(_ body: (SakuraStore) throws -> Result) throws -> Result {
        try lock.withLock { _ in
            try store.database.transaction { try body(store) }
        }
    }
}
