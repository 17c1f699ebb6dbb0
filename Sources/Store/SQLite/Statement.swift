import CSQLite

/// A value bound to or read from an SQL statement.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A prepared statement (`sqlite3_stmt*`), finalized in `deinit`.
///
/// Used by one thread at a time, like its `Database`.
public final class Statement {
    private let database: Database
    private let handle: OpaquePointer
    public let sql: String

    init(database: Database, sql: String) throws(StoreError) {
        var handle: OpaquePointer?
        let status = sqlite3_prepare_v2(database.handle, sql, -1, &handle, nil)
        guard status == SQLITE_OK, let handle else { throw database.error(status, sql: sql) }
        self.database = database
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds values to the parameters `?1`, `?2`, … in order, after clearing earlier bindings and resetting.
    @discardableResult
    public func bind(_ values: [SQLValue]) throws(StoreError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, index)
            case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
            case .real(let number): status = sqlite3_bind_double(handle, index, number)
            case .text(let text): status = sqlite3_bind_text(handle, index, text, -1, sakura_sqlite_transient)
            case .blob(let bytes):
                status = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), sakura_sqlite_transient)
                }
            }
            guard status == SQLITE_OK else { throw database.error(status, sql: sql) }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLValue] = []) throws(StoreError) {
        try bind(values)
        let status = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard status == SQLITE_DONE || status == SQLITE_ROW else { throw database.error(status, sql: sql) }
    }

    /// Runs a query and calls `body` for each row.
    public func forEachRow(_ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw database.error(status, sql: sql) }
            try body(Row(handle: handle))
        }
    }

    /// Runs a query and maps every row.
    public func rows<T>(_ values: [SQLValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(values) { result.append(try map($0)) }
        return result
    }
}

/// The current row of a statement; valid only inside the row callback.
public struct Row {
    let handle: OpaquePointer

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    public func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : Int(int(column)) }

    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    public func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }

    public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

extension SQLValue {
    public static func optional(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
    public static func optional(_ number: Int?) -> SQLValue { number.map { .integer(Int64($0)) } ?? .null }
    public static func optional(_ number: Double?) -> SQLValue { number.map { .real($0) } ?? .null }
}
