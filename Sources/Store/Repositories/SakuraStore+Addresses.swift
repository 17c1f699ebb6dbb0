import Geometry
import JSON

extension SakuraStore {
    /// Replaces every street of the city; call inside a transaction to keep it atomic.
    public func replaceStreets(cityID: String, _ streets: [StreetRecord]) throws {
        try database.prepare("DELETE FROM streets WHERE city_id = ?1").run([.text(cityID)])
        let insert = try database.prepare("""
            INSERT INTO streets (city_id, id, name_ru, name_kk, aliases, type, district, geometry) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        for street in streets {
            try insert.run([
                .text(cityID), .integer(Int64(street.id)), .optional(street.nameRU), .optional(street.nameKK),
                .text(JSONWriter.string(.array(street.aliases.map { .string($0) }))), .optional(street.type), .optional(street.district),
                street.geometry.map { .blob(WKB.encode($0)) } ?? .null,
            ])
        }
    }

    /// Returns every street of the city, by id.
    public func streets(cityID: String) throws -> [StreetRecord] {
        try database.prepare("SELECT id, name_ru, name_kk, aliases, type, district, geometry FROM streets WHERE city_id = ?1 ORDER BY id")
            .rows([.text(cityID)]) { row in
                let aliases = (try? JSONParser.parse(row.text(3)).arrayValue?.compactMap(\.stringValue)) ?? nil
                return StreetRecord(id: Int(row.int(0)), nameRU: row.optionalText(1), nameKK: row.optionalText(2), aliases: aliases ?? [],
                                    type: row.optionalText(4), district: row.optionalText(5),
                                    geometry: row.isNull(6) ? nil : try WKB.decode(row.blob(6)))
            }
    }

    /// Replaces every address of the city; call inside a transaction to keep it atomic.
    public func replaceAddresses(cityID: String, _ addresses: [AddressRecord]) throws {
        try database.prepare("DELETE FROM addresses WHERE city_id = ?1").run([.text(cityID)])
        let insert = try database.prepare("INSERT INTO addresses (city_id, id, street, house, lon, lat, properties) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        for address in addresses {
            try insert.run([.text(cityID), .integer(Int64(address.id)), .text(address.street), .text(address.house),
                            .real(address.location.x), .real(address.location.y), .text(JSONWriter.string(.object(address.properties)))])
        }
    }

    /// Returns every address of the city, by id.
    public func addresses(cityID: String) throws -> [AddressRecord] {
        try database.prepare("SELECT id, street, house, lon, lat FROM addresses WHERE city_id = ?1 ORDER BY id").rows([.text(cityID)]) { row in
            AddressRecord(id: Int(row.int(0)), street: row.text(1), house: row.text(2), location: Position(x: row.double(3), y: row.double(4)))
        }
    }
}
