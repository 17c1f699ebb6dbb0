import Foundation
import Geometry
import HTTPServer
import JSON
import SakuraCore
import SakuraServer
import Store
import TestSupport
import XCTest

/// The address endpoints on real OpenStreetMap addresses with a catchment drawn around them.
final class AddressAPITests: XCTestCase {
    private func router() throws -> Router {
        guard let file = Fixtures.realData("ru_vladivostok_osm_buildings_streets_addr.geojson") else {
            if Fixtures.isCI { XCTFail("real data missing under \(Fixtures.realDataFolder.path), required when CI=true") }
            throw XCTSkip("real data folder \(Fixtures.realDataFolder.path) is absent; set SAKURA_REALDATA to run this test")
        }
        let folder = Fixtures.temporaryFolder()
        let store = try SakuraStore(path: folder.appendingPathComponent("vl.sqlite").path)
        _ = try AddressImporter(store: store, options: ImportOptions()).runAddresses(file: file, cityID: "vladivostok")
        // Two catchments split at longitude 131.92, so some addresses fall in each.
        let west = Fixtures.polygonJSON([[(131.80, 43.0), (131.92, 43.0), (131.92, 43.3), (131.80, 43.3), (131.80, 43.0)]])
        let east = Fixtures.polygonJSON([[(131.92, 43.0), (132.05, 43.0), (132.05, 43.3), (131.92, 43.3), (131.92, 43.0)]])
        let catchments = folder.appendingPathComponent("c.geojson")
        try Fixtures.featureCollection([(["key": "west"], west), (["key": "east"], east)]).write(to: catchments, atomically: true, encoding: .utf8)
        _ = try CatchmentImporter(store: store, options: ImportOptions()).run(file: catchments, cityID: "vladivostok")
        return SakuraAPI.router(catalog: try CityCatalog(store: store)) { nil }
    }

    private func get(_ router: Router, _ target: String) throws -> (Int, JSONValue) {
        let response = try XCTUnwrap(try router.dispatch(HTTPRequest(method: "GET", target: target)))
        return (response.status, try JSONParser.parse(bytes: response.body))
    }

    private func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }

    func testLookupByAddressFindsSchoolCatchment() throws {
        let router = try router()
        let (status, answer) = try get(router, "/api/v1/cities/vladivostok/lookup?address=\(encoded("ул. Адмирала Завойко, д. 10"))")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(answer["status"], "found")
        XCTAssertEqual(answer["address"]?["house"], "10")
        XCTAssertEqual(answer["buildings"]?.arrayValue?.count, 3)
        XCTAssertFalse(answer["catchments"]?.arrayValue?.isEmpty ?? true)
    }

    func testAmbiguousAddressListsCandidates() throws {
        let router = try router()
        let (status, answer) = try get(router, "/api/v1/cities/vladivostok/lookup?address=\(encoded("Адмирала 4"))")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(answer["status"], "ambiguous")
        let candidates = try XCTUnwrap(answer["candidates"]?.arrayValue)
        XCTAssertGreaterThan(candidates.count, 1)
        XCTAssertNotNil(candidates.first?["score"]?.doubleValue)
    }

    func testAutocompleteOffersStreetsAndHouses() throws {
        let router = try router()
        let (_, streets) = try get(router, "/api/v1/cities/vladivostok/addresses/search?q=\(encoded("Карбыш"))")
        XCTAssertEqual(streets["candidates"]?.arrayValue?.first?["street"], "улица Карбышева")
        let (_, houses) = try get(router, "/api/v1/cities/vladivostok/addresses/search?q=\(encoded("Карбышева 1"))&limit=5")
        let numbers = houses["candidates"]?.arrayValue?.compactMap { $0["house"]?.stringValue } ?? []
        XCTAssertEqual(Set(numbers), ["10А", "12", "12В", "14"])
    }

    func testSearchParameterErrors() throws {
        let router = try router()
        let (missing, body) = try get(router, "/api/v1/cities/vladivostok/addresses/search")
        XCTAssertEqual(missing, 400)
        XCTAssertEqual(body["error"]?["field"], "q")
        let (tooMany, _) = try get(router, "/api/v1/cities/vladivostok/addresses/search?q=a&limit=500")
        XCTAssertEqual(tooMany, 400)
    }
}
