import Catchment
import Foundation
import Geometry
import HTTPServer
import JSON
import SakuraCore
import SakuraServer
import Store
import TestSupport
import XCTest

/// In-process tests of the API handlers on the shipped demo city.
final class APITests: XCTestCase {
    static let catalog: CityCatalog = {
        let path = try! DemoCity.ensureDatabase(geodata: Fixtures.repositoryRoot.appendingPathComponent("geodata"))
        return try! CityCatalog(store: try! SakuraStore(path: path))
    }()
    static let router = SakuraAPI.router(catalog: catalog) { nil }

    private func get(_ target: String, headers: [(String, String)] = []) throws -> (status: Int, json: JSONValue, response: HTTPResponse) {
        let request = HTTPRequest(method: "GET", target: target, headers: HTTPHeaders(headers))
        let response = try XCTUnwrap(try Self.router.dispatch(request), "no route for \(target)")
        let json = (try? JSONParser.parse(bytes: response.body)) ?? .null
        return (response.status, json, response)
    }

    private func errorCode(_ target: String) throws -> (Int, String?, String?) {
        let (status, json, _) = try get(target)
        return (status, json["error"]?["code"]?.stringValue, json["error"]?["field"]?.stringValue)
    }

    private var demoSchool: School {
        Self.catalog.snapshot(cityID: "demo")!.schools.values.sorted { $0.id < $1.id }.first { $0.location != nil && $0.languages.contains("kk") }!
    }

    func testCitiesListed() throws {
        let (status, json, _) = try get("/api/v1/cities")
        XCTAssertEqual(status, 200)
        let city = try XCTUnwrap(json["cities"]?.arrayValue?.first)
        XCTAssertEqual(city["id"], "demo")
        XCTAssertEqual(city["names"]?["kk"], "Демо-қала")
        XCTAssertEqual(city["bbox"]?.arrayValue?.count, 4)
        XCTAssertEqual(city["demo"], true)
    }

    func testLookupMatchesCommandLineAnswer() throws {
        let school = demoSchool
        let location = school.location!
        let (status, json, _) = try get("/api/v1/cities/demo/lookup?lat=\(location.y)&lon=\(location.x)&language=kk")
        XCTAssertEqual(status, 200)
        let catchments = try XCTUnwrap(json["catchments"]?.arrayValue)
        XCTAssertEqual(catchments.count, 1)
        XCTAssertEqual(catchments[0]["school"]?["id"]?.stringValue, school.id)
        XCTAssertEqual(catchments[0]["school"]?["distance_m"], 0)
        let snapshot = Self.catalog.snapshot(cityID: "demo")!
        XCTAssertEqual(json, try snapshot.lookupAnswer(location, language: "kk"))
    }

    func testLookupParameterErrors() throws {
        let cases: [(String, Int, String, String?)] = [
            ("/api/v1/cities/demo/lookup?lon=68.5", 400, "missing_parameter", "lat"),
            ("/api/v1/cities/demo/lookup?lat=47.5&lon=abc", 400, "invalid_number", "lon"),
            ("/api/v1/cities/demo/lookup?lat=47.5&lon=190", 400, "out_of_range", "lon"),
            ("/api/v1/cities/demo/lookup?lat=95&lon=68.5", 400, "out_of_range", "lat"),
            ("/api/v1/cities/demo/lookup?lat=43.2&lon=76.9", 400, "outside_city", "lat"),
            ("/api/v1/cities/demo/lookup?lat=47.5&lon=68.5&language=xx", 400, "unknown_code", "language"),
            ("/api/v1/cities/atlantis/lookup?lat=47.5&lon=68.5", 404, "city_not_found", "city"),
            ("/api/v1/cities/demo/schools/nearby?lat=47.5&lon=68.5&limit=51", 400, "invalid_limit", "limit"),
            ("/api/v1/cities/demo/schools/nearby?lat=47.5&lon=68.5&limit=x", 400, "invalid_integer", "limit"),
            ("/api/v1/cities/demo/schools/nearby?lat=47.5&lon=68.5&type=castle", 400, "unknown_code", "type"),
            ("/api/v1/cities/demo/schools/nope", 404, "school_not_found", "id"),
            ("/api/v1/cities/demo/layers/schools.geojson?bbox=1,2,3", 400, "invalid_bbox", "bbox"),
            ("/api/v1/cities/demo/layers/schools.geojson?bbox=5,5,1,1", 400, "invalid_bbox", "bbox"),
            ("/api/v1/cities/demo/layers/schools.geojson?district=d99", 400, "unknown_code", "district"),
            ("/api/v1/cities/demo/layers/catchments.geojson?zoom=40", 400, "out_of_range", "zoom"),
            ("/api/v1/cities/demo/layers/catchments.geojson?school=nope", 404, "school_not_found", "school"),
            ("/api/v1/cities/demo/lookup?address=%20", 400, "missing_parameter", "address"),
        ]
        for (target, status, code, field) in cases {
            let (gotStatus, gotCode, gotField) = try errorCode(target)
            XCTAssertEqual(gotStatus, status, target)
            XCTAssertEqual(gotCode, code, target)
            XCTAssertEqual(gotField, field, target)
        }
    }

    func testSwappedPointGetsHint() throws {
        let (_, json, _) = try get("/api/v1/cities/demo/lookup?lat=68.5&lon=47.5&lang=en")
        let message = try XCTUnwrap(json["error"]?["message"]?.stringValue)
        XCTAssertTrue(message.contains("swapped"), message)
        XCTAssertTrue(message.contains("lat=47.5"), message)
    }

    func testErrorLanguageNegotiated() throws {
        let target = "/api/v1/cities/demo/lookup?lon=68.5"
        let russian = try get(target).json["error"]?["message"]?.stringValue ?? ""
        let kazakh = try get(target + "&lang=kk").json["error"]?["message"]?.stringValue ?? ""
        let english = try get(target, headers: [("Accept-Language", "en-US,en;q=0.9")]).json["error"]?["message"]?.stringValue ?? ""
        XCTAssertTrue(russian.hasPrefix("Не указан параметр"), russian)
        XCTAssertTrue(kazakh.contains("параметрі берілмеген"), kazakh)
        XCTAssertTrue(english.hasPrefix("The parameter"), english)
    }

    func testNearbyFiltersAndOrder() throws {
        let (status, json, _) = try get("/api/v1/cities/demo/schools/nearby?lat=47.5&lon=68.5&limit=4&language=ru")
        XCTAssertEqual(status, 200)
        let schools = try XCTUnwrap(json["schools"]?.arrayValue)
        XCTAssertEqual(schools.count, 4)
        let distances = schools.compactMap { $0["distance_m"]?.doubleValue }
        XCTAssertEqual(distances, distances.sorted())
        XCTAssertTrue(schools.allSatisfy { $0["languages"]?.arrayValue?.contains("ru") ?? false })
    }

    func testPassportHasEveryField() throws {
        let school = demoSchool
        let (status, json, response) = try get("/api/v1/cities/demo/schools/\(school.id)")
        XCTAssertEqual(status, 200)
        XCTAssertTrue(response.isCacheable)
        for field in ["id", "number", "name", "languages", "type", "ownership", "district", "address", "location", "grades", "shifts",
                      "capacity", "enrollment", "director", "phone", "email", "website", "founded", "profile", "programmes",
                      "accessibility", "catchments", "catchments_layer"] {
            XCTAssertNotNil(json[field], "missing \(field)")
        }
        XCTAssertEqual(json["district"]?["name"]?["ru"]?.stringValue?.isEmpty, false)
    }

    func testSchoolsLayerFilters() throws {
        let all = try get("/api/v1/cities/demo/layers/schools.geojson")
        XCTAssertEqual(all.response.headers["Content-Type"], "application/geo+json")
        let allFeatures = try XCTUnwrap(all.json["features"]?.arrayValue)
        XCTAssertEqual(allFeatures.count, 150)
        let lyceums = try XCTUnwrap(try get("/api/v1/cities/demo/layers/schools.geojson?type=lyceum&ownership=state").json["features"]?.arrayValue)
        XCTAssertTrue(lyceums.allSatisfy { $0["properties"]?["type"] == "lyceum" && $0["properties"]?["ownership"] == "state" })
        XCTAssertLessThan(lyceums.count, allFeatures.count)
        let number = try XCTUnwrap(demoSchool.number)
        let byNumber = try XCTUnwrap(try get("/api/v1/cities/demo/layers/schools.geojson?q=%E2%84%96\(number)").json["features"]?.arrayValue)
        XCTAssertTrue(byNumber.contains { $0["properties"]?["number"]?.intValue == number })
        let boxed = try XCTUnwrap(try get("/api/v1/cities/demo/layers/schools.geojson?bbox=68.4,47.45,68.5,47.5").json["features"]?.arrayValue)
        for feature in boxed {
            let coordinates = feature["geometry"]?["coordinates"]?.arrayValue?.compactMap(\.doubleValue) ?? []
            XCTAssertTrue((68.4...68.5).contains(coordinates[0]) && (47.45...47.5).contains(coordinates[1]))
        }
    }

    func testCatchmentLayerSimplifiedWithoutOverlaps() throws {
        let full = try XCTUnwrap(try get("/api/v1/cities/demo/layers/catchments.geojson").json["features"]?.arrayValue)
        let zoomed = try XCTUnwrap(try get("/api/v1/cities/demo/layers/catchments.geojson?zoom=11").json["features"]?.arrayValue)
        XCTAssertEqual(full.count, 200)
        XCTAssertEqual(zoomed.count, 200)
        func vertexCount(_ features: [JSONValue]) -> Int { JSONWriter.string(.array(features)).filter { $0 == "[" }.count }
        XCTAssertLessThan(vertexCount(zoomed), vertexCount(full))

        for language in ["kk", "ru"] {
            var catchments: [Catchment] = []
            for feature in zoomed where feature["properties"]?["language"]?.stringValue == language {
                let geometry = try GeoJSONReader.read(JSONWriter.string(feature)).features[0].geometry
                catchments.append(Catchment(key: feature["properties"]!["key"]!.stringValue!, language: language, polygons: geometry.polygons!))
            }
            let report = try CoverageAnalyzer().analyze(catchments: catchments)
            XCTAssertTrue(report.invalid.isEmpty, language)
            XCTAssertTrue(report.overlaps.filter { $0.areaSquareMetres > 0.01 }.isEmpty, "\(language): \(report.overlaps.count) overlaps")
            XCTAssertTrue(report.gaps.filter { $0.areaSquareMetres > 0.01 }.isEmpty, "\(language): \(report.gaps.count) slivers between neighbours")
        }
    }

    func testCatchmentLayerFilters() throws {
        let school = demoSchool
        let mine = try XCTUnwrap(try get("/api/v1/cities/demo/layers/catchments.geojson?school=\(school.id)").json["features"]?.arrayValue)
        XCTAssertFalse(mine.isEmpty)
        XCTAssertTrue(mine.allSatisfy { $0["properties"]?["school"]?.stringValue == school.id })
        let russian = try XCTUnwrap(try get("/api/v1/cities/demo/layers/catchments.geojson?language=ru").json["features"]?.arrayValue)
        XCTAssertTrue(russian.allSatisfy { $0["properties"]?["language"] == "ru" })
        let boxed = try XCTUnwrap(try get("/api/v1/cities/demo/layers/catchments.geojson?bbox=68.45,47.45,68.46,47.46").json["features"]?.arrayValue)
        XCTAssertLessThan(boxed.count, 200)
        XCTAssertFalse(boxed.isEmpty)
    }
}
