import Catchment
import Foundation
import Geometry
import TestSupport
import XCTest

final class CatchmentIndexTests: XCTestCase {
    private func square(_ key: String, _ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double, language: String? = nil) -> Catchment {
        Catchment(key: key, language: language, polygons: [Polygon(shell: Fixtures.rectangle(minX: minX, minY: minY, maxX: maxX, maxY: maxY))])
    }

    private func keys(_ index: CatchmentIndex, _ result: LookupResult) -> [String] {
        result.matches.map { index.catchments[$0.catchment].key }
    }

    func testSharedEdgeCoveredByBoth() throws {
        let index = try CatchmentIndex(catchments: [square("west", 76.90, 43.24, 76.92, 43.26), square("east", 76.92, 43.24, 76.94, 43.26)])
        let onEdge = try index.lookup(Position(longitude: 76.92, latitude: 43.25))
        XCTAssertEqual(keys(index, onEdge), ["east", "west"])
        XCTAssertTrue(onEdge.onBoundary)
        XCTAssertTrue(onEdge.matches.allSatisfy(\.onBoundary))

        let inside = try index.lookup(Position(longitude: 76.91, latitude: 43.25))
        XCTAssertEqual(keys(index, inside), ["west"])
        XCTAssertFalse(inside.onBoundary)
        XCTAssertNil(inside.nearest)
    }

    func testSharedEdgeStableOverRepeatsAndOrders() throws {
        let catchments = [square("west", 76.90, 43.24, 76.92, 43.26), square("east", 76.92, 43.24, 76.94, 43.26), square("far", 77.0, 43.0, 77.1, 43.1)]
        let reference = try CatchmentIndex(catchments: catchments)
        let expected = try reference.lookup(Position(longitude: 76.92, latitude: 43.25))
        for _ in 0..<1000 {
            XCTAssertEqual(try reference.lookup(Position(longitude: 76.92, latitude: 43.25)), expected)
        }
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
        for order in orders {
            let index = try CatchmentIndex(catchments: order.map { catchments[$0] })
            let result = try index.lookup(Position(longitude: 76.92, latitude: 43.25))
            XCTAssertEqual(keys(index, result), ["east", "west"], "order \(order)")
            XCTAssertTrue(result.onBoundary)
        }
    }

    func testFourSquaresShareCorner() throws {
        let index = try CatchmentIndex(catchments: [
            square("sw", 0, 0, 1, 1), square("se", 1, 0, 2, 1), square("nw", 0, 1, 1, 2), square("ne", 1, 1, 2, 2),
        ])
        let corner = try index.lookup(Position(x: 1, y: 1))
        XCTAssertEqual(keys(index, corner), ["ne", "nw", "se", "sw"])
        XCTAssertTrue(corner.onBoundary)
    }

    func testHoleExcludedButItsRingCovered() throws {
        let outer = Catchment(key: "ring", polygons: [Polygon(
            shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 10, maxY: 10),
            holes: [Fixtures.rectangle(minX: 4, minY: 4, maxX: 6, maxY: 6).reversed()])])
        let filler = square("filler", 4, 4, 6, 6)

        let alone = try CatchmentIndex(catchments: [outer])
        XCTAssertTrue(try alone.lookup(Position(x: 5, y: 5)).matches.isEmpty)
        let onHoleRing = try alone.lookup(Position(x: 4, y: 5))
        XCTAssertEqual(keys(alone, onHoleRing), ["ring"])
        XCTAssertTrue(onHoleRing.onBoundary)

        let both = try CatchmentIndex(catchments: [outer, filler])
        XCTAssertEqual(keys(both, try both.lookup(Position(x: 5, y: 5))), ["filler"])
        XCTAssertEqual(keys(both, try both.lookup(Position(x: 4, y: 5))), ["filler", "ring"])
    }

    func testOverlappingMultiPolygonCoveredAfterCleaning() throws {
        let parts = [Polygon(shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 2, maxY: 2)), Polygon(shell: Fixtures.rectangle(minX: 1, minY: 1, maxX: 3, maxY: 3))]
        guard case .accepted(let polygons, _) = PolygonCleaner().clean(.multiPolygon(parts)) else { return XCTFail("rejected") }
        let index = try CatchmentIndex(catchments: [Catchment(key: "multi", polygons: polygons)])
        let overlap = try index.lookup(Position(x: 1.5, y: 1.5))
        XCTAssertEqual(keys(index, overlap), ["multi"])
        XCTAssertFalse(overlap.onBoundary)
    }

    func testNearestReportedWhenNothingCovers() throws {
        let index = try CatchmentIndex(catchments: [square("a", 76.90, 43.24, 76.92, 43.26), square("b", 77.0, 43.24, 77.02, 43.26)])
        let result = try index.lookup(Position(longitude: 76.93, latitude: 43.25))
        XCTAssertTrue(result.matches.isEmpty)
        XCTAssertEqual(result.nearest.map { index.catchments[$0.catchment].key }, "a")
        // 0.01° of longitude at latitude 43.25 is about 812 m.
        XCTAssertEqual(result.nearest?.distanceMetres ?? 0, 812, accuracy: 3)
        XCTAssertEqual(result.nearest?.nearestPoint.x ?? 0, 76.92, accuracy: 1e-9)
    }

    func testNearestMatchesBruteForce() throws {
        // Irregular many-sided polygons scattered over 0.2°, and points around and between them.
        var generator = SeededGenerator(seed: 5)
        var catchments: [Catchment] = []
        for index in 0..<40 {
            let center = Position(x: 76.8 + Double.random(in: 0..<0.2, using: &generator), y: 43.2 + Double.random(in: 0..<0.2, using: &generator))
            var ring: [Position] = []
            for step in 0..<60 {
                let angle = Double(step) / 60 * 2 * .pi
                let radius = 0.004 + Double.random(in: 0..<0.003, using: &generator)
                ring.append(Position(x: center.x + radius * cos(angle), y: center.y + radius * sin(angle)))
            }
            ring.append(ring[0])
            catchments.append(Catchment(key: "c\(index)", polygons: [Polygon(shell: ring)]))
        }
        let index = try CatchmentIndex(catchments: catchments)
        for _ in 0..<300 {
            let point = Position(x: 76.75 + Double.random(in: 0..<0.3, using: &generator), y: 43.15 + Double.random(in: 0..<0.3, using: &generator))
            guard try index.covering(point).isEmpty else { continue }
            let projection = LocalProjection(referenceLatitude: point.y)
            let origin = projection.project(point)
            var expected = Double.infinity
            for catchment in index.catchments {
                let ring = catchment.polygons[0].shell
                for position in 0..<(ring.count - 1) {
                    let a = projection.project(ring[position]), b = projection.project(ring[position + 1])
                    let dx = b.x - a.x, dy = b.y - a.y
                    let t = max(0, min(1, ((origin.x - a.x) * dx + (origin.y - a.y) * dy) / (dx * dx + dy * dy)))
                    let ex = origin.x - (a.x + t * dx), ey = origin.y - (a.y + t * dy)
                    expected = min(expected, (ex * ex + ey * ey).squareRoot())
                }
            }
            let found = try XCTUnwrap(index.nearest(to: point))
            let planar = projection.project(found.nearestPoint)
            let foundDistance = ((planar.x - origin.x) * (planar.x - origin.x) + (planar.y - origin.y) * (planar.y - origin.y)).squareRoot()
            XCTAssertEqual(foundDistance, expected, accuracy: 1e-6, "\(point)")
        }
    }

    func testLanguageFilterLimitsMatches() throws {
        let index = try CatchmentIndex(catchments: [square("a-kk", 0, 0, 2, 2, language: "kk"), square("a-ru", 0, 0, 2, 2, language: "ru")])
        XCTAssertEqual(keys(index, try index.lookup(Position(x: 1, y: 1))), ["a-kk", "a-ru"])
        XCTAssertEqual(keys(index, try index.lookup(Position(x: 1, y: 1), language: "ru")), ["a-ru"])
        let none = try index.lookup(Position(x: 5, y: 5), language: "kk")
        XCTAssertEqual(none.nearest.map { index.catchments[$0.catchment].key }, "a-kk")
    }

    func testDuplicateKeyRejected() {
        XCTAssertThrowsError(try CatchmentIndex(catchments: [square("a", 0, 0, 1, 1), square("a", 2, 2, 3, 3)])) { error in
            XCTAssertEqual(error as? CatchmentError, .duplicateKey(key: "a", language: nil))
        }
    }

    func testClockwiseInputSameLookups() throws {
        let clockwise = Polygon(shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 1, maxY: 1).reversed())
        guard case .accepted(let polygons, _) = PolygonCleaner().clean(.polygon(clockwise)) else { return XCTFail("rejected") }
        let oriented = try CatchmentIndex(catchments: [Catchment(key: "cw", polygons: polygons)])
        let original = try CatchmentIndex(catchments: [square("cw", 0, 0, 1, 1)])
        for point in [Position(x: 0.5, y: 0.5), Position(x: 1, y: 0.5), Position(x: 2, y: 2)] {
            XCTAssertEqual(try oriented.lookup(point), try original.lookup(point))
        }
        XCTAssertTrue(RingOrientation.isCounterClockwise(oriented.catchments[0].polygons[0].shell))
    }

    func testConcurrentLookupsAgree() throws {
        var catchments: [Catchment] = []
        for row in 0..<10 {
            for column in 0..<10 {
                catchments.append(square("c\(row)-\(column)", Double(column), Double(row), Double(column + 1), Double(row + 1)))
            }
        }
        let index = try CatchmentIndex(catchments: catchments)
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var generator = SeededGenerator(seed: UInt64(worker))
            for _ in 0..<5_000 {
                let point = Position(x: Double.random(in: 0.001..<9.999, using: &generator), y: Double.random(in: 0.001..<9.999, using: &generator))
                let expected = "c\(Int(point.y))-\(Int(point.x))"
                let found = (try? index.covering(point)).map { $0.map { index.catchments[$0].key } }
                if found != [expected] { failures.increment() }
            }
        }
        XCTAssertEqual(failures.value, 0)
    }
}

/// A thread-safe counter for concurrent tests.
final class Counter: @unchecked Sendable {
    // Guarded by `lock`.
    private var count = 0
    private let lock = NSLock()

    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

final class CatchmentIndexReuseTests: XCTestCase {
    private func grid(version: (Int) -> Int = { _ in 1 }) -> [Catchment] {
        (0..<20).map { index in
            let x = 76.90 + Double(index % 5) * 0.01, y = 43.20 + Double(index / 5) * 0.01
            return Catchment(key: "c\(index)", language: "ru", polygons: [Polygon(shell: Fixtures.rectangle(minX: x, minY: y, maxX: x + 0.01, maxY: y + 0.01))],
                             version: version(index))
        }
    }

    func testReusedIndexAnswersLikeFreshOne() throws {
        let first = try CatchmentIndex(catchments: grid())
        // Catchment c7 changes: a new version that covers only the lower half of its cell.
        var changed = grid { $0 == 7 ? 2 : 1 }
        changed[7].polygons = [Polygon(shell: Fixtures.rectangle(minX: 76.92, minY: 43.21, maxX: 76.93, maxY: 43.215))]
        let reused = try CatchmentIndex(catchments: changed, reusing: [first])
        let fresh = try CatchmentIndex(catchments: changed)

        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let point = Position(x: Double.random(in: 76.895...76.955, using: &generator), y: Double.random(in: 43.195...43.245, using: &generator))
            XCTAssertEqual(try reused.covering(point), try fresh.covering(point), "\(point)")
        }
    }

    func testSharedPolygonsOutliveTheFirstIndex() throws {
        var first: CatchmentIndex? = try CatchmentIndex(catchments: grid())
        let second = try CatchmentIndex(catchments: grid(), reusing: [first!])
        // The first index goes away on another thread while this one queries the shared polygons.
        let released = expectation(description: "first index released")
        DispatchQueue.global().async { [first] in
            _ = first
            released.fulfill()
        }
        first = nil
        for _ in 0..<500 {
            XCTAssertEqual(try second.covering(Position(x: 76.905, y: 43.205)).count, 1)
        }
        wait(for: [released], timeout: 5)
        XCTAssertEqual(try second.covering(Position(x: 76.935, y: 43.235)).map { second.catchments[$0].key }, ["c18"])
    }
}
