import Catchment
import Geometry
import JSON

extension SakuraStore {
    /// Replaces every catchment of the city; a catchment whose key and language existed before gets the next version.
    ///
    /// Call inside a transaction to keep the replacement atomic.
    public func replaceCatchments(cityID: String, _ catchments: [Catchment], properties: [JSONObject]? = nil) throws {
        var versions: [String: Int] = [:]
        try database.prepare("SELECT key, language, version FROM catchments WHERE city_id = ?1").forEachRow([.text(cityID)]) { row in
            versions[row.text(0) + "\u{1F}" + row.text(1)] = Int(row.int(2))
        }
        try database.prepare("DELETE FROM catchments WHERE city_id = ?1").run([.text(cityID)])
        let insert = try database.prepare("""
            INSERT INTO catchments (city_id, key, language, school_key, school_id, geometry, version,
                min_lon, min_lat, max_lon, max_lat, properties, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
            """)
        let now = Timestamp.now()
        for (index, catchment) in catchments.enumerated() {
            guard let envelope = catchment.envelope else {
                throw StoreError.invalidInput(field: "catchment \(catchment.key)", reason: "has no polygons")
            }
            let language = catchment.language ?? ""
            let version = (versions[catchment.key + "\u{1F}" + language] ?? 0) + 1
            let extra = properties?[index] ?? JSONObject()
            try insert.run([
                .text(cityID), .text(catchment.key), .text(language), .optional(catchment.schoolKey), .optional(catchment.schoolID),
                .blob(WKB.encode(catchment.geometry)), .integer(Int64(version)),
                .real(envelope.minX), .real(envelope.minY), .real(envelope.maxX), .real(envelope.maxY),
                .text(JSONWriter.string(.object(extra))), .text(now),
            ])
        }
    }

    /// Returns every catchment of the city, by key and language.
    public func catchments(cityID: String) throws -> [Catchment] {
        try database.prepare("""
            SELECT key, language, school_key, school_id, geometry, version FROM catchments WHERE city_id = ?1 ORDER BY key, language
            """).rows([.text(cityID)]) { row in
            let geometry = try WKB.decode(row.blob(4))
            guard let polygons = geometry.polygons else {
                throw StoreError.invalidInput(field: "catchment \(row.text(0))", reason: "stored geometry is a \(geometry.typeName)")
            }
            let language = row.text(1)
            return Catchment(key: row.text(0), schoolKey: row.optionalText(2), schoolID: row.optionalText(3),
                             language: language.isEmpty ? nil : language, polygons: polygons, version: Int(row.int(5)))
        }
    }
}
