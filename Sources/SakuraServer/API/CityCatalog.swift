import Catchment
import Geometry
import SakuraCore
import Store

/// One city as the server answers for it: its lookup snapshot, districts and map layers.
final class CityEntry: Sendable {
    let snapshot: CitySnapshot
    let districts: [District]
    let catchmentLayer: CatchmentLayer
    /// The city's extent: its boundary, else its catchments and located schools.
    let envelope: Envelope?

    init(snapshot: CitySnapshot, districts: [District]) {
        self.snapshot = snapshot
        self.districts = districts
        self.catchmentLayer = CatchmentLayer(snapshot: snapshot)
        var envelope = snapshot.city.envelope ?? snapshot.index.envelope
        for school in snapshot.schools.values {
            guard let location = school.location else { continue }
            if envelope == nil { envelope = Envelope(minX: location.x, minY: location.y, maxX: location.x, maxY: location.y) }
            if snapshot.city.envelope == nil { envelope!.expand(toInclude: location) }
        }
        self.envelope = envelope
    }

    var city: City { snapshot.city }

    /// District codes a filter accepts: the imported districts and any district a school names.
    var districtCodes: [String] {
        Array(Set(districts.map(\.id)).union(snapshot.schools.values.compactMap(\.district))).sorted()
    }
}

/// Every city the server answers for, loaded once at start and immutable afterwards.
public final class CityCatalog: Sendable {
    let cities: [String: CityEntry]
    let orderedIDs: [String]

    /// Loads every city of the database and builds its index and layers.
    public init(store: SakuraStore) throws {
        var cities: [String: CityEntry] = [:]
        for city in try store.cities() {
            let snapshot = try CitySnapshot.load(cityID: city.id, from: store)
            cities[city.id] = CityEntry(snapshot: snapshot, districts: try store.districts(cityID: city.id))
        }
        self.cities = cities
        self.orderedIDs = cities.keys.sorted()
    }

    public var cityCount: Int { cities.count }

    /// Returns the lookup snapshot of a city, or nil for an unknown id.
    public func snapshot(cityID: String) -> CitySnapshot? { cities[cityID]?.snapshot }

    /// A line per city for the start-up log: id, catchments, schools.
    public var summary: [(id: String, catchments: Int, schools: Int, isDemo: Bool)] {
        orderedIDs.map { id in
            let entry = cities[id]!
            return (id, entry.snapshot.index.catchments.count, entry.snapshot.schools.count, entry.city.isDemo)
        }
    }
}
