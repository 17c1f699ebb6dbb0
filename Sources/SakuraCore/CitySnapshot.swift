import Catchment
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

    public init(city: City, schools: [School], catchments: [Catchment]) throws {
        self.city = city
        var byID: [String: School] = [:]
        for school in schools { byID[school.id] = school }
        self.schools = byID
        self.index = try CatchmentIndex(catchments: catchments)
        self.locator = SchoolLocator(schools: schools.map(\.site))
    }

    /// Loads the city's schools and catchments from the store and builds the index.
    public static func load(cityID: String, from store: SakuraStore) throws -> CitySnapshot {
        guard let city = try store.city(id: cityID) else {
            let known = try store.cities().map(\.id)
            let hint = known.isEmpty ? "the database has no cities; import one first" : "known cities: \(known.joined(separator: ", "))"
            throw SakuraError.unknownCity(id: cityID, hint: hint)
        }
        return try CitySnapshot(city: city, schools: try store.schools(cityID: cityID), catchments: try store.catchments(cityID: cityID))
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
