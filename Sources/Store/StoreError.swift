/// Errors of the Store module.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An SQLite call failed; `code` is the extended result code.
    case sqlite(code: Int32, message: String, sql: String?)
    /// The database has migrations this build does not know, so it was written by a newer version.
    case unknownMigration(name: String)
    /// A record was not found.
    case notFound(entity: String, id: String)
    /// Input that cannot be stored, naming the field and the fix.
    case invalidInput(field: String, reason: String)

    public var description: String {
        switch self {
        case .sqlite(let code, let message, let sql):
            return "SQLite error \(code): \(message)" + (sql.map { " in: \($0)" } ?? "")
        case .unknownMigration(let name):
            return "the database has migration \(name), which this version of sakura does not know; use a newer sakura"
        case .notFound(let entity, let id):
            return "\(entity) \(id) not found"
        case .invalidInput(let field, let reason):
            return "\(field): \(reason)"
        }
    }
}
