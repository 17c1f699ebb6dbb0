import Geometry
import TestSupport
import XCTest

final class WKBTests: XCTestCase {
    func testRoundTripEveryType() throws {
        let ring = Fixtures.rectangle(minX: 1, minY: 2, maxX: 3, maxY: 4)
        let geometries: [Geometry] = [
            .point(Position(x: 1.5, y: -2.25)),
            .multiPoint([Position(x: 1, y: 2), Position(x: 3, y: 4)]),
            .lineString(ring),
            .multiLineString([ring, ring]),
            .polygon(Polygon(shell: ring, holes: [ring])),
            .multiPolygon([Polygon(shell: ring)]),
            .collection([.point(Position(x: 0, y: 0)), .lineString(ring)]),
        ]
        for geometry in geometries {
            XCTAssertEqual(try WKB.decode(WKB.encode(geometry)), geometry)
        }
    }

    func testTruncatedInputRejected() {
        let bytes = WKB.encode(.polygon(Polygon(shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 1, maxY: 1))))
        XCTAssertThrowsError(try WKB.decode(Array(bytes.dropLast(3))))
        XCTAssertThrowsError(try WKB.decode([1, 99, 0, 0, 0]))
    }
}

final class GeodesicTests: XCTestCase {
    func testDistanceMatchesKnownValue() {
        // One degree of latitude at the equator on WGS 84 is 110,574.4 m.
        XCTAssertEqual(Geodesic.wgs84.distance(Position(x: 0, y: 0), Position(x: 0, y: 1)), 110_574.4, accuracy: 0.1)
    }

    func testAreaIgnoresWinding() {
        let ring = Fixtures.rectangle(minX: 76.9, minY: 43.24, maxX: 76.92, maxY: 43.26)
        let area = Geodesic.wgs84.area(ofRing: ring)
        XCTAssertEqual(area, Geodesic.wgs84.area(ofRing: ring.reversed()))
        // About 1.62 km × 2.22 km at this latitude.
        XCTAssertEqual(area, 3_600_000, accuracy: 100_000)
    }
}

final class RobustOrientationTests: XCTestCase {
    func testPointOnSegmentDetected() {
        XCTAssertTrue(RobustOrientation.isOnSegment(Position(x: 76.92, y: 43.25), Position(x: 76.92, y: 43.24), Position(x: 76.92, y: 43.26)))
        XCTAssertFalse(RobustOrientation.isOnSegment(Position(x: 76.9200001, y: 43.25), Position(x: 76.92, y: 43.24), Position(x: 76.92, y: 43.26)))
    }

    func testOrientationSigns() {
        let a = Position(x: 0, y: 0), b = Position(x: 1, y: 0)
        XCTAssertEqual(RobustOrientation.index(a, b, Position(x: 0.5, y: 1)), 1)
        XCTAssertEqual(RobustOrientation.index(a, b, Position(x: 0.5, y: -1)), -1)
        XCTAssertEqual(RobustOrientation.index(a, b, Position(x: 7, y: 0)), 0)
    }

    func testOrientationOfNearlyCollinearPointMatchesGEOS() throws {
        let a = Position(x: 76.90000000000001, y: 43.24), b = Position(x: 76.93, y: 43.27)
        for step in 0..<50 {
            let q = Position(x: 76.91 + Double(step) * 1e-15, y: 43.25)
            let point = try NativeGeometry(point: q)
            let line = try NativeGeometry(.lineString([a, b]))
            XCTAssertEqual(RobustOrientation.isOnSegment(q, a, b), try line.covers(point), "step \(step)")
        }
    }
}

final class PlanarEdgeAreaTests: XCTestCase {
    func testMatchesGeodesicForBlock() {
        // For a 2 km block the straight-edge and geodesic areas differ by well under 0.1 %.
        let ring = Fixtures.rectangle(minX: 76.9, minY: 43.24, maxX: 76.92, maxY: 43.26)
        XCTAssertEqual(PlanarEdgeArea.area(ofRing: ring), Geodesic.wgs84.area(ofRing: ring), accuracy: Geodesic.wgs84.area(ofRing: ring) * 0.001)
    }

    func testCollinearSliverHasNoArea() {
        let a = Position(x: 68.4433532, y: 47.5580235), b = Position(x: 68.4394898, y: 47.5567357), c = Position(x: 68.4240848, y: 47.5516007)
        XCTAssertLessThan(PlanarEdgeArea.area(ofRing: [a, b, c, a]), 0.001)
        XCTAssertGreaterThan(Geodesic.wgs84.area(ofRing: [a, b, c, a]), 1, "geodesic edges bulge apart")
    }
}
