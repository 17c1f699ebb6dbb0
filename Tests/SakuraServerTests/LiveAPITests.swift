import Foundation
import HTTPServer
import JSON
import SakuraCore
import SakuraServer
import Store
import TestSupport
import XCTest

/// The API served for real on a loopback port, spoken to in raw HTTP.
final class LiveAPITests: XCTestCase {
    private var server: HTTPServer!

    private func start(catalog: CityCatalog) throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        let holder = ServerHolder()
        server = HTTPServer(configuration: configuration, router: SakuraAPI.router(catalog: catalog) { holder.server?.metrics },
                            log: ServerLog { _ in }, errorResponder: apiErrorResponder)
        holder.server = server
        try server.start()
    }

    override func tearDown() {
        server?.shutdown()
        server?.wait()
    }

    private func get(_ client: RawClient, _ target: String, headers: String = "") -> RawClient.Response? {
        client.send("GET \(target) HTTP/1.1\r\nHost: t\r\n\(headers)\r\n")
        return client.readResponse()
    }

    func testDemoCityOverHTTP() throws {
        try start(catalog: APITests.catalog)
        let client = try RawClient(port: server.port)

        let lookup = try XCTUnwrap(get(client, "/api/v1/cities/demo/lookup?lat=47.5&lon=68.5"))
        XCTAssertEqual(lookup.status, 200)
        XCTAssertEqual(lookup.headers["content-type"], "application/json; charset=utf-8")
        XCTAssertEqual(lookup.headers["access-control-allow-origin"], "*")
        let answer = try JSONParser.parse(bytes: lookup.body)
        XCTAssertEqual(answer["catchments"]?.arrayValue?.count, 2, "one kk and one ru catchment")

        let layer = try XCTUnwrap(get(client, "/api/v1/cities/demo/layers/catchments.geojson", headers: "Accept-Encoding: gzip\r\n"))
        XCTAssertEqual(layer.headers["content-encoding"], "gzip")
        let tag = try XCTUnwrap(layer.headers["etag"])
        let features = try JSONParser.parse(bytes: try XCTUnwrap(Gzip.decompress(layer.body)))["features"]?.arrayValue
        XCTAssertEqual(features?.count, 200)
        let again = try XCTUnwrap(get(client, "/api/v1/cities/demo/layers/catchments.geojson", headers: "Accept-Encoding: gzip\r\nIf-None-Match: \(tag)\r\n"))
        XCTAssertEqual(again.status, 304)

        let missing = try XCTUnwrap(get(client, "/api/v1/nowhere?lang=en"))
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(try JSONParser.parse(bytes: missing.body)["error"]?["code"], "route_not_found")

        let version = try RawClient(port: server.port)
        version.send("GET /health HTTP/2.0\r\nHost: t\r\n\r\n")
        let unsupported = try XCTUnwrap(version.readResponse())
        XCTAssertEqual(unsupported.status, 505)
        XCTAssertEqual(try JSONParser.parse(bytes: unsupported.body)["error"]?["code"], "http_version_not_supported")

        let health = try XCTUnwrap(get(client, "/health"))
        XCTAssertEqual(try JSONParser.parse(bytes: health.body)["status"], "ok")
        let metrics = try XCTUnwrap(get(client, "/metrics"))
        XCTAssertTrue(metrics.text.contains("sakura_http_requests_total{route=\"/api/v1/cities/{city}/lookup\",status=\"200\"} 1"), metrics.text)
    }

    func testSeattleLookupOverHTTP() throws {
        guard let schools = Fixtures.realData("us_wa_seattle_sps_school_site_2015_2016.geojson"),
              let areas = Fixtures.realData("us_wa_seattle_sps_attendance_area_ES.geojson")
        else {
            if Fixtures.isCI { XCTFail("real data missing under \(Fixtures.realDataFolder.path), required when CI=true") }
            throw XCTSkip("real data folder \(Fixtures.realDataFolder.path) is absent; set SAKURA_REALDATA to run this test")
        }
        let store = try SakuraStore(path: Fixtures.temporaryFolder().appendingPathComponent("seattle.sqlite").path)
        var schoolOptions = ImportOptions()
        schoolOptions.keyProperty = "PROPERTY_L"
        _ = try SchoolImporter(store: store, options: schoolOptions).run(file: schools, cityID: "seattle")
        var options = ImportOptions()
        options.keyProperty = "ES_ZONE"
        options.schoolProperty = "ES_ZONE"
        _ = try CatchmentImporter(store: store, options: options).run(file: areas, cityID: "seattle")
        try start(catalog: try CityCatalog(store: store))

        let client = try RawClient(port: server.port)
        let lookup = try XCTUnwrap(get(client, "/api/v1/cities/seattle/lookup?lat=47.68&lon=-122.30"))
        XCTAssertEqual(try JSONParser.parse(bytes: lookup.body)["catchments"]?.arrayValue?.first?["key"], "Bryant")
        let swapped = try XCTUnwrap(get(client, "/api/v1/cities/seattle/lookup?lat=-122.30&lon=47.68"))
        XCTAssertEqual(swapped.status, 400)
        let zoomed = try XCTUnwrap(get(client, "/api/v1/cities/seattle/layers/catchments.geojson?zoom=12"))
        let full = try XCTUnwrap(get(client, "/api/v1/cities/seattle/layers/catchments.geojson"))
        XCTAssertLessThan(zoomed.body.count, full.body.count)
    }
}

/// Lets the router read the metrics of the server it is given to.
final class ServerHolder: @unchecked Sendable {
    // Written once before the server starts, read by handlers afterwards.
    var server: HTTPServer?
}
