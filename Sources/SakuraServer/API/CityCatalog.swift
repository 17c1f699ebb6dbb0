import Foundation
import Catchment
import Geometry
import SakuraCore
import JSON
import Store

/// One city as the server answers for it: its lookup snapshot, districts and map layers.
final class CityEntry: Sendable {
    let snapshot: CitySnapshot
    let districts: [District]
    let catchmentLayer: CatchmentLayer
    /// District codes a filter accepts: the imported districts and any district a school names.
    let districtCodes: [String]
    /// Filter keys of `schoolList`, index for index.
    let schoolKeys: [SchoolFilterKey]
    /// Each school of `schoolList` as the list shows it, rendered once, with its FNV-1a hash for entity tags.
    let schoolSummaries: [[UInt8]]
    let schoolSummaryHashes: [UInt64]
    /// Each teacher of the directory as the list shows it, rendered once, with its hash.
    let teacherSummaries: [[UInt8]]
    let teacherSummaryHashes: [UInt64]
    /// Every school, in id order; the list orders index into it.
    let schoolList: [School]
    /// Indexes into `schoolList` in each list order, ascending with unknown values last, computed
    /// once: "number", "enrollment", "capacity", and "name.kk", "name.ru", "name.en".
    let schoolOrders: [String: [Int]]
    /// The city's extent: its boundary, else its catchments and located schools.
    let envelope: Envelope?

    init(snapshot: CitySnapshot, districts: [District]) {
        self.snapshot = snapshot
        self.districts = districts
        self.catchmentLayer = CatchmentLayer(snapshot: snapshot)
        self.districtCodes = Array(Set(districts.map(\.id)).union(snapshot.schools.values.compactMap(\.district))).sorted()
        let schoolList = snapshot.schools.values.sorted { $0.id < $1.id }
        self.schoolList = schoolList
        self.schoolOrders = Self.orders(schoolList)
        let codes = self.districtCodes
        self.schoolKeys = schoolList.map { SchoolFilterKey($0, districts: codes) }
        self.schoolSummaries = schoolList.map { JSONWriter.encode(.object(SchoolJSON.passport($0, districts: districts, contacts: false))) }
        self.schoolSummaryHashes = schoolSummaries.map(FNV1a64.hash)
        self.teacherSummaries = snapshot.teachers.entries.map { entry in
            JSONWriter.encode(TeachersList.teacherJSON(entry, snapshot: snapshot, weights: snapshot.teachers.weights, detailed: false))
        }
        self.teacherSummaryHashes = teacherSummaries.map(FNV1a64.hash)
        var envelope = snapshot.city.envelope ?? snapshot.index.envelope
        for school in snapshot.schools.values {
            guard let location = school.location else { continue }
            if envelope == nil { envelope = Envelope(minX: location.x, minY: location.y, maxX: location.x, maxY: location.y) }
            if snapshot.city.envelope == nil { envelope!.expand(toInclude: location) }
        }
        self.envelope = envelope
    }

    var city: City { snapshot.city }

    private static func orders(_ schools: [School]) -> [String: [Int]] {
        func byNumber(_ value: (School) -> Int?) -> [Int] {
            schools.indices.sorted { a, b in
                switch (value(schools[a]), value(schools[b])) {
                case let (x?, y?): return x != y ? x < y : a < b
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): return a < b
                }
            }
        }
        var orders: [String: [Int]] = [
            "number": byNumber(\.number), "enrollment": byNumber(\.enrollment), "capacity": byNumber(\.capacity),
        ]
        for language in ["kk", "ru", "en"] {
            // Numbers in names sort by value: "№6" before "№19".
            orders["name." + language] = schools.indices.sorted { a, b in
                let order = schools[a].names.text(for: language).compare(schools[b].names.text(for: language), options: [.numeric, .caseInsensitive])
                return order == .orderedSame ? a < b : order == .orderedAscending
            }
        }
        return orders
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
