import Geometry
import TestSupport
import XCTest

final class PolygonCleanerTests: XCTestCase {
    /// The bow-tie (0,0),(2,2),(2,0),(0,2),(0,0) in hundredths of a degree, shifted into Almaty.
    private func bowTie() -> Polygon {
        let shifted = [(0.0, 0.0), (2.0, 2.0), (2.0, 0.0), (0.0, 2.0), (0.0, 0.0)].map { Position(x: 76.9 + $0.0 / 100, y: 43.2 + $0.1 / 100) }
        return Polygon(shell: shifted)
    }

    private func accepted(_ outcome: CleaningOutcome, file: StaticString = #filePath, line: UInt = #line) -> ([Polygon], [String])? {
        guard case .accepted(let polygons, let repairs) = outcome else {
            XCTFail("rejected: \(outcome)", file: file, line: line)
            return nil
        }
        return (polygons, repairs)
    }

    func testBowTieRejectedWithLocation() {
        guard case .rejected(let problems) = PolygonCleaner().clean(.polygon(bowTie())) else { return XCTFail("bow-tie accepted") }
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].reason.contains("Self-intersection"), problems[0].reason)
        XCTAssertEqual(problems[0].location?.x ?? 0, 76.91, accuracy: 1e-9)
        XCTAssertEqual(problems[0].location?.y ?? 0, 43.21, accuracy: 1e-9)
    }

    func testBowTieFixKeepsBothLobes() throws {
        let outcome = PolygonCleaner(options: CleaningOptions(fix: true)).clean(.polygon(bowTie()))
        guard let (polygons, repairs) = accepted(outcome) else { return }
        XCTAssertEqual(polygons.count, 2)
        XCTAssertEqual(repairs.count, 1)

        // Each lobe is a triangle of a quarter of the 0.02° square; both together are half of it.
        let square = Polygon(shell: Fixtures.rectangle(minX: 76.9, minY: 43.2, maxX: 76.92, maxY: 43.22))
        let expected = Geodesic.wgs84.area(of: square) / 2
        let repaired = Geodesic.wgs84.area(of: .multiPolygon(polygons))
        XCTAssertEqual(repaired, expected, accuracy: expected * 0.001)
    }

    func testClockwiseExteriorReoriented() {
        let clockwise = Polygon(shell: Fixtures.rectangle(minX: 76.9, minY: 43.24, maxX: 76.92, maxY: 43.26).reversed())
        guard let (polygons, repairs) = accepted(PolygonCleaner().clean(.polygon(clockwise))) else { return }
        XCTAssertTrue(RingOrientation.isCounterClockwise(polygons[0].shell))
        XCTAssertTrue(repairs.isEmpty)
    }

    func testHoleWoundClockwise() {
        let shell = Fixtures.rectangle(minX: 0, minY: 0, maxX: 10, maxY: 10).reversed()
        let hole = Fixtures.rectangle(minX: 2, minY: 2, maxX: 4, maxY: 4)
        guard let (polygons, _) = accepted(PolygonCleaner().clean(.polygon(Polygon(shell: Array(shell), holes: [hole])))) else { return }
        XCTAssertTrue(RingOrientation.isCounterClockwise(polygons[0].shell))
        XCTAssertFalse(RingOrientation.isCounterClockwise(polygons[0].holes[0]))
    }

    func testOpenRingRejected() {
        let open = Polygon(shell: Array(Fixtures.rectangle(minX: 0, minY: 0, maxX: 1, maxY: 1).dropLast()))
        guard case .rejected(let problems) = PolygonCleaner().clean(.polygon(open)) else { return XCTFail("open ring accepted") }
        XCTAssertTrue(problems[0].reason.contains("not closed"), problems[0].reason)
    }

    func testOpenRingClosedOnRequest() {
        let open = Polygon(shell: Array(Fixtures.rectangle(minX: 0, minY: 0, maxX: 1, maxY: 1).dropLast()))
        guard let (polygons, repairs) = accepted(PolygonCleaner(options: CleaningOptions(closeOpenRings: true)).clean(.polygon(open))) else { return }
        XCTAssertEqual(polygons[0].shell.count, 5)
        XCTAssertEqual(repairs.count, 1)
    }

    func testCollapsedRingRejectedAsDegenerate() {
        let ring = [Position(x: 0, y: 0), Position(x: 1, y: 0), Position(x: 1, y: 0), Position(x: 0, y: 0)]
        guard case .rejected(let problems) = PolygonCleaner().clean(.polygon(Polygon(shell: ring))) else { return XCTFail("accepted") }
        XCTAssertTrue(problems[0].reason.contains("degenerate"), problems[0].reason)
    }

    func testRepeatedVertexRemoved() {
        var ring = Fixtures.rectangle(minX: 0, minY: 0, maxX: 1, maxY: 1)
        ring.insert(ring[1], at: 1)
        guard let (polygons, repairs) = accepted(PolygonCleaner().clean(.polygon(Polygon(shell: ring)))) else { return }
        XCTAssertEqual(polygons[0].shell.count, 5)
        XCTAssertEqual(repairs, ["exterior ring: removed 1 repeated vertex(es)"])
    }

    func testOverlappingPartsMergedByUnion() {
        let first = Polygon(shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 2, maxY: 2))
        let second = Polygon(shell: Fixtures.rectangle(minX: 1, minY: 1, maxX: 3, maxY: 3))
        guard let (polygons, repairs) = accepted(PolygonCleaner().clean(.multiPolygon([first, second]))) else { return }
        XCTAssertEqual(polygons.count, 1)
        XCTAssertEqual(repairs.count, 1)
        XCTAssertTrue(polygons[0].holes.isEmpty, "union must not turn the overlap into a hole")
    }

    func testPointRejectedAsWrongType() {
        guard case .rejected(let problems) = PolygonCleaner().clean(.point(Position(x: 0, y: 0))) else { return XCTFail("accepted") }
        XCTAssertTrue(problems[0].reason.contains("Polygon or MultiPolygon"))
    }
}
