import Foundation
import HTTPServer
import JSON
import Localization
import SakuraServer
import Store
import XCTest

/// The schools list and the reference dictionaries on the demo city.
final class SchoolsListTests: XCTestCase {
    private func get(_ target: String) throws -> (Int, JSONValue) {
        let response = try XCTUnwrap(try APITests.router.dispatch(HTTPRequest(method: "GET", target: target)))
        return (response.status, try JSONParser.parse(bytes: response.body))
    }

    private var schools: [School] { Array(APITests.catalog.snapshot(cityID: "demo")!.schools.values) }

    private func ids(_ target: String) throws -> [String] {
        try get(target).1["schools"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    func testPagingTotalsAndOrder() throws {
        let (status, first) = try get("/api/v1/cities/demo/schools?limit=10")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(first["total"]?.intValue, schools.count)
        XCTAssertEqual(first["schools"]?.arrayValue?.count, 10)
        let numbers = first["schools"]?.arrayValue?.compactMap { $0["number"]?.intValue } ?? []
        XCTAssertEqual(numbers, numbers.sorted())
        let pages = try (0..<15).flatMap { try ids("/api/v1/cities/demo/schools?limit=10&offset=\($0 * 10)") }
        XCTAssertEqual(Set(pages).count, schools.count, "pages cover every school once")
        XCTAssertEqual(try ids("/api/v1/cities/demo/schools?offset=1000"), [])
    }

    func testFiltersAloneAndCombined() throws {
        let lyceums = try ids("/api/v1/cities/demo/schools?type=lyceum&limit=100")
        XCTAssertEqual(Set(lyceums), Set(schools.filter { $0.type == "lyceum" }.map(\.id)))
        let combined = try ids("/api/v1/cities/demo/schools?language=kk&ownership=state&district=d1&limit=100")
        let expected = schools.filter { $0.languages.contains("kk") && $0.ownership == "state" && $0.district == "d1" }.map(\.id)
        XCTAssertEqual(Set(combined), Set(expected))
        XCTAssertFalse(expected.isEmpty)
    }

    func testSearchByNumberForms() throws {
        let gymnasium = try XCTUnwrap(schools.first { $0.type == "gymnasium" && $0.number != nil })
        let number = gymnasium.number!
        for query in ["\(number)", "№\(number)", "№ \(number)", "школа \(number)", "гимназия \(number)", "гимназия №\(number)"] {
            let found = try ids("/api/v1/cities/demo/schools?q=\(query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            XCTAssertEqual(found, [gymnasium.id], query)
        }
        XCTAssertEqual(try ids("/api/v1/cities/demo/schools?q=\("лицей \(number)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"), [],
                       "a type word filters by type")
    }

    func testSearchByNameWord() throws {
        let found = try ids("/api/v1/cities/demo/schools?q=\("Гимназия".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&limit=100")
        XCTAssertEqual(Set(found), Set(schools.filter { $0.type == "gymnasium" || $0.type == "school_gymnasium" }.map(\.id)),
                       "\"гимназия\" also finds a school-gymnasium")
    }

    func testBadParametersNamed() throws {
        let cases: [(String, String, String)] = [
            ("type=castle", "unknown_code", "type"),
            ("offset=-1", "invalid_offset", "offset"),
            ("limit=101", "invalid_limit", "limit"),
            ("sort=age", "unknown_code", "sort"),
            ("grade=13", "out_of_range", "grade"),
            ("has_free_places=maybe", "invalid_boolean", "has_free_places"),
        ]
        for (query, code, field) in cases {
            let (status, body) = try get("/api/v1/cities/demo/schools?\(query)")
            XCTAssertEqual(status, 400, query)
            XCTAssertEqual(body["error"]?["code"]?.stringValue, code, query)
            XCTAssertEqual(body["error"]?["field"]?.stringValue, field, query)
        }
    }

    func testNameSortTreatsNumbersAsNumbers() throws {
        let (_, body) = try get("/api/v1/cities/demo/schools?type=gymnasium&sort=name&limit=100&lang=ru")
        let numbers = body["schools"]?.arrayValue?.compactMap { $0["number"]?.intValue } ?? []
        XCTAssertEqual(numbers, numbers.sorted(), "Гимназия №6 before Гимназия №19")
    }

    func testListVariesByLanguage() throws {
        let response = try XCTUnwrap(try APITests.router.dispatch(HTTPRequest(method: "GET", target: "/api/v1/cities/demo/schools?sort=name")))
        XCTAssertEqual(response.headers["Vary"], "Accept-Language")
    }

    func testLayerUsesSameFilter() throws {
        let list = try ids("/api/v1/cities/demo/schools?language=ru&type=general&limit=100")
        let (_, layer) = try get("/api/v1/cities/demo/layers/schools.geojson?language=ru&type=general")
        let layerIDs = layer["features"]?.arrayValue?.compactMap { $0["properties"]?["id"]?.stringValue } ?? []
        XCTAssertEqual(Set(list), Set(layerIDs))
    }

    func testDemoPassportsAndTeachersServed() throws {
        let (_, list) = try get("/api/v1/cities/demo/schools?limit=100")
        let withCapacity = list["schools"]?.arrayValue?.filter { $0["capacity"]?.intValue != nil }.count ?? 0
        XCTAssertEqual(withCapacity, 100, "every demo school has a full passport")
        let (status, teachers) = try get("/api/v1/cities/demo/teachers?limit=100")
        XCTAssertEqual(status, 200)
        XCTAssertGreaterThan(teachers["total"]?.intValue ?? 0, 1000)
        let (_, last) = try get("/api/v1/cities/demo/teachers?limit=1&offset=\((teachers["total"]?.intValue ?? 1) - 1)")
        XCTAssertEqual(last["teachers"]?.arrayValue?.first?["rating"]?["status"], "not_enough_data", "unrated teachers come last")
        let (_, free) = try get("/api/v1/cities/demo/schools?has_free_places=true&grade=1&limit=100")
        XCTAssertGreaterThan(free["total"]?.intValue ?? 0, 0)
    }

    func testReferenceLabelsInThreeLanguages() throws {
        let (status, reference) = try get("/api/v1/cities/demo/reference")
        XCTAssertEqual(status, 200)
        for group in ["languages", "school_types", "ownership", "districts"] {
            let entries = try XCTUnwrap(reference[group]?.arrayValue, group)
            XCTAssertFalse(entries.isEmpty, group)
            for entry in entries {
                for language in ["kk", "ru", "en"] {
                    let label = entry["label"]?[language]?.stringValue ?? ""
                    XCTAssertFalse(label.isEmpty, "\(group) \(entry["code"]?.stringValue ?? "?") has no \(language) label")
                    XCTAssertFalse(label.contains("."), "\(group) label looks like a missing catalogue key: \(label)")
                }
            }
        }
        XCTAssertEqual(reference["languages"]?.arrayValue?.count, 7)
        XCTAssertEqual(reference["school_types"]?.arrayValue?.count, 8)
    }
}
