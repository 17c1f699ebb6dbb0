import Geometry

extension SakuraStore {
    /// Inserts the city or updates its names and demo flag; the boundary is kept.
    public func saveCity(_ city: City) throws {
        try City.validate(id: city.id)
        let now = Timestamp.now()
        try database.prepare("""
            INSERT INTO cities (id, name_kk, name_ru, name_en, is_demo, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
            ON CONFLICT (id) DO UPDATE SET name_kk = ?2, name_ru = ?3, name_en = ?4, is_demo = ?5, updated_at = ?6
            """).run([.text(city.id), .text(city.names.kk), .text(city.names.ru), .text(city.names.en), .integer(city.isDemo ? 1 : 0), .text(now)])
    }

    /// Creates the city with its id as every name when it does not exist yet.
    public func ensureCity(id: String) throws {
        if try city(id: id) == nil { try saveCity(City(id: id, names: LocalizedName(all: id))) }
    }

    public func setBoundary(cityID: String, polygons: [Polygon]) throws {
        let geometry: Geometry = polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
        guard let envelope = geometry.envelope else { throw StoreError.invalidInput(field: "boundary", reason: "empty geometry") }
        try database.prepare("""
            UPDATE cities SET boundary = ?2, min_lon = ?3, min_lat = ?4, max_lon = ?5, max_lat = ?6, updated_at = ?7 WHERE id = ?1
            """).run([.text(cityID), .blob(WKB.encode(geometry)), .real(envelope.minX), .real(envelope.minY),
                      .real(envelope.maxX), .real(envelope.maxY), .text(Timestamp.now())])
        guard database.changes == 1 else { throw StoreError.notFound(entity: "city", id: cityID) }
    }

    public func city(id: String) throws -> City? {
        try database.prepare(Self.citySelect + " WHERE id = ?1").rows([.text(id)], Self.readCity).first
    }

    /// Returns every city, by id.
    public func cities() throws -> [City] {
        try database.prepare(Self.citySelect + " ORDER BY id").rows([], Self.readCity)
    }

    private static let citySelect = "SELECT id, name_kk, name_ru, name_en, boundary, min_lon, min_lat, max_lon, max_lat, is_demo FROM cities"

    private static func readCity(_ row: Row) throws -> City {
        var boundary: [Polygon]? = nil
        if !row.isNull(4) { boundary = try WKB.decode(row.blob(4)).polygons }
        var envelope: Envelope? = nil
        if !row.isNull(5) {
            envelope = Envelope(minX: row.double(5), minY: row.double(6), maxX: row.double(7), maxY: row.double(8))
        }
        return City(id: row.text(0), names: LocalizedName(kk: row.text(1), ru: row.text(2), en: row.text(3)),
                    boundary: boundary, envelope: envelope, isDemo: row.int(9) != 0)
    }
}

/// A district of a city.
public struct District: Sendable, Equatable {
    public var id: String
    public var names: LocalizedName
    public var polygons: [Polygon]?

    public init(id: String, names: LocalizedName, polygons: [Polygon]? = nil) {
        self.id = id
        self.names = names
        self.polygons = polygons
    }
}

extension SakuraStore {
    /// Replaces every district of the city.
    public func replaceDistricts(cityID: String, _ districts: [District]) throws {
        try database.prepare("DELETE FROM districts WHERE city_id = ?1").run([.text(cityID)])
        let insert = try database.prepare("INSERT INTO districts (city_id, id, name_kk, name_ru, name_en, geometry) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        for district in districts {
            let geometry: SQLValue = district.polygons.map { .blob(WKB.encode(.multiPolygon($0))) } ?? .null
            try insert.run([.text(cityID), .text(district.id), .text(district.names.kk), .text(district.names.ru), .text(district.names.en), geometry])
        }
    }

    public func districts(cityID: String) throws -> [District] {
        try database.prepare("SELECT id, name_kk, name_ru, name_en, geometry FROM districts WHERE city_id = ?1 ORDER BY id").rows([.text(cityID)]) { row in
            District(id: row.text(0), names: LocalizedName(kk: row.text(1), ru: row.text(2), en: row.text(3)),
                     polygons: row.isNull(4) ? nil : try WKB.decode(row.blob(4)).polygons)
        }
    }
}
