import JSON

/// A finished import, as recorded in `import_runs`.
public struct ImportRun: Sendable {
    public var cityID: String
    /// "schools", "catchments" or "boundary".
    public var kind: String
    /// The file imported.
    public var source: String
    public var startedAt: String
    public var finishedAt: String
    public var readCount: Int
    public var importedCount: Int
    public var repairedCount: Int
    public var skippedCount: Int
    /// The full summary as JSON (repairs, skipped features, unmatched keys).
    public var report: JSONValue
}

extension SakuraStore {
    @discardableResult
    public func recordImportRun(_ run: ImportRun) throws -> Int64 {
        try database.prepare("""
            INSERT INTO import_runs (city_id, kind, source, started_at, finished_at, read_count, imported_count, repaired_count, skipped_count, report)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """).run([.text(run.cityID), .text(run.kind), .text(run.source), .text(run.startedAt), .text(run.finishedAt),
                      .integer(Int64(run.readCount)), .integer(Int64(run.importedCount)), .integer(Int64(run.repairedCount)),
                      .integer(Int64(run.skippedCount)), .text(JSONWriter.string(run.report))])
        return database.lastInsertRowID
    }

    /// Counts the import runs recorded for the city.
    public func importRunCount(cityID: String) throws -> Int {
        try database.prepare("SELECT count(*) FROM import_runs WHERE city_id = ?1").rows([.text(cityID)]) { Int($0.int(0)) }.first ?? 0
    }
}
