import Foundation
import Geometry

/// The facts about a school that the catchment engine uses to find the nearest ones.
public struct SchoolSite: Sendable, Hashable {
    public var id: String
    /// Language-of-instruction codes.
    public var languages: [String]
    /// School type code ("general", "gymnasium", …).
    public var type: String?
    /// Ownership code ("state", "private").
    public var ownership: String?
    /// Longitude/latitude; nil for a school without a known location, which distance queries skip.
    public var location: Position?

    public init(id: String, languages: [String] = [], type: String? = nil, ownership: String? = nil, location: Position?) {
        self.id = id
        self.languages = languages
        self.type = type
        self.ownership = ownership
        self.location = location
    }
}

/// Optional conditions on nearby schools; nil fields match everything.
public struct SchoolFilter: Sendable, Equatable {
    public var language: String?
    public var type: String?
    public var ownership: String?

    public init(language: String? = nil, type: String? = nil, ownership: String? = nil) {
        self.language = language
        self.type = type
        self.ownership = ownership
    }

    public func matches(_ school: SchoolSite) -> Bool {
        if let language, !school.languages.contains(language) { return false }
        if let type, school.type != type { return false }
        if let ownership, school.ownership != ownership { return false }
        return true
    }
}

/// A school and its geodesic distance from the query point.
public struct NearbySchool: Sendable, Equatable {
    /// Index into `SchoolLocator.schools`.
    public var school: Int
    public var distanceMetres: Double
}

/// Finds the schools nearest to a point by geodesic distance on the WGS 84 ellipsoid.
///
/// Immutable after `init` and safe to share between threads.
public struct SchoolLocator: Sendable {
    public let schools: [SchoolSite]
    private let located: [Int]

    public init(schools: [SchoolSite]) {
        let sorted = schools.sorted { $0.id < $1.id }
        self.schools = sorted
        self.located = sorted.indices.filter { sorted[$0].location != nil }
    }

    /// Returns up to `limit` schools accepted by `filter`, nearest first, ties by school id.
    ///
    /// A spherical (haversine) distance preselects candidates with a 1 %
    /// margin, wider than the at most about 0.6 % by which WGS 84 geodesic
    /// distances differ from spherical ones, and the candidates are then
    /// ranked by their geodesic distance.
    public func nearest(to position: Position, limit: Int, filter: SchoolFilter = SchoolFilter()) -> [NearbySchool] {
        guard limit > 0 else { return [] }
        var approximate: [(index: Int, distance: Double)] = []
        approximate.reserveCapacity(located.count)
        for index in located where filter.matches(schools[index]) {
            approximate.append((index, Self.haversine(position, schools[index].location!)))
        }
        guard !approximate.isEmpty else { return [] }
        approximate.sort { $0.distance < $1.distance }

        let cutoff = approximate[min(limit, approximate.count) - 1].distance * 1.01 + 1
        var candidates: [NearbySchool] = []
        for entry in approximate {
            if entry.distance > cutoff { break }
            candidates.append(NearbySchool(school: entry.index, distanceMetres: Geodesic.wgs84.distance(position, schools[entry.index].location!)))
        }
        candidates.sort { $0.distanceMetres < $1.distanceMetres || ($0.distanceMetres == $1.distanceMetres && $0.school < $1.school) }
        return Array(candidates.prefix(limit))
    }

    public func index(ofID id: String) -> Int? {
        var low = 0, high = schools.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if schools[middle].id == id { return middle }
            if schools[middle].id < id { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    /// Great-circle distance in metres on a sphere of the mean Earth radius.
    static func haversine(_ a: Position, _ b: Position) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.y - a.y) * radians
        let dLon = (b.x - a.x) * radians
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.y * radians) * cos(b.y * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * LocalProjection.meanEarthRadius * asin(min(1, h.squareRoot()))
    }
}
