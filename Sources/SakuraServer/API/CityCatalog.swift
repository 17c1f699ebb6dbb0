import Foundation
import Synchronization
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

    /// Creates the entry of another plan of the same city, sharing everything that does not depend on catchments.
    init(replacingSnapshotOf base: CityEntry, with snapshot: CitySnapshot) {
        self.snapshot = snapshot
        self.districts = base.districts
        self.catchmentLayer = CatchmentLayer(snapshot: snapshot)
        self.districtCodes = base.districtCodes
        self.schoolKeys = base.schoolKeys
        self.schoolSummaries = base.schoolSummaries
        self.schoolSummaryHashes = base.schoolSummaryHashes
        self.teacherSummaries = base.teacherSummaries
        self.teacherSummaryHashes = base.teacherSummaryHashes
        self.schoolList = base.schoolList
        self.schoolOrders = base.schoolOrders
        self.envelope = base.envelope
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

/// The published plans of one city and an entry built for each plan in force today or later.
///
/// Immutable: publishing builds a new one and swaps it in whole, so a request that took an
/// entry is served from one plan to its end.
final class CityPlans: Sendable {
    let timeline: PlanTimeline
    /// Entries by plan id, for the plan in force today and every plan taking force later.
    let entries: [Int: CityEntry]
    /// The entry without catchments, for days before the first plan takes force.
    let empty: CityEntry

    init(timeline: PlanTimeline, entries: [Int: CityEntry], empty: CityEntry) {
        self.timeline = timeline
        self.entries = entries
        self.empty = empty
    }

    /// Prepares the map-layer simplifiers of every entry that lacks them.
    func prepareSimplifiers() {
        for entry in entries.values { entry.catchmentLayer.prepareSimplifiers() }
    }
}

/// One city as requests see it: the current `CityPlans`, swapped atomically when a plan is
/// published, rolled back or withdrawn.
///
/// A request checks a generation number with one atomic load and uses the plans its thread took
/// last. Only after a swap does each thread take the mutex once, to copy one reference. Building
/// happens before the swap and outside the lock, so a lookup never waits for a snapshot being built.
final class CityHolder: Sendable {
    let id: String
    private let plans: Mutex<CityPlans>
    /// Entries of plans no longer in force, built on demand for `at=` requests; at most `historicLimit`.
    private let historic = Mutex<[Int: CityEntry]>([:])
    private let storePath: String?
    static let historicLimit = 8

    init(id: String, plans: CityPlans, storePath: String?) {
        self.id = id
        self.plans = Mutex(plans)
        self.storePath = storePath
    }

    /// Raised after every swap, so a thread notices new plans with one atomic load.
    private let generation = Atomic<UInt64>(0)
    /// Per thread: the plans last taken and their generation, held weakly so a swap can free them.
    private let slots = PerThreadCache<Int, ThreadSlot>(capacity: 1)

    /// A thread's view of the current plans; only its own thread reads or writes it.
    private final class ThreadSlot {
        var generation: UInt64 = .max
        weak var plans: CityPlans?
    }

    /// The plans in force. The request path takes the mutex only after a swap, once per thread.
    var current: CityPlans {
        let now = generation.load(ordering: .acquiring)
        let slot = slots.value(for: 0) { ThreadSlot() }
        if slot.generation == now, let plans = slot.plans { return plans }
        let plans = self.plans.withLock { $0 }
        slot.generation = now
        slot.plans = plans
        return plans
    }

    /// Replaces the plans in one step; requests already running keep the entry they took.
    /// Returns the entries the swap replaced, for `release(_:)`.
    func swap(_ new: CityPlans) -> [CityEntry] {
        let old = plans.withLock { current in
            let previous = current
            current = new
            return previous
        }
        generation.add(1, ordering: .releasing)
        let dropped = historic.withLock { cache in
            let previous = cache
            cache.removeAll()
            return previous
        }
        let kept = Set(new.entries.values.map(ObjectIdentifier.init)).union([ObjectIdentifier(new.empty)])
        return (Array(old.entries.values) + Array(dropped.values)).filter { !kept.contains(ObjectIdentifier($0)) }
    }

    /// Frees replaced entries on the calling thread once the requests that took them have finished
    /// (waiting up to a few seconds), so that an event loop never pays for freeing a snapshot.
    /// The caller must hold no other reference to the entries or to the array's storage.
    static func release(_ entries: inout [CityEntry]) {
        let deadline = Date().addingTimeInterval(5)
        for index in entries.indices {
            while !isKnownUniquelyReferenced(&entries[index]) && Date() < deadline { usleep(1_000) }
        }
        entries.removeAll()
    }

    /// Returns the entry of the plan in force on `day`.
    ///
    /// A plan no longer in force is loaded from the database on first use and kept among the few
    /// most recent. That load runs on the calling thread.
    func entry(on day: CalendarDay) throws -> CityEntry {
        let plans = current
        guard let plan = plans.timeline.plan(on: day) else { return plans.empty }
        if let entry = plans.entries[plan.id] { return entry }
        if let entry = historic.withLock({ $0[plan.id] }) { return entry }

        // NOTE: this load blocks the event loop that serves the request for the time of one index build.
        guard let storePath else { return plans.empty }
        let store = try SakuraStore(path: storePath)
        let base = plans.entries.values.first ?? plans.empty
        let snapshot = try CitySnapshot(replacingCatchmentsOf: base.snapshot, with: try store.catchments(planID: plan.id), plan: plan,
                                        reusing: plans.entries.values.map(\.snapshot))
        let entry = CityEntry(replacingSnapshotOf: base, with: snapshot)
        entry.catchmentLayer.prepareSimplifiers()
        historic.withLock { cache in
            if cache.count >= Self.historicLimit { cache.removeAll() }
            cache[plan.id] = entry
        }
        return entry
    }
}

/// Every city the server serves. The set of cities is fixed at start, and each city's plans are
/// swapped when a planner publishes.
public final class CityCatalog: Sendable {
    let cities: [String: CityHolder]
    let orderedIDs: [String]

    /// Loads every city of the database and builds the index and layers of each plan in force
    /// today or later. `storePath` lets requests for earlier plans (`at=`) load them later.
    public init(store: SakuraStore, storePath: String? = nil) throws {
        var cities: [String: CityHolder] = [:]
        for city in try store.cities() {
            let plans = try Self.loadPlans(cityID: city.id, store: store, previous: nil)
            for entry in plans.entries.values { entry.catchmentLayer.prepareSimplifiers() }
            cities[city.id] = CityHolder(id: city.id, plans: plans, storePath: storePath ?? store.database.path)
        }
        self.cities = cities
        self.orderedIDs = cities.keys.sorted()
    }

    /// Builds a city's plans from the database. Entries of `previous` whose plan and revision are
    /// unchanged are reused, so a publish builds only the new plan's index.
    static func loadPlans(cityID: String, store: SakuraStore, previous: CityPlans?) throws -> CityPlans {
        let timeline = PlanTimeline(plans: try store.publishedPlans(cityID: cityID))
        let today = CalendarDay.today()
        let current = timeline.plan(on: today)
        let wanted = timeline.plans.filter { plan in plan.id == current?.id || (plan.effectiveFrom.map { $0 > today } ?? false) }

        let empty: CityEntry
        var entries: [Int: CityEntry] = [:]
        if let previous {
            empty = previous.empty
        } else {
            // The first load builds everything once, with the catchments of the plan in force today.
            let snapshot = try CitySnapshot.load(cityID: cityID, from: store, planID: nil)
            let base = CityEntry(snapshot: snapshot, districts: try store.districts(cityID: cityID))
            let emptySnapshot = try CitySnapshot(replacingCatchmentsOf: snapshot, with: [], plan: nil)
            empty = CityEntry(replacingSnapshotOf: base, with: emptySnapshot)
            if let plan = snapshot.plan { entries[plan.id] = base }
        }

        // Unchanged catchments take the prepared polygons of the entries built before.
        let reusable = Array(previous?.entries.values.map(\.snapshot) ?? []) + entries.values.map(\.snapshot)
        for plan in wanted where entries[plan.id] == nil {
            if let old = previous?.entries[plan.id], old.snapshot.plan == plan {
                entries[plan.id] = old
                continue
            }
            let snapshot = try CitySnapshot(replacingCatchmentsOf: empty.snapshot, with: try store.catchments(planID: plan.id), plan: plan, reusing: reusable)
            entries[plan.id] = CityEntry(replacingSnapshotOf: empty, with: snapshot)
        }
        return CityPlans(timeline: timeline, entries: entries, empty: empty)
    }

    /// Rebuilds a city's plans and swaps them in, leaving their map-layer simplifiers unprepared.
    /// Returns the new plans with the replaced entries, or nil for an unknown city.
    func swapPlans(cityID: String, store: SakuraStore) throws -> SwappedPlans? {
        guard let holder = cities[cityID] else { return nil }
        let plans = try Self.loadPlans(cityID: cityID, store: store, previous: holder.current)
        return SwappedPlans(plans: plans, replaced: holder.swap(plans))
    }

    public var cityCount: Int { cities.count }

    /// Returns the lookup snapshot of a city for today, or nil for an unknown id.
    public func snapshot(cityID: String) -> CitySnapshot? { try? cities[cityID]?.entry(on: .today()).snapshot }

    /// A line per city for the start-up log: id, catchments, schools.
    public var summary: [(id: String, catchments: Int, schools: Int, isDemo: Bool)] {
        orderedIDs.compactMap { id in
            guard let entry = try? cities[id]!.entry(on: .today()) else { return nil }
            return (id, entry.snapshot.index.catchments.count, entry.snapshot.schools.count, entry.city.isDemo)
        }
    }
}

/// The outcome of a swap: the plans now serving and the entries they replaced, which the receiver
/// takes out to free them.
final class SwappedPlans: Sendable {
    let plans: CityPlans
    private let replaced: Mutex<[CityEntry]>

    init(plans: CityPlans, replaced: [CityEntry]) {
        self.plans = plans
        self.replaced = Mutex(replaced)
    }

    /// Frees the replaced entries once requests are done with them, then prepares the new plans'
    /// map-layer simplifiers, both on the calling thread.
    func finish() {
        var replaced = self.replaced.withLock { entries in
            let taken = entries
            entries = []
            return taken
        }
        CityHolder.release(&replaced)
        plans.prepareSimplifiers()
    }
}
