import Foundation
import Geometry
import JSON
import Store
import TestSupport
import XCTest

final class SchoolImportExportTests: XCTestCase {
    private var folder: URL!
    private var store: SakuraStore!

    override func setUpWithError() throws {
        folder = Fixtures.temporaryFolder()
        store = try SakuraStore(path: folder.appendingPathComponent("s.sqlite").path)
    }

    private func write(_ text: String, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private let header = "id,number,name_ru,languages,type,ownership,lat,lon,grades,capacity,enrollment,free_places,phone,extra_column"

    func testCSVPassportImported() throws {
        let file = try write(header + "\ns1,25,Школа №25,\"kk,ru\",general,state,43.25,76.9,0-11,1200,1100,1=25;2=0,+7 727 222 33 44,ignored\ns2,26,Школа №26,ru,lyceum,private,,,5-11,,,,,\n", "s.csv")
        let summary = try SchoolImporter(store: store, options: ImportOptions()).run(file: file, cityID: "almaty")
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(summary.withoutLocation, ["s2"])
        let school = try XCTUnwrap(try store.school(cityID: "almaty", id: "s1"))
        XCTAssertEqual(school.number, 25)
        XCTAssertEqual(school.languages, ["kk", "ru"])
        XCTAssertEqual(school.freePlaces, [1: 25, 2: 0])
        XCTAssertEqual(school.capacity, 1200)
        XCTAssertEqual(school.location, Position(longitude: 76.9, latitude: 43.25))
        XCTAssertEqual(school.properties["extra_column"], "ignored", "extra columns are kept, not lost")
    }

    func testColumnMappingRenamesSourceColumns() throws {
        let file = try write("Код,Номер,Наименование\nx1,7,Лицей №7\n", "s.csv")
        var options = ImportOptions()
        options.columnMapping = ["id": "Код", "number": "Номер", "name_ru": "Наименование"]
        _ = try SchoolImporter(store: store, options: options).run(file: file, cityID: "almaty")
        let school = try XCTUnwrap(try store.school(cityID: "almaty", id: "x1"))
        XCTAssertEqual(school.number, 7)
        XCTAssertEqual(school.names.ru, "Лицей №7")
    }

    func testMalformedValuesNameLineAndColumn() throws {
        let file = try write(header + "\ns1,25,Школа,kk,general,state,43.25,76.9,0-11,many,1,,,\ns2,26,Школа,kk,castle,state,43.25,76.9,0-11,1,1,,,\ns3,27,Школа,kk,general,state,north,76.9,0-11,1,1,,,\ns4,28,Школа,kk,general,state,43,76,0-11,1,1,1=x,,\n", "s.csv")
        XCTAssertThrowsError(try SchoolImporter(store: store, options: ImportOptions()).run(file: file, cityID: "almaty")) { error in
            let reasons = (error as? ImportRejected)?.summary.skipped.map(\.reason) ?? []
            XCTAssertEqual(reasons.count, 4, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("capacity") && $0.contains("many") }, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("type") && $0.contains("castle") }, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("line 4") && $0.contains("lat") }, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("free_places") }, "\(reasons)")
        }
        XCTAssertEqual(try store.schools(cityID: "almaty").count, 0, "nothing half-imported")
    }

    func testMissingIDColumnRejected() throws {
        let file = try write("name_ru\nШкола\n", "s.csv")
        XCTAssertThrowsError(try SchoolImporter(store: store, options: ImportOptions()).run(file: file, cityID: "almaty")) { error in
            XCTAssertTrue("\(error)".contains("id"), "\(error)")
        }
    }

    func testExportImportsBackUnchanged() throws {
        let file = try write(header + "\ns1,25,\"Школа №25, \"\"Болашақ\"\"\",\"kk,ru\",general,state,43.25,76.9,0-11,1200,1100,1=25;2=0,+7 727 222 33 44,x\n", "s.csv")
        _ = try SchoolImporter(store: store, options: ImportOptions()).run(file: file, cityID: "almaty")
        let original = try store.schools(cityID: "almaty")

        let csv = try write(SchoolExport.csv(original), "export.csv")
        _ = try SchoolImporter(store: store, options: ImportOptions()).run(file: csv, cityID: "again")
        let geojson = try write(JSONWriter.string(SchoolExport.geoJSON(original)), "export.geojson")
        _ = try SchoolImporter(store: store, options: ImportOptions()).run(file: geojson, cityID: "third")

        for city in ["again", "third"] {
            var copy = try XCTUnwrap(try store.schools(cityID: city).first)
            copy.properties = original[0].properties
            XCTAssertEqual(copy, original[0], city)
        }
    }
}

final class TeacherImporterTests: XCTestCase {
    func testBadRowsNamedAndNothingWritten() throws {
        let folder = Fixtures.temporaryFolder()
        let store = try SakuraStore(path: folder.appendingPathComponent("t.sqlite").path)
        let schools = folder.appendingPathComponent("s.csv")
        try "id,name_ru\ns1,Школа\n".write(to: schools, atomically: true, encoding: .utf8)
        _ = try SchoolImporter(store: store, options: ImportOptions()).run(file: schools, cityID: "town")
        let teachers = folder.appendingPathComponent("t.csv")
        try "id,school,name,category,experience_years\nt1,s1,А,expert,3\nt2,s9,Б,expert,3\nt3,s1,В,wizard,3\nt4,s1,Г,none,-1\nt1,s1,Д,none,1\n"
            .write(to: teachers, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TeacherImporter(store: store, options: ImportOptions()).runTeachers(file: teachers, cityID: "town")) { error in
            let reasons = (error as? ImportRejected)?.summary.skipped.map(\.reason) ?? []
            XCTAssertEqual(reasons.count, 4, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("line 3, column school") }, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("line 4, column category") }, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("line 5, column experience_years") }, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("line 6, column id") }, "\(reasons)")
        }
        XCTAssertEqual(try store.teachers(cityID: "town").count, 0)
    }

    func testIndicatorRulesNameTheColumn() throws {
        let folder = Fixtures.temporaryFolder()
        let store = try SakuraStore(path: folder.appendingPathComponent("t.sqlite").path)
        let schools = folder.appendingPathComponent("s.csv")
        try "id,name_ru\ns1,Школа\n".write(to: schools, atomically: true, encoding: .utf8)
        _ = try SchoolImporter(store: store, options: ImportOptions()).run(file: schools, cityID: "town")
        let teachers = folder.appendingPathComponent("t.csv")
        try "id,school,name\nt1,s1,А\n".write(to: teachers, atomically: true, encoding: .utf8)
        _ = try TeacherImporter(store: store, options: ImportOptions()).runTeachers(file: teachers, cityID: "town")
        let indicators = folder.appendingPathComponent("i.csv")
        try "teacher,school_year,kind,successes,mean_score,sample_size\nt1,2025-2026,expected_level_share,30,,20\nt1,2025-2026,parent_feedback,,6,20\nt1,2025-2026,stars,,,3\n"
            .write(to: indicators, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try TeacherImporter(store: store, options: ImportOptions()).runIndicators(file: indicators, cityID: "town")) { error in
            let reasons = (error as? ImportRejected)?.summary.skipped.map(\.reason) ?? []
            XCTAssertEqual(reasons.count, 3, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("line 2, column successes") }, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("line 3, column mean_score") }, "\(reasons)")
            XCTAssertTrue(reasons.contains { $0.contains("line 4, column kind") }, "\(reasons)")
        }
    }
}
