import Catchment
import Gazetteer
import Geometry

/// Builds school catchments from a published address list: matches each line's street through
/// the city's gazetteer, selects the houses its ranges claim, and gives each school the union of
/// its houses' Voronoi cells, clipped to the city boundary.
///
/// Why Voronoi cells: the cells of all the city's buildings tile the city, so catchments made of
/// whole cells never overlap. Together they cover every part of the city that is nearer to a
/// claimed building than to an unclaimed one. A concave hull of each school's houses would
/// overlap a neighbour's hull wherever their houses interleave (the odd and the even side of a
/// street), and would leave gaps of arbitrary shape between schools.
///
/// Each house belongs to one school per language. A house claimed by two schools of a language
/// goes to the school whose line comes first in the file, and the report lists the conflict.
/// The cells of houses that no school claims stay uncovered, so they show as gaps.
///
/// Usage, for a city loaded into a snapshot:
///
///     let list = AddressList(parsing: text)
///     let schools = snapshot.schools.values.map {
///         PlanningSchool(id: $0.id, number: $0.number, names: [$0.names.ru, $0.names.kk], languages: $0.languages)
///     }
///     let result = try AddressListImporter(gazetteer: snapshot.gazetteer, schools: schools, boundary: boundary).run(list)
///     // result.catchments[i].catchment is a Catchment to store; result.report lists the problems.
///
/// Thread safety: a value without shared state; `run` uses the GEOS context it is given on the
/// calling thread.
public struct AddressListImporter: Sendable {
    /// Thresholds of street matching.
    public struct Options: Sendable {
        /// The lowest score (0 to 1) at which a street counts as matched: 1 is an exact match,
        /// one typo in a word gives 0.8, a missing second word about 0.93.
        public var minimumStreetScore = 0.75
        /// A street counts as matched only when no other street scores within this margin of it.
        public var ambiguityMargin = 0.1
        /// The number of near misses kept for a line that matched no street.
        public var candidateCount = 5

        public init() {}
    }

    public let gazetteer: GazetteerIndex
    public let schools: [PlanningSchool]
    /// The city boundary, longitude/latitude; catchments are clipped to it.
    public let boundary: [Polygon]
    public let options: Options

    public init(gazetteer: GazetteerIndex, schools: [PlanningSchool], boundary: [Polygon], options: Options = Options()) {
        self.gazetteer = gazetteer
        self.schools = schools
        self.boundary = boundary
        self.options = options
    }

    /// Matches the list and builds one catchment per school and language that keeps at least
    /// one house inside the boundary.
    ///
    /// - Throws: `PlanningError.invalidBoundary` for an empty or invalid boundary, and
    ///   `PlanningError.geometry` when GEOS fails. Problems of the list itself are reported in
    ///   the result, not thrown.
    public func run(_ list: AddressList, context: GEOSContext = .current) throws(PlanningError) -> AddressListImport {
        let boundaryGeometry = try validBoundary(context: context)

        var report = AddressListReport()
        report.unreadableLines = list.problems
        let matcher = AddressListMatcher(gazetteer: gazetteer, resolver: SchoolResolver(schools: schools), options: options)
        let (entries, claims) = matcher.match(list, report: &report)

        do throws(GeometryError) {
            let catchments = try CatchmentAssembler(gazetteer: gazetteer, boundary: boundaryGeometry, context: context)
                .assemble(claims, report: &report)
            return AddressListImport(catchments: catchments, entries: entries, report: report)
        } catch {
            throw .geometry(error)
        }
    }

    private func validBoundary(context: GEOSContext) throws(PlanningError) -> NativeGeometry {
        guard !boundary.isEmpty else {
            throw .invalidBoundary(reason: "the boundary has no polygons")
        }
        let geometry: NativeGeometry
        let validity: Validity
        do throws(GeometryError) {
            geometry = try NativeGeometry.union(of: boundary, context: context)
            validity = try geometry.validity()
        } catch {
            throw .geometry(error)
        }
        guard validity.isValid else {
            let location = validity.location.map { " at \($0)" } ?? ""
            throw .invalidBoundary(reason: (validity.reason ?? "invalid") + location)
        }
        return geometry
    }
}

/// The result of an address-list import: catchments, matched lines and the report.
public struct AddressListImport: Sendable {
    /// One catchment per school and language, ordered by language as first named, then school id.
    public var catchments: [BuiltCatchment]
    /// Every street line matched to a street, in file order.
    public var entries: [MatchedEntry]
    public var report: AddressListReport
}

/// A school's catchment for one language, built from the houses it keeps.
public struct BuiltCatchment: Sendable, Equatable {
    public var schoolID: String
    /// The language of instruction; nil for a school with none recorded.
    public var language: String?
    /// Valid polygons in longitude/latitude, shells counter-clockwise and holes clockwise, with
    /// no overlap with another catchment of the same language, clipped to the city boundary.
    /// Vertices where a catchment meets a slanted boundary edge are rounded to doubles, so
    /// slivers far below a square metre may lie just outside it.
    public var polygons: [Polygon]
    /// Indices of the gazetteer addresses the school keeps, ascending.
    public var houses: [Int]

    /// The catchment key, "SCHOOL-LANGUAGE" ("demo-001-kk") or the school id without a language.
    public var key: String { language.map { "\(schoolID)-\($0)" } ?? schoolID }

    /// A Polygon for one part, else a MultiPolygon.
    public var geometry: Geometry { polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons) }

    /// The catchment to store.
    public var catchment: Catchment {
        Catchment(key: key, schoolKey: schoolID, schoolID: schoolID, language: language, polygons: polygons)
    }
}
