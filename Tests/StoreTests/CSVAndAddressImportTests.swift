import Foundation
import Geometry
import Store
import TestSupport
import XCTest

final class CSVTableTests: XCTestCase {
    func testQuotedFieldsAndLineEnds() throws {
        let table = try CSVTable(text: "\u{FEFF}name,note\r\n\"Абая, 150\",\"said \"\"hi\"\"\"\r\nplain,\"two\nlines\"\n")
        XCTAssertEqual(table.header, ["name", "note"])
        XCTAssertEqual(table.rows.count, 2)
        XCTAssertEqual(table.rows[0], ["Абая, 150", "said \"hi\""])
        XCTAssertEqual(table.rows[1], ["plain", "two\nlines"])
        XCTAssertEqual(table.lineNumbers, [2, 3])
    }

    func testSemicolonDelimiterDetected() throws {
        let table = try CSVTable(text: "street;house;lat;lon\nАбая;150;43,25;76,9\n")
        XCTAssertEqual(table.header, ["street", "house", "lat", "lon"])
        XCTAssertEqual(table.rows[0][0], "Абая")
    }

    func testRaggedRowNamesLine() {
        XCTAssertThrowsError(try CSVTable(text: "a,b\n1,2\n3\n")) { error in
            XCTAssertTrue("\(error)".contains("line 3"), "\(error)")
        }
    }

    func testUnclosedQuoteRejected() {
        XCTAssertThrowsError(try CSVTable(text: "a,b\n\"1,2\n"))
    }

    func testMissingColumnNamed() throws {
        let table = try CSVTable(text: "street,house\n")
        XCTAssertThrowsError(try table.requiredColumn("lat")) { error in
            XCTAssertTrue("\(error)".contains("lat"))
            XCTAssertTrue("\(error)".contains("street, house"))
        }
    }
}

final class AddressImporterTests: XCTestCase {
    private var folder: URL!
    private var store: SakuraStore!

    override func setUpWithError() throws {
        folder = Fixtures.temporaryFolder()
        store = try SakuraStore(path: folder.appendingPathComponent("a.sqlite").path)
    }

    private func write(_ text: String, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testCSVAddressesImported() throws {
        let file = try write("street,house,lat,lon\nулица Абая,150,43.25,76.91\nулица Абая,150,43.2501,76.9101\n", "a.csv")
        let summary = try AddressImporter(store: store, options: ImportOptions()).runAddresses(file: file, cityID: "almaty")
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(try store.addresses(cityID: "almaty").count, 2)
    }

    func testBadRowsRejectWholeFile() throws {
        let file = try write("street,house,lat,lon\nулица Абая,150,43.25,76.91\nулица Абая,,43.25,76.91\nулица Абая,5,north,76.91\n", "a.csv")
        XCTAssertThrowsError(try AddressImporter(store: store, options: ImportOptions()).runAddresses(file: file, cityID: "almaty")) { error in
            let reasons = (error as? ImportRejected)?.summary.skipped.map(\.reason) ?? []
            XCTAssertEqual(reasons.count, 2)
            XCTAssertTrue(reasons[0].contains("line 3, column house"), reasons[0])
            XCTAssertTrue(reasons[1].contains("line 4, column lat"), reasons[1])
        }
        XCTAssertEqual(try store.addresses(cityID: "almaty").count, 0, "nothing half-imported")
    }

    func testMissingColumnRejected() throws {
        let file = try write("street,house,lat\nулица Абая,150,43.25\n", "a.csv")
        XCTAssertThrowsError(try AddressImporter(store: store, options: ImportOptions()).runAddresses(file: file, cityID: "almaty")) { error in
            XCTAssertTrue("\(error)".contains("lon"), "\(error)")
        }
    }

    func testCSVStreetsWithAliases() throws {
        let file = try write("name_ru,name_kk,type,district,aliases\nпроспект Кабанбай батыра,Қабанбай батыр даңғылы,проспект,d1,улица Калинина;улица Ленина\n", "s.csv")
        let summary = try AddressImporter(store: store, options: ImportOptions()).runStreets(file: file, cityID: "almaty")
        XCTAssertEqual(summary.imported, 1)
        let street = try XCTUnwrap(try store.streets(cityID: "almaty").first)
        XCTAssertEqual(street.aliases, ["улица Калинина", "улица Ленина"])
        XCTAssertEqual(street.nameKK, "Қабанбай батыр даңғылы")
        XCTAssertEqual(street.district, "d1")
    }

    func testGeoJSONAddressesFromOSMTags() throws {
        let text = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"addr:street":"улица Шошина","addr:housenumber":"3А"},"geometry":{"type":"Point","coordinates":[131.9,43.1]}},
              {"type":"Feature","properties":{"tags":{"addr:street":"улица Шошина","addr:housenumber":"5"}},"geometry":{"type":"Polygon","coordinates":[[[131.9,43.1],[131.901,43.1],[131.901,43.101],[131.9,43.1]]]}},
              {"type":"Feature","properties":{"highway":"residential"},"geometry":{"type":"LineString","coordinates":[[131.9,43.1],[131.91,43.1]]}}]}
            """
        let summary = try AddressImporter(store: store, options: ImportOptions()).runAddresses(file: try write(text, "a.geojson"), cityID: "vl")
        XCTAssertEqual(summary.imported, 2)
        XCTAssertEqual(summary.notAddresses, 1)
        let houses = try store.addresses(cityID: "vl").map(\.house)
        XCTAssertEqual(houses, ["3А", "5"])
    }
}
