import Geometry

/// Computes a `CoverageReport`: validity, same-language overlaps, gaps and schools outside catchments.
///
/// Catchments without a language are compared with each other as one group.
/// Areas are geodesic, in square metres; overlay operations run in GEOS on
/// longitude/latitude.
public struct CoverageAnalyzer {
    private let context: GEOSContext

    public init(context: GEOSContext = .current) {
        self.context = context
    }

    /// Analyzes the catchments; with `addresses`, also lists the addresses covered by no catchment of
    /// a language or by two, checked against the valid catchments only.
    public func analyze(catchments: [Catchment], boundary: [Polygon]? = nil, schools: [SchoolSite] = [], addresses: [AddressPoint] = []) throws(CatchmentError) -> CoverageReport {
        var report: CoverageReport
        do throws(GeometryError) {
            report = try run(catchments: catchments.sorted(by: Catchment.precedes), boundary: boundary, schools: schools)
        } catch {
            throw CatchmentError.geometry(error)
        }
        if !addresses.isEmpty {
            let invalid = Set(report.invalid.map { CatchmentKey(key: $0.key, language: $0.language) })
            let valid = catchments.filter { !invalid.contains(CatchmentKey(key: $0.key, language: $0.language)) }
            report.addresses = try AddressCoverage.check(addresses, index: try CatchmentIndex(catchments: valid, context: context))
        }
        return report
    }

    private struct CatchmentKey: Hashable {
        var key: String
        var language: String?
    }

    private func run(catchments: [Catchment], boundary: [Polygon]?, schools: [SchoolSite]) throws(GeometryError) -> CoverageReport {
        var report = CoverageReport()
        report.catchmentCount = catchments.count
        report.usedBoundary = boundary != nil

        var natives: [NativeGeometry?] = []
        for catchment in catchments {
            let native = try NativeGeometry(catchment.geometry, context: context)
            let validity = try native.validity()
            if validity.isValid {
                natives.append(native)
            } else {
                natives.append(nil)
                report.invalid.append(.init(key: catchment.key, language: catchment.language, reason: validity.reason ?? "invalid", location: validity.location))
            }
        }

        let languages = Set(catchments.map { $0.language ?? "" }).sorted()
        let boundaryNative = try boundary.map { polygons throws(GeometryError) in try NativeGeometry.union(of: polygons, context: context) }

        for language in languages {
            let members = catchments.indices.filter { (catchments[$0].language ?? "") == language && natives[$0] != nil }
            let code: String? = language.isEmpty ? nil : language
            report.overlaps += try overlaps(among: members, catchments: catchments, natives: natives, language: code)
            let (gaps, outside) = try gapsAndOutside(members: members, catchments: catchments, boundary: boundaryNative, language: code)
            report.gaps += gaps
            report.outsideBoundary += outside
        }

        try checkSchools(catchments: catchments, natives: natives, schools: schools, into: &report)
        return report
    }

    private func overlaps(among members: [Int], catchments: [Catchment], natives: [NativeGeometry?], language: String?) throws(GeometryError) -> [CoverageReport.Overlap] {
        guard members.count > 1 else { return [] }
        let envelopes = members.map { catchments[$0].envelope! }
        let tree = STRTree(envelopes: envelopes)
        var result: [CoverageReport.Overlap] = []
        for (position, member) in members.enumerated() {
            var candidates: [Int] = []
            tree.query(envelopes[position]) { other in if other > position { candidates.append(other) } }
            for other in candidates.sorted() {
                let first = natives[member]!, second = natives[members[other]]!
                guard try first.interiorsIntersect(second) else { continue }
                let intersection = try first.intersection(second)
                let polygons = try intersection.polygonalParts()
                let geometry: Geometry = polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
                result.append(.init(
                    firstKey: catchments[member].key,
                    secondKey: catchments[members[other]].key,
                    language: language,
                    areaSquareMetres: PlanarEdgeArea.area(of: geometry),
                    location: polygons.isEmpty ? nil : try intersection.pointOnSurface(),
                    geometry: geometry))
            }
        }
        return result
    }

    private func gapsAndOutside(members: [Int], catchments: [Catchment], boundary: NativeGeometry?, language: String?) throws(GeometryError) -> ([CoverageReport.Gap], [CoverageReport.Outside]) {
        guard !members.isEmpty else { return ([], []) }
        let union = try NativeGeometry.union(of: members.flatMap { catchments[$0].polygons }, context: context)

        var gapPolygons: [Polygon] = []
        var outside: [CoverageReport.Outside] = []
        if let boundary {
            gapPolygons = try boundary.difference(union).polygonalParts()
            for polygon in try union.difference(boundary).polygonalParts() {
                let native = try NativeGeometry(.polygon(polygon), context: context)
                outside.append(.init(language: language, areaSquareMetres: PlanarEdgeArea.area(of: polygon), location: try native.pointOnSurface()))
            }
        } else {
            // Without a boundary, a gap is a hole of the union: an area enclosed by catchments but covered by none.
            for polygon in try union.polygonalParts() {
                for hole in polygon.holes { gapPolygons.append(RingOrientation.oriented(Polygon(shell: hole))) }
            }
        }

        var gaps: [CoverageReport.Gap] = []
        for polygon in gapPolygons {
            let native = try NativeGeometry(.polygon(polygon), context: context)
            gaps.append(.init(language: language, areaSquareMetres: PlanarEdgeArea.area(of: polygon), location: try native.pointOnSurface(), geometry: .polygon(polygon)))
        }
        return (gaps, outside)
    }

    private func checkSchools(catchments: [Catchment], natives: [NativeGeometry?], schools: [SchoolSite], into report: inout CoverageReport) throws(GeometryError) {
        guard !schools.isEmpty else { return }

        // A school's candidates are the valid catchments whose envelope covers its location, found in an
        // STR-tree, and its own catchments wherever they lie. Testing every catchment for every school
        // took minutes for a city of thousands of each.
        var indexed: [Int] = []
        var envelopes: [Envelope] = []
        var ownCatchments: [String: [Int]] = [:]
        for (index, catchment) in catchments.enumerated() where natives[index] != nil {
            if let envelope = catchment.envelope {
                indexed.append(index)
                envelopes.append(envelope)
            }
            if let schoolID = catchment.schoolID { ownCatchments[schoolID, default: []].append(index) }
        }
        let tree = STRTree(envelopes: envelopes)

        for school in schools.sorted(by: { $0.id < $1.id }) {
            guard let location = school.location else { continue }
            var candidates = ownCatchments[school.id] ?? []
            tree.query(location) { position in candidates.append(indexed[position]) }
            // Catchment order, without repeats, so `own` lists keys in the order of the catchments.
            candidates.sort()

            let point = try NativeGeometry(point: location, context: context)
            var coveredByAny = false
            var own: [String] = []
            var coveredByOwn = false
            var previous: Int?
            for index in candidates where index != previous {
                previous = index
                let catchment = catchments[index]
                let covers = try natives[index]!.covers(point)
                if covers { coveredByAny = true }
                if catchment.schoolID == school.id {
                    own.append(catchment.key)
                    if covers { coveredByOwn = true }
                }
            }
            if !coveredByAny { report.schoolsOutsideEveryCatchment.append(school.id) }
            if !own.isEmpty && !coveredByOwn { report.schoolsOutsideOwnCatchment.append(.init(schoolID: school.id, catchmentKeys: own)) }
        }
    }
}
