import Geometry

/// A street given to the gazetteer: every name it is known by (Russian, Kazakh, former names, aliases).
public struct GazetteerStreet: Sendable {
    public var id: Int
    /// Names as written; the first is shown.
    public var names: [String]
    /// The street type as the source gave it (a word such as "улица", or nil).
    public var type: String?
    public var district: String?

    public init(id: Int, names: [String], type: String? = nil, district: String? = nil) {
        self.id = id
        self.names = names
        self.type = type
        self.district = district
    }
}

/// One building's address given to the gazetteer: street and house as written, and the building's point.
public struct GazetteerAddress: Sendable {
    public var street: String
    public var house: String
    public var location: Position

    public init(street: String, house: String, location: Position) {
        self.street = street
        self.house = house
        self.location = location
    }
}

/// A street or an address that a query may mean, with how well it matches.
public struct AddressCandidate: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case street
        case address
    }

    public var kind: Kind
    /// The street as shown: its first name, Kazakh name when known, type and district.
    public var street: String
    public var streetKazakh: String?
    public var streetType: StreetType?
    public var district: String?
    /// The canonical house number ("12А", "12/1", "12к2"), for addresses.
    public var house: String?
    /// The points of every building with this address; empty for a street.
    public var points: [Position]
    /// From 0 to 1: 1 for an exact match of street and house.
    public var score: Double
    /// Index of the street in the gazetteer, for follow-up queries.
    public var streetIndex: Int
}

/// The outcome of geocoding one address text.
public enum GeocodeResult: Sendable, Equatable {
    /// One address matched without doubt.
    case found(AddressCandidate)
    /// Several streets or addresses fit; the caller must choose. Best first.
    case ambiguous([AddressCandidate])
    /// Nothing fits well enough; `suggestions` are the closest streets, possibly empty.
    case notFound(suggestions: [AddressCandidate])
}
