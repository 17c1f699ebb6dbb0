import Catchment
import Foundation
import Geometry
import Store
import TestSupport
import XCTest

/// Imports and lookups on real third-party catchments read in place from `../shared/realdata`.
final class RealDataTests: XCTestCase {
    private var store: SakuraStore!

    override func setUpWithError() throws {
        store = try SakuraStore(path: Fixtures.temporaryFolder().appendingPathComponent("real.sqlite").path)
    }

    private func file(_ name: String) throws -> URL {
        if let url = Fixtures.realData(name) { return url }
        if Fixtures.isCI { XCTFail("real data \(name) missing under \(Fixtures.realDataFolder.path), required when CI=true") }
        throw XCTSkip("real data folder \(Fixtures.realDataFolder.path) is absent; set SAKURA_REALDATA to run this test")
    }

    private func importSeattle() throws -> CatchmentIndex {
        var schoolOptions = ImportOptions()
        schoolOptions.keyProperty = "PROPERTY_L"
        schoolOptions.nameProperty = "PROPERTY_L"
        _ = try SchoolImporter(store: store, options: schoolOptions).run(file: try file("us_wa_seattle_sps_school_site_2015_2016.geojson"), cityID: "seattle")
        var options = ImportOptions()
        options.keyProperty = "ES_ZONE"
        options.schoolProperty = "ES_ZONE"
        let summary = try CatchmentImporter(store: store, options: options).run(file: try file("us_wa_seattle_sps_attendance_area_ES.geojson"), cityID: "seattle")
        XCTAssertEqual(summary.imported, 57)
        XCTAssertEqual(summary.unmatchedSchoolKeys, ["Arbor Heights", "Olympic Hills"])
        return try CatchmentIndex(catchments: try store.catchments(cityID: "seattle"))
    }

    func testSeattleHandCheckedPoints() throws {
        let index = try importSeattle()
        let cases: [(Double, Double, String)] = [
            (47.6062, -122.3321, "Lowell"),  // downtown
            (47.68, -122.30, "Bryant"),  // Ravenna
        ]
        for (latitude, longitude, key) in cases {
            let result = try index.lookup(Position(longitude: longitude, latitude: latitude))
            XCTAssertEqual(result.matches.map { index.catchments[$0.catchment].key }, [key], "\(latitude),\(longitude)")
        }
        let offshore = try index.lookup(Position(longitude: -122.0, latitude: 47.0))
        XCTAssertTrue(offshore.matches.isEmpty)
        XCTAssertNotNil(offshore.nearest)
    }

    func testSeattleAgreesWithRayCasting() throws {
        let index = try importSeattle()
        let catchments = index.catchments
        let envelope = index.envelope!
        var generator = SeededGenerator(seed: 2026)
        var disagreements: [String] = []
        for _ in 0..<20_000 {
            let point = Position(x: Double.random(in: envelope.minX..<envelope.maxX, using: &generator),
                                 y: Double.random(in: envelope.minY..<envelope.maxY, using: &generator))
            let expected = catchments.indices.filter { index in catchments[index].polygons.contains { RayCasting.contains($0, point) } }
            let found = try index.covering(point)
            if found != expected { disagreements.append("\(point): engine \(found), ray casting \(expected)") }
        }
        XCTAssertEqual(disagreements, [])
    }

    func testVirginiaBeachOverlapsAndGaps() throws {
        var options = ImportOptions()
        options.keyProperty = "zone_id"
        options.schoolProperty = "school_name"
        let summary = try CatchmentImporter(store: store, options: options).run(file: try file("us_va_virginia_beach_elementary_zones_sabs2015.geojson"), cityID: "vb")
        XCTAssertEqual(summary.imported, 56)
        let catchments = try store.catchments(cityID: "vb")
        let index = try CatchmentIndex(catchments: catchments)

        let triple = try index.lookup(Position(longitude: -76.17022342105264, latitude: 36.86085))
        let names = Set(triple.matches.map { index.catchments[$0.catchment].schoolKey ?? "" })
        XCTAssertEqual(names, ["NEWTOWN ELEM", "WILLIAMS ELEM", "DIAMOND SPRINGS ELEM"])

        let gap = try index.lookup(Position(longitude: -75.96412390075376, latitude: 36.8119))
        XCTAssertTrue(gap.matches.isEmpty)
        XCTAssertNotNil(gap.nearest)

        let report = try CoverageAnalyzer().analyze(catchments: catchments)
        // Every pair whose interiors intersect, checked pair by pair without the tree.
        var expectedPairs = 0
        let natives = try catchments.map { try NativeGeometry($0.geometry) }
        for first in natives.indices {
            for second in natives.indices where second > first {
                if try natives[first].interiorsIntersect(natives[second]) { expectedPairs += 1 }
            }
        }
        XCTAssertEqual(report.overlaps.count, expectedPairs)
        XCTAssertGreaterThan(report.overlaps.count, 90)
        XCTAssertGreaterThan(report.gaps.count, 50)
        for overlap in report.overlaps {
            let point = overlap.location!
            let covering = try index.covering(point).map { index.catchments[$0].key }
            XCTAssertTrue(covering.contains(overlap.firstKey), "\(overlap.firstKey) × \(overlap.secondKey)")
            XCTAssertTrue(covering.contains(overlap.secondKey), "\(overlap.firstKey) × \(overlap.secondKey)")
        }
    }

    func testAlmatySharedBorderCoveredByBothSides() throws {
        var options = ImportOptions()
        options.keyProperty = "shapeName"
        _ = try CatchmentImporter(store: store, options: options).run(file: try file("kz_almaty_and_neighbours_adm2_geoboundaries_2017.geojson"), cityID: "almaty")
        let index = try CatchmentIndex(catchments: try store.catchments(cityID: "almaty"))
        for (longitude, latitude) in [(76.85192108154291, 43.321113586425724), (76.87076187133789, 43.33759117126462)] {
            let result = try index.lookup(Position(longitude: longitude, latitude: latitude))
            XCTAssertEqual(result.matches.map { index.catchments[$0.catchment].key }, ["Almaty (Alma-Ata)", "Karasayskiy"])
            XCTAssertTrue(result.onBoundary)
        }
        let inside = try index.lookup(Position(longitude: 76.90676982930847, latitude: 43.27867317199707))
        XCTAssertEqual(inside.matches.map { index.catchments[$0.catchment].key }, ["Almaty (Alma-Ata)"])
        XCTAssertFalse(inside.onBoundary)
    }

    func testKazakhDistrictsWithCRSMemberImport() throws {
        var options = ImportOptions()
        options.keyProperty = "shapeID"
        let summary = try CatchmentImporter(store: store, options: options).run(file: try file("kz_adm2_districts_geoboundaries_2017.geojson"), cityID: "kz")
        XCTAssertEqual(summary.imported, 174)
        XCTAssertTrue(summary.skipped.isEmpty)
    }
}
