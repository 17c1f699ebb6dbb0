import Geometry
import TestSupport
import XCTest

final class VoronoiDiagramTests: XCTestCase {
    private let sites = [
        Position(x: 1, y: 1), Position(x: 4, y: 1.5), Position(x: 2.5, y: 3), Position(x: 0.5, y: 4), Position(x: 4, y: 4.2),
    ]

    func testOneCellPerSiteTilingExtent() throws {
        let extent = Envelope(minX: -5, minY: -5, maxX: 10, maxY: 10)
        let diagram = try NativeGeometry(.multiPoint(sites)).voronoiDiagram(extent: extent)
        let cells = try diagram.polygonalParts()
        XCTAssertEqual(cells.count, sites.count)

        for site in sites {
            let containing = try cells.filter { try NativeGeometry(.polygon($0)).covers(NativeGeometry(point: site)) }
            XCTAssertEqual(containing.count, 1, "\(site)")
        }
        let union = try NativeGeometry.union(of: cells)
        XCTAssertTrue(try union.covers(NativeGeometry(.polygon(Polygon(shell: Fixtures.rectangle(minX: -5, minY: -5, maxX: 10, maxY: 10))))))
        let areas = try cells.map { try NativeGeometry(.polygon($0)).planarArea() }
        XCTAssertEqual(areas.reduce(0, +), try union.planarArea(), accuracy: 1e-9, "cells do not overlap")
    }

    func testCoverageUnionOfAdjacentSquares() throws {
        let left = Polygon(shell: Fixtures.rectangle(minX: 0, minY: 0, maxX: 1, maxY: 1))
        let right = Polygon(shell: Fixtures.rectangle(minX: 1, minY: 0, maxX: 2, maxY: 1))
        let union = try NativeGeometry(.multiPolygon([left, right])).coverageUnion()
        XCTAssertEqual(try union.polygonalParts().count, 1)
        XCTAssertEqual(try union.planarArea(), 2, accuracy: 1e-12)
        XCTAssertTrue(try union.validity().isValid)
    }

    func testCoverageUnionOfVoronoiCells() throws {
        let cells = try NativeGeometry(.multiPoint(sites)).voronoiDiagram(extent: Envelope(minX: -5, minY: -5, maxX: 10, maxY: 10)).polygonalParts()
        let fast = try NativeGeometry(.multiPolygon(cells)).coverageUnion()
        let general = try NativeGeometry.union(of: cells)
        XCTAssertTrue(try fast.validity().isValid)
        XCTAssertEqual(try fast.planarArea(), try general.planarArea(), accuracy: 1e-9)
    }
}
