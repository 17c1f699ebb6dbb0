import Foundation
import HTTPServer
import JSON
import SakuraServer
import Store
import TestSupport
import XCTest

/// The teachers registry over the API, on a small city imported from CSV.
final class TeachersAPITests: XCTestCase {
    private var router: Router!

    override func setUpWithError() throws {
        let folder = Fixtures.temporaryFolder()
        let store = try SakuraStore(path: folder.appendingPathComponent("t.sqlite").path)
        func write(_ text: String, _ name: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url
        }
        _ = try SchoolImporter(store: store, options: ImportOptions()).run(file: try write("""
            id,number,name_ru,languages,district,lat,lon
            s1,1,Школа №1,kk,d1,43.25,76.9
            s2,2,Школа №2,ru,d2,43.26,76.91
            """, "s.csv"), cityID: "town")
        _ = try TeacherImporter(store: store, options: ImportOptions()).runTeachers(file: try write("""
            id,school,name,grades,subjects,languages,category,experience_years
            t1,s1,Айгүл Серікқызы,1-4,Начальные классы,kk,expert,12
            t2,s1,Дана Болатқызы,1-4,Начальные классы,kk,moderator,3
            t3,s2,Ирина Иванова,1-4,Начальные классы,ru,master,25
            t4,s2,Ольга Петрова,1-4,Начальные классы,ru,none,1
            """, "t.csv"), cityID: "town")
        _ = try TeacherImporter(store: store, options: ImportOptions()).runIndicators(file: try write("""
            teacher,school_year,kind,successes,mean_score,standard_deviation,sample_size
            t1,2025-2026,expected_level_share,45,,,50
            t1,2025-2026,parent_feedback,,4.2,0.8,30
            t2,2025-2026,expected_level_share,20,,,25
            t3,2025-2026,expected_level_share,27,,,28
            t3,2024-2025,expected_level_share,20,,,28
            t4,2025-2026,expected_level_share,10,,,12
            """, "i.csv"), cityID: "town")
        router = SakuraAPI.router(catalog: try CityCatalog(store: store)) { nil }
    }

    private func get(_ target: String) throws -> (Int, JSONValue) {
        let response = try XCTUnwrap(try router.dispatch(HTTPRequest(method: "GET", target: target)))
        return (response.status, try JSONParser.parse(bytes: response.body))
    }

    func testListSortedByRatingWithNotEnoughDataLast() throws {
        let (status, body) = try get("/api/v1/cities/town/teachers")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(body["total"]?.intValue, 4)
        let teachers = try XCTUnwrap(body["teachers"]?.arrayValue)
        XCTAssertEqual(teachers.last?["id"], "t4", "12 pupils are not enough for a rank")
        XCTAssertEqual(teachers.last?["rating"]?["status"], "not_enough_data")
        XCTAssertEqual(teachers.last?["rating"]?["score"], .null)
        XCTAssertEqual(teachers.first?["rating"]?["rank"], 1)
        let scores = teachers.dropLast().compactMap { $0["rating"]?["score"]?.doubleValue }
        XCTAssertEqual(scores, scores.sorted(by: >))
    }

    func testFiltersAndPaging() throws {
        XCTAssertEqual(try get("/api/v1/cities/town/teachers?school=s2").1["total"]?.intValue, 2)
        XCTAssertEqual(try get("/api/v1/cities/town/teachers?district=d1").1["total"]?.intValue, 2)
        XCTAssertEqual(try get("/api/v1/cities/town/teachers?language=ru").1["total"]?.intValue, 2)
        XCTAssertEqual(try get("/api/v1/cities/town/teachers?q=\("иванова".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)").1["total"]?.intValue, 1)
        let page = try get("/api/v1/cities/town/teachers?sort=experience&limit=1&offset=1").1
        XCTAssertEqual(page["teachers"]?.arrayValue?.first?["id"], "t1", "second most experienced")
    }

    func testFilteredOrdersMatchFullOrders() throws {
        for sort in ["rating", "name", "experience"] {
            let all = try get("/api/v1/cities/town/teachers?sort=\(sort)").1["teachers"]?.arrayValue ?? []
            for (filter, value) in [("school", "s2"), ("school", "s1"), ("district", "d1")] {
                let filtered = try get("/api/v1/cities/town/teachers?sort=\(sort)&\(filter)=\(value)").1["teachers"]?.arrayValue ?? []
                let expected = all.filter { teacher in
                    filter == "school" ? teacher["school"]?["id"]?.stringValue == value : teacher["district"]?.stringValue == value
                }
                XCTAssertEqual(filtered.compactMap { $0["id"]?.stringValue }, expected.compactMap { $0["id"]?.stringValue }, "\(sort) \(filter)=\(value)")
            }
        }
    }

    func testSearchIgnoresKazakhLetters() throws {
        XCTAssertEqual(try get("/api/v1/cities/town/teachers?q=\("Айгул".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)").1["total"]?.intValue, 1)
        XCTAssertEqual(try get("/api/v1/cities/town/teachers?q=\("серикқызы".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)").1["total"]?.intValue, 1)
    }

    func testCardShowsYearsAndFormula() throws {
        let (status, card) = try get("/api/v1/cities/town/teachers/t3")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(card["years"]?.arrayValue?.count, 2)
        XCTAssertEqual(card["rating"]?["school_year"], "2025-2026")
        XCTAssertEqual(card["years"]?[0]?["school_year"], "2025-2026")
        XCTAssertEqual(card["years"]?[0]?["rank"], card["rating"]?["rank"], "the latest year carries the teacher's rank")
        XCTAssertEqual(card["years"]?[1]?["rank"], .null, "earlier years are not ranked")
        XCTAssertNotNil(card["formula"]?["weights"]?["expected_level_share"]?.doubleValue)
        let indicator = try XCTUnwrap(card["rating"]?["indicators"]?.arrayValue?.first)
        XCTAssertLessThan(indicator["lower"]?.doubleValue ?? 1, indicator["value"]?.doubleValue ?? 0)
        XCTAssertGreaterThan(indicator["upper"]?.doubleValue ?? 0, indicator["value"]?.doubleValue ?? 1)
    }

    func testBadParametersNamed() throws {
        let cases: [(String, Int, String, String)] = [
            ("sort=age", 400, "unknown_code", "sort"),
            ("limit=0", 400, "invalid_limit", "limit"),
            ("offset=-5", 400, "invalid_offset", "offset"),
            ("language=xx", 400, "unknown_code", "language"),
            ("school=s9", 404, "school_not_found", "school"),
        ]
        for (query, status, code, field) in cases {
            let (gotStatus, body) = try get("/api/v1/cities/town/teachers?\(query)")
            XCTAssertEqual(gotStatus, status, query)
            XCTAssertEqual(body["error"]?["code"]?.stringValue, code, query)
            XCTAssertEqual(body["error"]?["field"]?.stringValue, field, query)
        }
        let (missing, body) = try get("/api/v1/cities/town/teachers/t99")
        XCTAssertEqual(missing, 404)
        XCTAssertEqual(body["error"]?["code"], "teacher_not_found")
    }
}
