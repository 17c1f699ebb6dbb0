import Catchment
import Gazetteer
import JSON
import Registry
import Geometry
import Store

/// Everything needed to answer a city's lookups, built once from the database and immutable afterwards.
///
/// Safe to share between threads: every stored property is immutable and
/// `Sendable`.
public final class CitySnapshot: Sendable {
    public let city: City
    public let schools: [String: School]
    public let index: CatchmentIndex
    public let locator: SchoolLocator
    /// Streets and addresses for geocoding.
    public let gazetteer: GazetteerIndex
    /// Teachers with their ratings.
    public let teachers: TeacherDirectory
    /// Pre-rendered JSON pieces of the lookup answer.
    let fragments: AnswerFragments

    /// The plan the catchments come from; nil for catchments given directly.
    public let plan: Plan?

    public init(city: City, schools: [School], catchments: [Catchment], streets: [StreetRecord] = [], addresses: [AddressRecord] = [],
                teachers: TeacherDirectory = TeacherDirectory(teachers: [], indicators: [], weights: .standard), plan: Plan? = nil) throws {
        self.plan = plan
        self.teachers = teachers
        self.city = city
        var byID: [String: School] = [:]
        for school in schools { byID[school.id] = school }
        self.schools = byID
        self.index = try CatchmentIndex(catchments: catchments)
        self.locator = SchoolLocator(schools: schools.map(\.site))
        self.gazetteer = Self.gazetteer(streets: streets, addresses: addresses)
        self.fragments = AnswerFragments()
        fragments.render(self)
    }

    /// Builds the address search over a city's streets and addresses.
    public static func gazetteer(streets: [StreetRecord], addresses: [AddressRecord]) -> GazetteerIndex {
        GazetteerIndex(
            streets: streets.map { GazetteerStreet(id: $0.id, names: $0.allNames, type: $0.type, district: $0.district) },
            addresses: addresses.map { GazetteerAddress(street: $0.street, house: $0.house, location: $0.location) })
    }

    /// Creates a snapshot with another plan's catchments, sharing everything else with `base`.
    ///
    /// Builds only the catchment index and the answer fragments, so publishing a plan does not
    /// rebuild the gazetteer or the teachers' directory.
    ///
    /// Catchments unchanged from one of `reusing` (same key, language, version and polygons) take
    /// its prepared polygons, so a plan that differs in a few catchments builds quickly.
    public init(replacingCatchmentsOf base: CitySnapshot, with catchments: [Catchment], plan: Plan?, reusing: [CitySnapshot] = []) throws {
        self.plan = plan
        self.city = base.city
        self.schools = base.schools
        self.teachers = base.teachers
        self.locator = base.locator
        self.gazetteer = base.gazetteer
        self.index = try CatchmentIndex(catchments: catchments, reusing: reusing.map(\.index))
        self.fragments = AnswerFragments()
        fragments.render(self, schoolsFrom: base.fragments)
    }

    /// Loads the city's schools and the catchments of the plan in force today (or of `planID`) and builds the index.
    public static func load(cityID: String, from store: SakuraStore, planID: Int? = nil) throws -> CitySnapshot {
        guard let city = try store.city(id: cityID) else {
            let known = try store.cities().map(\.id)
            let hint = known.isEmpty ? "the database has no cities; import one first" : "known cities: \(known.joined(separator: ", "))"
            throw SakuraError.unknownCity(id: cityID, hint: hint)
        }
        let schools = try store.schools(cityID: cityID)
        var districtOfSchool: [String: String] = [:]
        for school in schools { if let district = school.district { districtOfSchool[school.id] = district } }
        let plan = try planID.map { id in try store.plan(id: id) } ?? store.planInForce(cityID: cityID, on: .today())
        return try CitySnapshot(city: city, schools: schools, catchments: try plan.map { try store.catchments(planID: $0.id) } ?? [],
                                streets: try store.streets(cityID: cityID), addresses: try store.addresses(cityID: cityID),
                                teachers: try TeacherDirectory.load(cityID: cityID, from: store, districtOfSchool: districtOfSchool),
                                plan: plan)
    }
}

/// Errors of the application layer.
public enum SakuraError: Error, Equatable, CustomStringConvertible {
    case unknownCity(id: String, hint: String)
    /// A value given by the user that cannot be used, naming the field and the fix.
    case invalidArgument(field: String, reason: String)

    public var description: String {
        switch self {
        case .unknownCity(let id, let hint): return "city \(id) not found; \(hint)"
        case .invalidArgument(let field, let reason): return "\(field): \(reason)"
        }
    }
}

/// JSON text rendered once per snapshot: each school object and each catchment's leading members,
/// all without their closing brace so an answer can add members.
final class AnswerFragments: @unchecked Sendable {
    // Written only by `render`, called once from `CitySnapshot.init` before the snapshot is shared.
    private(set) var schools: [String: [UInt8]] = [:]
    private(set) var catchmentOpenings: [[UInt8]] = []
    /// The `"plan"` member of answers, with its leading comma; empty without a plan.
    private(set) var plan: [UInt8] = []

    /// Renders the fragments; `schoolsFrom` gives the school fragments of a snapshot with the same schools.
    func render(_ snapshot: CitySnapshot, schoolsFrom other: AnswerFragments? = nil) {
        if let other {
            schools = other.schools
        } else {
            for id in snapshot.schools.keys {
                var bytes = JSONWriter.encode(snapshot.schoolJSON(id: id))
                bytes.removeLast()
                schools[id] = bytes
            }
        }
        catchmentOpenings = snapshot.index.catchments.map { catchment in
            var writer = JSONWriter()
            writer.writeRaw("{\"key\":")
            writer.write(string: catchment.key)
            writer.writeRaw(",\"language\":")
            writer.write(catchment.language.map { .string($0) } ?? .null)
            writer.writeRaw(",\"version\":")
            writer.write(number: Double(catchment.version))
            return writer.bytes
        }
        if let plan = snapshot.plan {
            var writer = JSONWriter()
            writer.writeRaw(",\"plan\":{\"id\":")
            writer.write(number: Double(plan.id))
            writer.writeRaw(",\"revision\":")
            writer.write(number: Double(plan.revision))
            writer.writeRaw(",\"school_year\":")
            writer.write(plan.schoolYear.isEmpty ? .null : .string(plan.schoolYear))
            writer.writeRaw(",\"effective_from\":")
            writer.write(plan.effectiveFrom.map { .string($0.description) } ?? .null)
            writer.writeRaw("}")
            self.plan = writer.bytes
        }
    }
}
