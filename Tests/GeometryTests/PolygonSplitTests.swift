import Geometry
import TestSupport
import XCTest

final class PolygonSplitTests: XCTestCase {
    private let square = Polygon(shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 4, maxY: 2))

    func testLineAcrossMakesTwoPieces() throws {
        let pieces = try NativeGeometry(.polygon(square)).split(by: try NativeGeometry(.lineString([Position(x: 1, y: -1), Position(x: 1, y: 3)])))
        XCTAssertEqual(pieces.count, 2)
        XCTAssertEqual(PlanarEdgeArea.area(of: pieces[0]) / PlanarEdgeArea.area(of: pieces[1]), 3, accuracy: 0.01, "largest piece first")
        XCTAssertTrue(pieces.allSatisfy { RingOrientation.isCounterClockwise($0.shell) })
    }

    func testLineInsideSplitsNothing() throws {
        let pieces = try NativeGeometry(.polygon(square)).split(by: try NativeGeometry(.lineString([Position(x: 1, y: 0.5), Position(x: 1, y: 1.5)])))
        XCTAssertEqual(pieces.count, 1)
    }

    func testHoleStaysHole() throws {
        let withHole = Polygon(shell: square.shell, holes: [Array(Fixtures.rectangle(minX: 2.5, minY: 0.5, maxX: 3.5, maxY: 1.5).reversed())])
        let pieces = try NativeGeometry(.polygon(withHole)).split(by: try NativeGeometry(.lineString([Position(x: 1, y: -1), Position(x: 1, y: 3)])))
        XCTAssertEqual(pieces.count, 2)
        let total = pieces.reduce(0) { $0 + (try! NativeGeometry(.polygon($1)).planarArea()) }
        XCTAssertEqual(total, 8 - 1, accuracy: 1e-9)
    }
}
