import Foundation
import HTTPServer
import JSON
import SakuraCore
import SakuraServer
import Store
import Synchronization
import TestSupport
import XCTest

/// Publishing over real sockets while other connections look up addresses.
final class LivePlanningTests: XCTestCase {
    private var server: HTTPServer!

    override func tearDown() {
        server?.shutdown()
        server?.wait()
    }

    private func request(_ client: RawClient, _ method: String, _ target: String, token: String, body: String = "", ifMatch: String? = nil) -> RawClient.Response? {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
        if let ifMatch { head += "If-Match: \(ifMatch)\r\n" }
        client.send(head + "\r\n" + body)
        return client.readResponse()
    }

    func testPublishWhileEightThreadsLookUp() throws {
        let (store, path) = try PlanningCity.store()
        let token = try StaffTokens.addUser(name: "Planner", role: .planner, cityID: "alpha", store: store).token
        let catalog = try CityCatalog(store: store)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        server = HTTPServer(configuration: configuration, router: SakuraAPI.router(catalog: catalog, planning: try PlanningDesk(storePath: path, catalog: catalog)) { nil },
                            log: ServerLog { _ in }, errorResponder: apiErrorResponder)
        try server.start()

        // The draft moves the border east and names both catchments' new versions.
        let planner = try RawClient(port: server.port, receiveTimeout: 30)
        let created = try XCTUnwrap(request(planner, "POST", "/api/v1/cities/alpha/plans", token: token, body: #"{"school_year":"2027-2028"}"#))
        let draftID = try XCTUnwrap(try JSONParser.parse(bytes: created.body)["id"]?.intValue)
        let base = "/api/v1/cities/alpha/plans/\(draftID)"
        let wider = #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[76.90,43.20],[76.9125,43.20],[76.9125,43.21],[76.90,43.21],[76.90,43.20]]]}}"#
        let narrower = #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[76.9125,43.20],[76.92,43.20],[76.92,43.21],[76.9125,43.21],[76.9125,43.20]]]}}"#
        XCTAssertEqual(request(planner, "PUT", "\(base)/catchments/a", token: token, body: wider, ifMatch: "\"v1\"")?.status, 200)
        XCTAssertEqual(request(planner, "PUT", "\(base)/catchments/b", token: token, body: narrower, ifMatch: "\"v1\"")?.status, 200)

        // Each answer must come wholly from one plan: the old plan has versions 1 of a and b, the new one versions 2.
        let stop = Atomic<Bool>(false)
        let failures = LockedValue<[String]>([])
        let seen = LockedValue<[Int: Int]>([:])
        let port = server.port
        let oldPlan = try XCTUnwrap(catalog.snapshot(cityID: "alpha")?.plan?.id)
        let threads = (0..<8).map { index in
            Thread {
                guard let client = try? RawClient(port: port) else {
                    failures.update { $0.append("thread \(index) could not connect") }
                    return
                }
                // Points on both sides of the moved border, so both catchments appear in answers.
                let points = ["43.2025,76.9105", "43.2075,76.905", "43.2025,76.918"]
                var count = 0
                while !stop.load(ordering: .relaxed) {
                    let point = points[count % points.count].split(separator: ",")
                    count += 1
                    client.send("GET /api/v1/cities/alpha/lookup?lat=\(point[0])&lon=\(point[1]) HTTP/1.1\r\nHost: t\r\n\r\n")
                    guard let response = client.readResponse(), response.status == 200, let answer = try? JSONParser.parse(bytes: response.body),
                          let plan = answer["plan"]?["id"]?.intValue else {
                        failures.update { $0.append("thread \(index): failed lookup") }
                        return
                    }
                    let versions = answer["catchments"]?.arrayValue?.compactMap { $0["version"]?.intValue } ?? []
                    let expected = plan == oldPlan ? 1 : 2
                    if versions.isEmpty || versions.contains(where: { $0 != expected }) {
                        failures.update { $0.append("thread \(index): plan \(plan) answered with versions \(versions)") }
                    }
                    seen.update { $0[plan, default: 0] += 1 }
                }
            }
        }
        threads.forEach { $0.start() }
        Thread.sleep(forTimeInterval: 0.3)

        let published = try XCTUnwrap(request(planner, "POST", "\(base)/publish", token: token, body: "{}", ifMatch: "\"r2\""))
        XCTAssertEqual(published.status, 200, published.text)
        Thread.sleep(forTimeInterval: 0.3)
        stop.store(true, ordering: .relaxed)
        while threads.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.01) }

        XCTAssertEqual(failures.value, [])
        let counts = seen.value
        XCTAssertGreaterThan(counts[oldPlan] ?? 0, 0, "lookups ran before the publish")
        XCTAssertGreaterThan(counts[draftID] ?? 0, 0, "lookups ran after the publish")
        XCTAssertEqual(Set(counts.keys), [oldPlan, draftID])
    }
}

/// A value shared by test threads behind an NSLock, which the thread sanitizer understands.
final class LockedValue<Value>: @unchecked Sendable {
    // Every access to `stored` happens while `lock` is held.
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) {
        stored = value
    }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func update(_ body: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&stored)
    }
}
