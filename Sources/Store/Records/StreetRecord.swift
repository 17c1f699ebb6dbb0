import Geometry
import JSON

/// A street as imported: its names as written, for the gazetteer to normalise.
public struct StreetRecord: Sendable, Equatable {
    public var id: Int
    public var nameRU: String?
    public var nameKK: String?
    /// Former names and other spellings.
    public var aliases: [String]
    /// The street type as the source gave it (a word such as "улица" or a code), or nil.
    public var type: String?
    public var district: String?
    /// The street's line geometry, when known.
    public var geometry: Geometry?

    public init(id: Int, nameRU: String?, nameKK: String?, aliases: [String] = [], type: String? = nil, district: String? = nil, geometry: Geometry? = nil) {
        self.id = id
        self.nameRU = nameRU
        self.nameKK = nameKK
        self.aliases = aliases
        self.type = type
        self.district = district
        self.geometry = geometry
    }

    /// Every name, Russian first, without repeats.
    public var allNames: [String] {
        var result: [String] = []
        for name in [nameRU, nameKK].compactMap({ $0 }) + aliases where !name.isEmpty && !result.contains(name) { result.append(name) }
        return result
    }
}

/// One building's address as imported: street and house as written, and the building's point.
public struct AddressRecord: Sendable, Equatable {
    public var id: Int
    public var street: String
    public var house: String
    public var location: Position
    public var properties: JSONObject

    public init(id: Int, street: String, house: String, location: Position, properties: JSONObject = JSONObject()) {
        self.id = id
        self.street = street
        self.house = house
        self.location = location
        self.properties = properties
    }
}
