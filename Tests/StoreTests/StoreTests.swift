import Catchment
import Foundation
import Geometry
import JSON
import Store
import TestSupport
import XCTest

final class MigrationsTests: XCTestCase {
    func testAppliedOnceAndRecorded() throws {
        let path = Fixtures.temporaryFolder().appendingPathComponent("m.sqlite").path
        _ = try SakuraStore(path: path)
        let store = try SakuraStore(path: path)
        let names = try store.database.prepare("SELECT name FROM schema_migrations ORDER BY name").rows { $0.text(0) }
        XCTAssertEqual(names, Migrations.all.map(\.name))
        let mode = try store.database.prepare("PRAGMA journal_mode").rows { $0.text(0) }
        XCTAssertEqual(mode, ["wal"])
    }

    func testUnknownMigrationRejected() throws {
        let path = Fixtures.temporaryFolder().appendingPathComponent("m.sqlite").path
        let store = try SakuraStore(path: path)
        try store.database.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', 'now')")
        XCTAssertThrowsError(try SakuraStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .unknownMigration(name: "9999_future"))
        }
    }
}

final class RepositoryTests: XCTestCase {
    func testCatchmentRoundTripKeepsGeometryAndBumpsVersion() throws {
        let store = try SakuraStore(path: Fixtures.temporaryFolder().appendingPathComponent("r.sqlite").path)
        try store.saveCity(City(id: "almaty", names: LocalizedName(kk: "Алматы", ru: "Алматы", en: "Almaty")))
        let polygon = Polygon(shell: Fixtures.rectangle(minX: 76.9, minY: 43.2, maxX: 76.91, maxY: 43.21))
        let catchment = Catchment(key: "z1", schoolKey: "School 1", language: "kk", polygons: [polygon])
        try store.replaceCatchments(cityID: "almaty", [catchment])
        try store.replaceCatchments(cityID: "almaty", [catchment])
        let loaded = try store.catchments(cityID: "almaty")
        XCTAssertEqual(loaded.count, 1)
        XCTAssertEqual(loaded[0].polygons, [polygon])
        XCTAssertEqual(loaded[0].language, "kk")
        XCTAssertEqual(loaded[0].version, 2)
    }

    func testSchoolWithoutLocationStored() throws {
        let store = try SakuraStore(path: Fixtures.temporaryFolder().appendingPathComponent("r.sqlite").path)
        try store.ensureCity(id: "demo")
        try store.replaceSchools(cityID: "demo", [School(id: "s1", names: LocalizedName(all: "S1"), languages: ["kk", "ru"], location: nil)])
        let school = try store.school(cityID: "demo", id: "s1")
        XCTAssertNil(school?.location)
        XCTAssertEqual(school?.languages, ["kk", "ru"])
    }

    func testInvalidCityIDRejected() throws {
        let store = try SakuraStore(path: Fixtures.temporaryFolder().appendingPathComponent("r.sqlite").path)
        XCTAssertThrowsError(try store.saveCity(City(id: "Almaty City", names: LocalizedName(all: "x"))))
    }
}

final class CatchmentImporterTests: XCTestCase {
    private var folder: URL!
    private var store: SakuraStore!

    override func setUpWithError() throws {
        folder = Fixtures.temporaryFolder()
        store = try SakuraStore(path: folder.appendingPathComponent("i.sqlite").path)
    }

    private func write(_ text: String, name: String = "in.geojson") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private let squareWest = Fixtures.polygonJSON([[(76.90, 43.24), (76.92, 43.24), (76.92, 43.26), (76.90, 43.26), (76.90, 43.24)]])
    private let bowTie = Fixtures.polygonJSON([[(76.90, 43.20), (76.92, 43.22), (76.92, 43.20), (76.90, 43.22), (76.90, 43.20)]])

    func testBadFeatureRejectsWholeImport() throws {
        let file = try write(Fixtures.featureCollection([(["key": "good"], squareWest), (["key": "bow"], bowTie)]))
        XCTAssertThrowsError(try CatchmentImporter(store: store, options: ImportOptions()).run(file: file, cityID: "almaty")) { error in
            let summary = (error as? ImportRejected)?.summary
            XCTAssertEqual(summary?.skipped.map(\.featureIndex), [1])
            XCTAssertTrue(summary?.skipped.first?.reason.contains("Self-intersection") ?? false)
            XCTAssertFalse(summary?.committed ?? true)
        }
        XCTAssertEqual(try store.catchments(cityID: "almaty").count, 0)
        XCTAssertEqual(try store.importRunCount(cityID: "almaty"), 0)
    }

    func testFixRepairsAndReports() throws {
        var options = ImportOptions()
        options.fix = true
        let file = try write(Fixtures.featureCollection([(["key": "good"], squareWest), (["key": "bow"], bowTie)]))
        let summary = try CatchmentImporter(store: store, options: options).run(file: file, cityID: "almaty")
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(summary.repaired.map(\.key), ["bow"])
        let bow = try store.catchments(cityID: "almaty").first { $0.key == "bow" }
        XCTAssertEqual(bow?.polygons.count, 2)
        XCTAssertEqual(try store.importRunCount(cityID: "almaty"), 1)
    }

    func testSkipInvalidImportsTheRest() throws {
        var options = ImportOptions()
        options.skipInvalid = true
        let file = try write(Fixtures.featureCollection([(["key": "good"], squareWest), (["key": "bow"], bowTie)]))
        let summary = try CatchmentImporter(store: store, options: options).run(file: file, cityID: "almaty")
        XCTAssertEqual(summary.imported, 1)
        XCTAssertEqual(summary.skipped.count, 1)
    }

    func testOpenRingRejectionNamesFeature() throws {
        let open = Fixtures.polygonJSON([[(76.90, 43.24), (76.92, 43.24), (76.92, 43.26), (76.90, 43.26)]])
        let file = try write(Fixtures.featureCollection([(["key": "ok"], squareWest), (["key": "open-one"], open)]))
        XCTAssertThrowsError(try CatchmentImporter(store: store, options: ImportOptions()).run(file: file, cityID: "almaty")) { error in
            let problem = (error as? ImportRejected)?.summary.skipped.first
            XCTAssertEqual(problem?.featureIndex, 1)
            XCTAssertTrue(problem?.description.contains("open-one") ?? false)
            XCTAssertTrue(problem?.description.contains("not closed") ?? false)
        }
    }

    func testSchoolLinkAndUnmatchedKeys() throws {
        let schools = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"s1","name_ru":"Школа №1"},"geometry":{"type":"Point","coordinates":[76.91,43.25]}}]}"#
        _ = try SchoolImporter(store: store, options: ImportOptions()).run(file: try write(schools, name: "s.geojson"), cityID: "almaty")
        let file = try write(Fixtures.featureCollection([(["key": "a", "school": "ШКОЛА №1"], squareWest), (["key": "b", "school": "unknown"], bowTie)]))
        var options = ImportOptions()
        options.fix = true
        let summary = try CatchmentImporter(store: store, options: options).run(file: file, cityID: "almaty")
        XCTAssertEqual(summary.unmatchedSchoolKeys, ["unknown"])
        XCTAssertEqual(try store.catchments(cityID: "almaty").first { $0.key == "a" }?.schoolID, "s1")
    }

    func testDuplicateKeyRejected() throws {
        let file = try write(Fixtures.featureCollection([(["key": "a"], squareWest), (["key": "a"], squareWest)]))
        XCTAssertThrowsError(try CatchmentImporter(store: store, options: ImportOptions()).run(file: file, cityID: "almaty"))
    }

    func testZOnSomeVerticesImportsAs2D() throws {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"key":"z"},"geometry":{"type":"Polygon","coordinates":[[[76.90,43.24,800],[76.92,43.24],[76.92,43.26,812.5],[76.90,43.26],[76.90,43.24,800]]]}}]}"#
        _ = try CatchmentImporter(store: store, options: ImportOptions()).run(file: try write(text), cityID: "almaty")
        let index = try CatchmentIndex(catchments: try store.catchments(cityID: "almaty"))
        XCTAssertEqual(try index.lookup(Position(longitude: 76.91, latitude: 43.25)).matches.count, 1)
        XCTAssertTrue(try index.lookup(Position(longitude: 76.92, latitude: 43.25)).onBoundary)
    }

    func testUTMFileMatchesWGS84Twin() throws {
        // The WGS 84 twin: an irregular polygon near Almaty; the UTM 43N file is made from it with PROJ.
        let twin: [(Double, Double)] = [(76.90, 43.24), (76.93, 43.235), (76.945, 43.26), (76.92, 43.275), (76.895, 43.26), (76.90, 43.24)]
        let toUTM = try CoordinateTransform(from: "EPSG:4326", to: "EPSG:32643")
        let utm = try twin.map { try toUTM.transform(Position(x: $0.0, y: $0.1)) }.map { ($0.x, $0.y) }

        _ = try CatchmentImporter(store: store, options: ImportOptions())
            .run(file: try write(Fixtures.featureCollection([(["key": "wgs"], Fixtures.polygonJSON([twin]))]), name: "w.geojson"), cityID: "wgs")
        var options = ImportOptions()
        options.sourceCRS = "EPSG:32643"
        let summary = try CatchmentImporter(store: store, options: options)
            .run(file: try write(Fixtures.featureCollection([(["key": "utm"], Fixtures.polygonJSON([utm]))]), name: "u.geojson"), cityID: "utm")
        XCTAssertEqual(summary.convertedFrom, "EPSG:32643")

        let wgs = try store.catchments(cityID: "wgs")[0].polygons[0].shell
        let converted = try store.catchments(cityID: "utm")[0].polygons[0].shell
        XCTAssertEqual(wgs.count, converted.count)
        for (a, b) in zip(wgs, converted) {
            XCTAssertLessThan(Geodesic.wgs84.distance(a, b), 0.01)
        }

        let wgsIndex = try CatchmentIndex(catchments: try store.catchments(cityID: "wgs"))
        let utmIndex = try CatchmentIndex(catchments: try store.catchments(cityID: "utm"))
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let point = Position(longitude: Double.random(in: 76.89..<76.95, using: &generator), latitude: Double.random(in: 43.23..<43.28, using: &generator))
            XCTAssertEqual(try wgsIndex.lookup(point).matches.count, try utmIndex.lookup(point).matches.count, "\(point)")
        }
    }
}
