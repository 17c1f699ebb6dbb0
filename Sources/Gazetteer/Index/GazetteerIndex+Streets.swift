import Geometry

/// A street of the gazetteer that a street name may mean, with how well it matches.
public struct StreetMatch: Sendable, Equatable {
    /// Index of the street in the gazetteer, for ``GazetteerIndex/houses(onStreet:)``.
    public var streetIndex: Int
    /// The street as shown: its first name.
    public var street: String
    public var type: StreetType?
    public var district: String?
    /// From 0 to 1: 1 when every word of the name matches exactly.
    public var score: Double
}

/// One address of the gazetteer: a house number on a street and the points of its buildings.
public struct GazetteerHouse: Sendable, Equatable {
    /// Index of the address in the gazetteer, from 0 to ``GazetteerIndex/addressCount`` − 1.
    public var index: Int
    public var streetIndex: Int
    /// The street as shown: its first name.
    public var street: String
    public var house: HouseNumber
    /// The points of every building with this address; never empty.
    public var points: [Position]
}

extension GazetteerIndex {
    /// Streets that the name may mean, best first, at most `limit`.
    ///
    /// Matching is the same as in ``search(_:limit:allowPrefix:)`` without prefixes. Case,
    /// ё/е, Kazakh letters, type words, genitive forms, former names and small typos do not
    /// matter. A type word in the name lowers streets of another type only when a street of
    /// that type also fits.
    public func matchStreets(_ name: StreetName, limit: Int = 5) -> [StreetMatch] {
        let scored = scoreStreets(name, allowPrefix: false).sorted { $0.score > $1.score || ($0.score == $1.score && $0.street < $1.street) }
        return scored.prefix(limit).map { street, score in
            let entry = streets[street]
            return StreetMatch(streetIndex: street, street: entry.display, type: entry.type, district: entry.district,
                               score: (score * 1000).rounded() / 1000)
        }
    }

    /// Returns the addresses of a street, ordered by house number. `index` comes from a ``StreetMatch``
    /// or a ``GazetteerHouse``; an index outside the gazetteer gives an empty list.
    public func houses(onStreet index: Int) -> [GazetteerHouse] {
        guard streets.indices.contains(index) else {
            return []
        }
        return streets[index].houses.values.sorted { addresses[$0].house < addresses[$1].house }.map(house(at:))
    }

    /// Returns the address at `index`, from 0 to ``addressCount`` − 1. The index must be in that range.
    public func house(at index: Int) -> GazetteerHouse {
        let address = addresses[index]
        return GazetteerHouse(index: index, streetIndex: address.street, street: streets[address.street].display,
                              house: address.house, points: address.points)
    }
}
