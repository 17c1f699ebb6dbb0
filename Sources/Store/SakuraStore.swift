import Foundation

/// The database of the product: one SQLite file, the single source of truth for every city.
///
/// Thread safety: wraps one connection, so an instance is used by one
/// thread at a time. Open one per thread; SQLite's WAL mode lets readers
/// run beside the single writer.
public final class SakuraStore {
    public let database: Database

    /// Opens or creates the database at `path` and applies pending migrations.
    public init(path: String) throws {
        database = try Database(path: path)
        try Migrations.apply(to: database)
    }
}
