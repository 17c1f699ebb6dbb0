import Catchment
import Geometry
import TestSupport
import XCTest

final class SchoolLocatorTests: XCTestCase {
    private let origin = Position(longitude: 76.92, latitude: 43.25)

    private func locator() -> SchoolLocator {
        SchoolLocator(schools: [
            SchoolSite(id: "near-kk", languages: ["kk"], type: "general", ownership: "state", location: Position(longitude: 76.921, latitude: 43.25)),
            SchoolSite(id: "mid-ru", languages: ["ru"], type: "gymnasium", ownership: "private", location: Position(longitude: 76.93, latitude: 43.25)),
            SchoolSite(id: "far-both", languages: ["kk", "ru"], type: "lyceum", ownership: "state", location: Position(longitude: 77.0, latitude: 43.3)),
            SchoolSite(id: "nowhere", languages: ["kk"], location: nil),
        ])
    }

    func testNearestOrderedByGeodesicDistance() {
        let locator = locator()
        let found = locator.nearest(to: origin, limit: 10)
        XCTAssertEqual(found.map { locator.schools[$0.school].id }, ["near-kk", "mid-ru", "far-both"])
        XCTAssertEqual(found[0].distanceMetres, Geodesic.wgs84.distance(origin, Position(longitude: 76.921, latitude: 43.25)), accuracy: 1e-6)
    }

    func testFiltersApply() {
        let locator = locator()
        XCTAssertEqual(locator.nearest(to: origin, limit: 5, filter: SchoolFilter(language: "ru")).map { locator.schools[$0.school].id }, ["mid-ru", "far-both"])
        XCTAssertEqual(locator.nearest(to: origin, limit: 5, filter: SchoolFilter(type: "lyceum")).map { locator.schools[$0.school].id }, ["far-both"])
        XCTAssertEqual(locator.nearest(to: origin, limit: 5, filter: SchoolFilter(ownership: "private")).map { locator.schools[$0.school].id }, ["mid-ru"])
    }

    func testLimitAndUnlocatedSchoolsLeftOut() {
        let locator = locator()
        XCTAssertEqual(locator.nearest(to: origin, limit: 1).count, 1)
        XCTAssertFalse(locator.nearest(to: origin, limit: 10).contains { locator.schools[$0.school].id == "nowhere" })
    }

    func testMatchesBruteForceGeodesic() {
        var generator = SeededGenerator(seed: 7)
        var sites: [SchoolSite] = []
        for index in 0..<500 {
            sites.append(SchoolSite(id: String(format: "s%03d", index), location: Position(
                longitude: Double.random(in: 76.8..<77.1, using: &generator), latitude: Double.random(in: 43.1..<43.4, using: &generator))))
        }
        let locator = SchoolLocator(schools: sites)
        for _ in 0..<50 {
            let point = Position(longitude: Double.random(in: 76.8..<77.1, using: &generator), latitude: Double.random(in: 43.1..<43.4, using: &generator))
            let expected = sites.map { ($0.id, Geodesic.wgs84.distance(point, $0.location!)) }.sorted { $0.1 < $1.1 }.prefix(7).map(\.0)
            XCTAssertEqual(locator.nearest(to: point, limit: 7).map { locator.schools[$0.school].id }, Array(expected))
        }
    }
}

final class STRTreeTests: XCTestCase {
    func testPointQueryMatchesLinearScan() {
        var generator = SeededGenerator(seed: 3)
        var envelopes: [Envelope] = []
        for _ in 0..<1_000 {
            let x = Double.random(in: 0..<100, using: &generator), y = Double.random(in: 0..<100, using: &generator)
            envelopes.append(Envelope(minX: x, minY: y, maxX: x + Double.random(in: 0..<5, using: &generator), maxY: y + Double.random(in: 0..<5, using: &generator)))
        }
        let tree = STRTree(envelopes: envelopes)
        for _ in 0..<500 {
            let point = Position(x: Double.random(in: 0..<105, using: &generator), y: Double.random(in: 0..<105, using: &generator))
            var found: [Int] = []
            tree.query(point) { found.append($0) }
            XCTAssertEqual(found.sorted(), envelopes.indices.filter { envelopes[$0].covers(point) })
        }
    }

    func testEmptyTreeFindsNothing() {
        let tree = STRTree(envelopes: [])
        var found = 0
        tree.query(Position(x: 0, y: 0)) { _ in found += 1 }
        XCTAssertEqual(found, 0)
        XCTAssertNil(tree.nearest(envelopeDistance: { _ in 0 }, itemDistance: { _ in 0 }))
    }
}

final class CoverageAnalyzerTests: XCTestCase {
    private func square(_ key: String, _ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double, language: String? = "kk", school: String? = nil) -> Catchment {
        Catchment(key: key, schoolID: school, language: language, polygons: [Polygon(shell: Fixtures.rectangle(minX: minX, minY: minY, maxX: maxX, maxY: maxY))])
    }

    func testOverlapOfSameLanguageReported() throws {
        let report = try CoverageAnalyzer().analyze(catchments: [
            square("a", 76.90, 43.24, 76.92, 43.26), square("b", 76.91, 43.24, 76.93, 43.26), square("c", 76.90, 43.24, 76.93, 43.26, language: "ru"),
        ])
        XCTAssertEqual(report.overlaps.count, 1)
        XCTAssertEqual(report.overlaps.first?.firstKey, "a")
        XCTAssertEqual(report.overlaps.first?.secondKey, "b")
        let expected = Geodesic.wgs84.area(of: Polygon(shell: Fixtures.rectangle(minX: 76.91, minY: 43.24, maxX: 76.92, maxY: 43.26)))
        XCTAssertEqual(report.overlaps.first?.areaSquareMetres ?? 0, expected, accuracy: 1)
    }

    func testSharedEdgeIsNotOverlap() throws {
        let report = try CoverageAnalyzer().analyze(catchments: [square("a", 0, 0, 1, 1), square("b", 1, 0, 2, 1)])
        XCTAssertTrue(report.overlaps.isEmpty)
        XCTAssertTrue(report.gaps.isEmpty)
    }

    func testGapInsideBoundaryReported() throws {
        let boundary = [Polygon(shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 0.03, maxY: 0.01))]
        let report = try CoverageAnalyzer().analyze(catchments: [square("a", 0, 0, 0.01, 0.01), square("b", 0.02, 0, 0.03, 0.01)], boundary: boundary)
        XCTAssertEqual(report.gaps.count, 1)
        let expected = Geodesic.wgs84.area(of: Polygon(shell: Fixtures.rectangle(minX: 0.01, minY: 0, maxX: 0.02, maxY: 0.01)))
        XCTAssertEqual(report.gaps.first?.areaSquareMetres ?? 0, expected, accuracy: 1)
        XCTAssertTrue(report.hasErrors)
    }

    func testHoleOfUnionIsGapWithoutBoundary() throws {
        let ring = Catchment(key: "ring", language: "kk", polygons: [Polygon(
            shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 3, maxY: 3), holes: [Fixtures.rectangle(minX: 1, minY: 1, maxX: 2, maxY: 2).reversed()])])
        let report = try CoverageAnalyzer().analyze(catchments: [ring])
        XCTAssertEqual(report.gaps.count, 1)
    }

    func testSchoolsOutsideCatchmentsListed() throws {
        let report = try CoverageAnalyzer().analyze(
            catchments: [square("a", 0, 0, 1, 1, school: "s1"), square("b", 1, 0, 2, 1, school: "s2")],
            schools: [SchoolSite(id: "s1", location: Position(x: 1.5, y: 0.5)), SchoolSite(id: "s2", location: Position(x: 1.5, y: 0.5)),
                      SchoolSite(id: "s3", location: Position(x: 5, y: 5))])
        XCTAssertEqual(report.schoolsOutsideEveryCatchment, ["s3"])
        XCTAssertEqual(report.schoolsOutsideOwnCatchment.map(\.schoolID), ["s1"])
    }

    func testSchoolOwnCatchmentsFoundAnywhere() throws {
        // s1 owns two catchments far from its location, which lies in s2's catchment. The bow-tie of s3 is invalid and ignored.
        let bowTie = Catchment(key: "c", schoolID: "s3", language: "kk", polygons: [Polygon(shell: [
            Position(x: 0, y: 0), Position(x: 1, y: 1), Position(x: 1, y: 0), Position(x: 0, y: 1), Position(x: 0, y: 0),
        ])])
        let report = try CoverageAnalyzer().analyze(
            catchments: [square("b", 5, 5, 6, 6, school: "s1"), square("a", 8, 8, 9, 9, language: "ru", school: "s1"), square("z", 0, 0, 2, 2, school: "s2"), bowTie],
            schools: [SchoolSite(id: "s1", location: Position(x: 1, y: 1)), SchoolSite(id: "s2", location: Position(x: 1.5, y: 1.5)),
                      SchoolSite(id: "s3", location: Position(x: 0.5, y: 0.25)), SchoolSite(id: "s4", location: nil)])
        XCTAssertEqual(report.invalid.map(\.key), ["c"])
        XCTAssertEqual(report.schoolsOutsideEveryCatchment, [])
        XCTAssertEqual(report.schoolsOutsideOwnCatchment.map(\.schoolID), ["s1"])
        XCTAssertEqual(report.schoolsOutsideOwnCatchment.first?.catchmentKeys, ["a", "b"])
    }
}
