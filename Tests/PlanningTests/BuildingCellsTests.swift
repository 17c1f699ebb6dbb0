import Geometry
@testable import Planning
import XCTest

final class BuildingCellsTests: XCTestCase {
    /// A jittered grid of 400 buildings around 76.9 E, 43.2 N, about 2 km across.
    private let sites: [Position] = (0..<400).map { index in
        let row = Double(index / 20), column = Double(index % 20)
        let jitter = Double((index * 7919) % 97) / 97
        return Position(x: 76.9 + (column * 100 + jitter * 40) / 81_000, y: 43.2 + (row * 100 + jitter * 30) / 111_195)
    }

    private var extent: Envelope { Envelope(of: sites)! }

    func testCellsFormExactCoverage() throws {
        let cells = try BuildingCells(sites: sites, extent: extent, context: GEOSContext.current)
        XCTAssertEqual(cells.sites.count, sites.count)
        XCTAssertTrue(cells.formsExactCoverage, "no building's cell reaches the diagram's extent")

        let all = try cells.union(ofSites: Array(sites.indices))
        XCTAssertTrue(try all.validity().isValid)
        let city = try NativeGeometry(.polygon(Polygon(shell: [
            Position(x: extent.minX, y: extent.minY), Position(x: extent.maxX, y: extent.minY),
            Position(x: extent.maxX, y: extent.maxY), Position(x: extent.minX, y: extent.maxY), Position(x: extent.minX, y: extent.minY),
        ])))
        XCTAssertTrue(try all.covers(city), "the cells of all buildings cover the city")
    }

    func testUnionsOfDisjointSitesDoNotOverlap() throws {
        let cells = try BuildingCells(sites: sites, extent: extent, context: GEOSContext.current)
        let even = try cells.union(ofSites: sites.indices.filter { $0 % 2 == 0 })
        let odd = try cells.union(ofSites: sites.indices.filter { $0 % 2 == 1 })
        XCTAssertFalse(try even.interiorsIntersect(odd))
        for (index, site) in sites.enumerated() {
            let point = try NativeGeometry(point: site)
            XCTAssertTrue(try (index % 2 == 0 ? even : odd).covers(point), "site \(index)")
        }
    }

    func testNoSitesGiveEmptyUnion() throws {
        let cells = try BuildingCells(sites: [], extent: Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1), context: GEOSContext.current)
        XCTAssertTrue(try cells.union(ofSites: []).isEmpty)
    }
}
