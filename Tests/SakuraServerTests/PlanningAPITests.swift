import Foundation
import HTTPServer
import JSON
import SakuraCore
import SakuraServer
import Store
import TestSupport
import XCTest

/// The planner endpoints through the router, with real handlers on a database on disk.
final class PlanningAPITests: XCTestCase {
    private var store: SakuraStore!
    private var router: Router!
    private var tokens: [String: String] = [:]

    override func setUpWithError() throws {
        let (store, path) = try PlanningCity.store()
        self.store = store
        let catalog = try CityCatalog(store: store)
        router = SakuraAPI.router(catalog: catalog, planning: try PlanningDesk(storePath: path, catalog: catalog)) { nil }
        tokens["planner-alpha"] = try StaffTokens.addUser(name: "Planner Alpha", role: .planner, cityID: "alpha", store: store).token
        tokens["planner-beta"] = try StaffTokens.addUser(name: "Planner Beta", role: .planner, cityID: "beta", store: store).token
        tokens["staff-alpha"] = try StaffTokens.addUser(name: "Staff Alpha", role: .staff, cityID: "alpha", store: store).token
        tokens["admin-alpha"] = try StaffTokens.addUser(name: "Admin Alpha", role: .admin, cityID: "alpha", store: store).token
        tokens["admin-all"] = try StaffTokens.addUser(name: "Admin", role: .admin, cityID: nil, store: store).token
    }

    private func send(_ method: String, _ target: String, token: String?, body: String = "", headers: [(String, String)] = []) throws -> HTTPResponse {
        var request = HTTPRequest(method: method, target: target, body: Array(body.utf8))
        if let token { request.headers.add("Authorization", "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name, value) }
        if !body.isEmpty && request.headers["Content-Type"] == nil { request.headers.add("Content-Type", "application/json") }
        return try XCTUnwrap(try router.dispatch(request))
    }

    private func json(_ response: HTTPResponse) throws -> JSONValue {
        try JSONParser.parse(bytes: response.body)
    }

    private func draft(_ city: String = "alpha", token: String? = nil) throws -> Int {
        let response = try send("POST", "/api/v1/cities/\(city)/plans", token: token ?? tokens["planner-alpha"], body: #"{"school_year":"2027-2028"}"#)
        XCTAssertEqual(response.status, 201, String(decoding: response.body, as: UTF8.self))
        return try XCTUnwrap(try json(response)["id"]?.intValue)
    }

    /// Every planner endpoint with a body that would pass its own checks in the city "alpha".
    private func endpoints(city: String, plan: Int) -> [(method: String, target: String, body: String)] {
        let base = "/api/v1/cities/\(city)/plans"
        let feature = #"{"type":"Feature","properties":{"key":"new","language":"ru"},"geometry":{"type":"Polygon","coordinates":[[[76.90,43.20],[76.91,43.20],[76.91,43.21],[76.90,43.21],[76.90,43.20]]]}}"#
        return [
            ("GET", base, ""), ("POST", base, #"{"school_year":"2027-2028"}"#), ("GET", "\(base)/\(plan)", ""),
            ("GET", "\(base)/\(plan)/revisions", ""), ("GET", "\(base)/\(plan)/coverage", ""), ("GET", "\(base)/\(plan)/impact", ""),
            ("GET", "\(base)/\(plan)/catchments", ""), ("POST", "\(base)/\(plan)/catchments", feature),
            ("GET", "\(base)/\(plan)/catchments/a", ""), ("PUT", "\(base)/\(plan)/catchments/a", feature.replacingOccurrences(of: "\"new\"", with: "\"a\"")),
            ("PATCH", "\(base)/\(plan)/catchments/a", #"{"school_id":"s2"}"#), ("POST", "\(base)/\(plan)/catchments/a/split", #"{"line":{"type":"LineString","coordinates":[[76.905,43.19],[76.905,43.22]]}}"#),
            ("POST", "\(base)/\(plan)/catchments/merge", #"{"catchments":[{"key":"a"},{"key":"b"}]}"#), ("POST", "\(base)/\(plan)/catchments/a/rollback", #"{"version":1}"#),
            ("GET", "\(base)/\(plan)/catchments/a/history", ""), ("GET", "\(base)/\(plan)/catchments/a/versions/1", ""),
            ("GET", "\(base)/\(plan)/catchments/a/diff?from=1&to=1", ""), ("DELETE", "\(base)/\(plan)/catchments/b", ""),
            ("POST", "\(base)/\(plan)/publish", "{}"), ("POST", "\(base)/\(plan)/rollback", #"{"revision":0}"#),
            ("POST", "\(base)/\(plan)/address-lists", "# school: s1"), ("POST", "\(base)/\(plan)/withdraw", "{}"), ("DELETE", "\(base)/\(plan)", ""), ("GET", "/api/v1/cities/\(city)/audit", ""),
        ]
    }

    func testAuthorizationMatrix() throws {
        let alphaPlan = try draft()
        let betaPlan = try draft("beta", token: tokens["planner-beta"])
        let allowed: [String: Set<String>] = [
            "planner-alpha": ["alpha"], "planner-beta": ["beta"], "staff-alpha": [], "admin-alpha": ["alpha"], "admin-all": ["alpha", "beta"],
        ]
        let auditBefore = try store.database.prepare("SELECT COUNT(*) FROM audit_log").rows { $0.int(0) }[0]

        for (city, plan) in [("alpha", alphaPlan), ("beta", betaPlan)] {
            for endpoint in endpoints(city: city, plan: plan) {
                let label = "\(endpoint.method) \(endpoint.target)"
                XCTAssertEqual(try send(endpoint.method, endpoint.target, token: nil, body: endpoint.body).status, 401, "no token: \(label)")
                XCTAssertEqual(try send(endpoint.method, endpoint.target, token: "skt_unknown", body: endpoint.body).status, 401, "unknown token: \(label)")
                for (role, cities) in allowed where !cities.contains(city) {
                    let status = try send(endpoint.method, endpoint.target, token: tokens[role], body: endpoint.body).status
                    XCTAssertEqual(status, 403, "\(role) in \(city): \(label)")
                }
            }
        }
        let auditAfter = try store.database.prepare("SELECT COUNT(*) FROM audit_log").rows { $0.int(0) }[0]
        XCTAssertEqual(auditAfter, auditBefore, "rejected requests write nothing")

        for (role, cities) in allowed {
            for city in cities {
                let plan = city == "alpha" ? alphaPlan : betaPlan
                for endpoint in endpoints(city: city, plan: plan) where endpoint.method == "GET" {
                    let status = try send(endpoint.method, endpoint.target, token: tokens[role], body: endpoint.body).status
                    XCTAssertEqual(status, 200, "\(role) in \(city): \(endpoint.method) \(endpoint.target)")
                }
            }
        }
    }

    func testUnauthorizedCarriesChallengeAndLanguage() throws {
        let response = try send("GET", "/api/v1/cities/alpha/plans?lang=kk", token: nil)
        XCTAssertEqual(response.status, 401)
        XCTAssertEqual(response.headers["WWW-Authenticate"], "Bearer realm=\"sakura\"")
        XCTAssertEqual(try json(response)["error"]?["code"], "missing_token")
        XCTAssertEqual(response.headers["Content-Language"], "kk")
    }

    func testMissingOrStaleIfMatchChangesNothing() throws {
        let plan = try draft()
        let target = "/api/v1/cities/alpha/plans/\(plan)/catchments/b"
        let token = tokens["planner-alpha"]
        let without = try send("DELETE", target, token: token)
        XCTAssertEqual(without.status, 428)
        XCTAssertEqual(try json(without)["error"]?["field"], "If-Match")
        let stale = try send("DELETE", target, token: token, headers: [("If-Match", "\"v5\"")])
        XCTAssertEqual(stale.status, 412)
        XCTAssertEqual(try json(stale)["error"]?["current_version"], 1)
        let weak = try send("DELETE", target, token: token, headers: [("If-Match", "W/\"v1\"")])
        XCTAssertEqual(weak.status, 412, "weak tags never match If-Match")
        XCTAssertEqual(try send("GET", target, token: token).status, 200, "the catchment is still there")
        XCTAssertEqual(try store.plan(id: plan)?.revision, 0)

        let current = try send("GET", target, token: token)
        let tag = try XCTUnwrap(current.headers["ETag"])
        XCTAssertEqual(try send("DELETE", target, token: token, headers: [("If-Match", tag)]).status, 200)
        XCTAssertEqual(try send("GET", target, token: token).status, 404)
    }

    func testBowTieRejectedThenFixed() throws {
        let plan = try draft()
        let target = "/api/v1/cities/alpha/plans/\(plan)/catchments/a"
        let bowTie = #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[76.90,43.20],[76.91,43.21],[76.91,43.20],[76.90,43.21],[76.90,43.20]]]}}"#
        let rejected = try send("PUT", target + "?lang=en", token: tokens["planner-alpha"], body: bowTie, headers: [("If-Match", "\"v1\"")])
        XCTAssertEqual(rejected.status, 422)
        let error = try json(rejected)["error"]
        XCTAssertEqual(error?["code"], "invalid_geometry")
        XCTAssertEqual(error?["problems"]?[0]?["reason"], "Self-intersection")
        XCTAssertEqual(error?["problems"]?[0]?["location"]?["lon"]?.doubleValue ?? 0, 76.905, accuracy: 1e-9)
        XCTAssertTrue(error?["message"]?.stringValue?.contains("fix=true") ?? false)

        let fixed = try send("PUT", target + "?fix=true", token: tokens["planner-alpha"], body: bowTie, headers: [("If-Match", "\"v1\"")])
        XCTAssertEqual(fixed.status, 200, String(decoding: fixed.body, as: UTF8.self))
        XCTAssertEqual(fixed.headers["ETag"], "\"v2\"")
        XCTAssertEqual(try json(fixed)["catchments"]?[0]?["geometry"]?["type"], "MultiPolygon")
    }

    func testEditCheckImpactPublishRollback() throws {
        let token = tokens["planner-alpha"]
        let plan = try draft()
        let base = "/api/v1/cities/alpha/plans/\(plan)"
        let wider = #"{"type":"Feature","properties":{"comment":"move the border east"},"geometry":{"type":"Polygon","coordinates":[[[76.90,43.20],[76.9125,43.20],[76.9125,43.21],[76.90,43.21],[76.90,43.20]]]}}"#
        let narrower = #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[76.9125,43.20],[76.92,43.20],[76.92,43.21],[76.9125,43.21],[76.9125,43.20]]]}}"#
        XCTAssertEqual(try send("PUT", "\(base)/catchments/a", token: token, body: wider, headers: [("If-Match", "\"v1\"")]).status, 200)
        let overlapping = try json(try send("GET", "\(base)/coverage", token: token))
        XCTAssertEqual(overlapping["overlaps"]?.arrayValue?.count, 1)
        XCTAssertEqual(try send("PUT", "\(base)/catchments/b", token: token, body: narrower, headers: [("If-Match", "\"v1\"")]).status, 200)

        let coverage = try json(try send("GET", "\(base)/coverage", token: token))
        XCTAssertEqual(coverage["has_errors"], false)
        let impact = try json(try send("GET", "\(base)/impact", token: token))
        XCTAssertEqual(impact["changed"], 4)

        let lookupBefore = try json(try XCTUnwrap(try router.dispatch(HTTPRequest(method: "GET", target: "/api/v1/cities/alpha/lookup?lat=43.2025&lon=76.9105"))))
        XCTAssertEqual(lookupBefore["catchments"]?[0]?["key"], "b")

        let stale = try send("POST", "\(base)/publish", token: token, body: "{}", headers: [("If-Match", "\"r1\"")])
        XCTAssertEqual(stale.status, 412)
        let published = try send("POST", "\(base)/publish", token: token, body: "{}", headers: [("If-Match", "\"r2\"")])
        XCTAssertEqual(published.status, 200, String(decoding: published.body, as: UTF8.self))
        XCTAssertEqual(try json(published)["in_force_today"], true)

        let lookupAfter = try json(try XCTUnwrap(try router.dispatch(HTTPRequest(method: "GET", target: "/api/v1/cities/alpha/lookup?lat=43.2025&lon=76.9105"))))
        XCTAssertEqual(lookupAfter["catchments"]?[0]?["key"], "a", "the published plan serves at once")
        XCTAssertEqual(lookupAfter["plan"]?["id"]?.intValue, plan)
        let earlier = try json(try XCTUnwrap(try router.dispatch(HTTPRequest(method: "GET", target: "/api/v1/cities/alpha/lookup?lat=43.2025&lon=76.9105&at=2020-01-01"))))
        XCTAssertEqual(earlier["catchments"]?[0]?["key"], "b", "at= reads the plan in force then")

        let editPublished = try send("DELETE", "\(base)/catchments/b", token: token, headers: [("If-Match", "\"v2\"")])
        XCTAssertEqual(editPublished.status, 409)
        let rollback = try send("POST", "\(base)/rollback", token: token, body: #"{"revision":0,"comment":"undo"}"#, headers: [("If-Match", "\"r2\"")])
        XCTAssertEqual(rollback.status, 200, String(decoding: rollback.body, as: UTF8.self))
        let rolledBack = try json(try XCTUnwrap(try router.dispatch(HTTPRequest(method: "GET", target: "/api/v1/cities/alpha/lookup?lat=43.2025&lon=76.9105"))))
        XCTAssertEqual(rolledBack["catchments"]?[0]?["key"], "b", "the rollback of a published plan serves at once")

        let history = try json(try send("GET", "\(base)/catchments/a/history", token: token))
        XCTAssertEqual(history["features"]?.arrayValue?.compactMap { $0["properties"]?["operation"]?.stringValue }, ["import", "replace", "rollback"])
        let rolledGeometry = history["features"]?[2]?["geometry"]
        XCTAssertEqual(rolledGeometry, history["features"]?[0]?["geometry"], "the rollback restores the exact earlier geometry")
        let difference = try json(try send("GET", "\(base)/catchments/a/diff?from=1&to=2", token: token))
        XCTAssertEqual(difference["features"]?.arrayValue?.count, 1)
        XCTAssertEqual(difference["features"]?[0]?["properties"]?["change"], "added")
    }

    func testBadBodiesNameTheField() throws {
        let plan = try draft()
        let token = tokens["planner-alpha"]
        let notJSON = try send("POST", "/api/v1/cities/alpha/plans/\(plan)/catchments", token: token, body: "{nope")
        XCTAssertEqual(notJSON.status, 400)
        XCTAssertEqual(try json(notJSON)["error"]?["code"], "invalid_body")
        let noYear = try send("POST", "/api/v1/cities/alpha/plans", token: token, body: #"{"school_year":"2027"}"#)
        XCTAssertEqual(noYear.status, 422)
        XCTAssertEqual(try json(noYear)["error"]?["field"], "school_year")
        let badDate = try send("POST", "/api/v1/cities/alpha/plans/\(plan)/publish", token: token, body: #"{"effective_from":"2027-02-30"}"#, headers: [("If-Match", "\"r0\"")])
        XCTAssertEqual(try json(badDate)["error"]?["field"], "effective_from")
        let lookup = try XCTUnwrap(try router.dispatch(HTTPRequest(method: "GET", target: "/api/v1/cities/alpha/lookup?lat=43.205&lon=76.905&at=tomorrow")))
        XCTAssertEqual(lookup.status, 400)
        XCTAssertEqual(try json(lookup)["error"]?["field"], "at")
        let form = try send("POST", "/api/v1/cities/alpha/plans", token: token, body: "a=b", headers: [("Content-Type", "application/x-www-form-urlencoded")])
        XCTAssertEqual(form.status, 415)
        let ambiguous = try send("GET", "/api/v1/cities/alpha/plans/999/catchments/a", token: token)
        XCTAssertEqual(ambiguous.status, 404)
        XCTAssertEqual(try json(ambiguous)["error"]?["code"], "plan_not_found")
    }
}

extension PlanningAPITests {
    func testAddressListImportOverHTTP() throws {
        let plan = try draft()
        let target = "/api/v1/cities/alpha/plans/\(plan)/address-lists"
        let list = "# school: s1\nул. Абая, 1–20\n# school: s2\nул. Абая, 21–40\nул. Абая (все дома)\n"
        let dryRun = try send("POST", target + "?dry_run=true", token: tokens["planner-alpha"], body: list, headers: [("Content-Type", "text/plain; charset=utf-8")])
        XCTAssertEqual(dryRun.status, 200, String(decoding: dryRun.body, as: UTF8.self))
        let preview = try json(dryRun)
        XCTAssertEqual(preview["built"]?.arrayValue?.count, 2)
        XCTAssertEqual(preview["catchments"]?.arrayValue?.count, 0)
        XCTAssertEqual(preview["report"]?["houses_claimed_twice"]?.arrayValue?.count, 20, "the whole street is claimed again by s2")

        let written = try send("POST", target, token: tokens["planner-alpha"], body: list, headers: [("Content-Type", "text/plain")])
        XCTAssertEqual(written.status, 200)
        XCTAssertEqual(try json(written)["plan"]?["revision"], 1)
        XCTAssertEqual(try json(written)["replaced"]?.arrayValue?.count, 2)

        let wrongType = try send("POST", target, token: tokens["planner-alpha"], body: "{}", headers: [("Content-Type", "application/json")])
        XCTAssertEqual(wrongType.status, 415)
        let empty = try send("POST", target, token: tokens["planner-alpha"], body: "  \n", headers: [("Content-Type", "text/plain")])
        XCTAssertEqual(empty.status, 422)
        XCTAssertEqual(try json(empty)["error"]?["field"], "body")
    }
}

extension PlanningAPITests {
    func testOnlyPlanInForceNotWithdrawn() throws {
        let token = tokens["planner-alpha"]
        let inForce = try XCTUnwrap(try json(try send("GET", "/api/v1/cities/alpha/plans", token: token))["plans"]?.arrayValue?
            .first { $0["in_force_today"] == true }?["id"]?.intValue)
        let target = "/api/v1/cities/alpha/plans/\(inForce)/withdraw"
        let noReason = try send("POST", target, token: token, body: "{}", headers: [("If-Match", "\"r1\"")])
        XCTAssertEqual(noReason.status, 422)
        XCTAssertEqual(try json(noReason)["error"]?["field"], "reason")
        let only = try send("POST", target, token: token, body: #"{"reason":"test"}"#, headers: [("If-Match", "\"r1\"")])
        XCTAssertEqual(only.status, 422)
        XCTAssertEqual(try json(only)["error"]?["field"], "plan")
        XCTAssertEqual(try store.plan(id: inForce)?.status, .published)
    }

    func testMalformedIfMatchAndDiffFieldNamed() throws {
        let plan = try draft()
        let target = "/api/v1/cities/alpha/plans/\(plan)/catchments/b"
        let malformed = try send("DELETE", target, token: tokens["planner-alpha"], headers: [("If-Match", "hello")])
        XCTAssertEqual(malformed.status, 400)
        XCTAssertEqual(try json(malformed)["error"]?["field"], "If-Match")
        let diff = try send("GET", "\(target)/diff?from=1&to=9", token: tokens["planner-alpha"])
        XCTAssertEqual(diff.status, 404)
        XCTAssertEqual(try json(diff)["error"]?["field"], "to")
    }
}
