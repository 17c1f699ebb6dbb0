import Foundation
import Glibc
import HTTPServer
import Synchronization
import TestSupport
import XCTest

/// Log lines captured from a server under test.
final class LogCapture: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var log: ServerLog { ServerLog { line in self.lines.withLock { $0.append(line) } } }
}

final class LiveServerTests: XCTestCase {
    private var server: HTTPServer!
    private let capture = LogCapture()

    private static let bigJSON = "[" + (0..<2000).map { "{\"n\":\($0)}" }.joined(separator: ",") + "]"

    private func start(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        adjust(&configuration)
        var router = Router()
        router.get("/hello") { _ in HTTPResponse.text(200, "hello") }
        router.get("/api/big") { _ in
            var response = HTTPResponse(status: 200, body: Array(Self.bigJSON.utf8), isCacheable: true)
            response.headers.set("Content-Type", "application/json")
            return response
        }
        router.add("POST", "/echo", maxBodyBytes: 1000) { request in HTTPResponse(status: 200, body: request.body) }
        router.get("/slow") { _ in
            usleep(400_000)
            return HTTPResponse.text(200, "slow done")
        }
        router.get("/fail") { _ in throw CocoaError(.fileNoSuchFile) }
        router.get("/items/{id}") { request in HTTPResponse.text(200, "item \(request.pathParameters["id"] ?? "")") }
        server = HTTPServer(configuration: configuration, router: router, log: capture.log)
        try server.start()
    }

    override func tearDown() {
        server?.shutdown()
        server?.wait()
    }

    private func client() throws -> RawClient { try RawClient(port: server.port) }

    func testKeepAliveServesSeveralRequests() throws {
        try start()
        let connection = try client()
        for _ in 0..<3 {
            connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = connection.readResponse()
            XCTAssertEqual(response?.status, 200)
            XCTAssertEqual(response?.text, "hello\n")
            XCTAssertNil(response?.headers["connection"])
        }
    }

    func testPipelinedRequestsAnsweredInOrder() throws {
        try start()
        let connection = try client()
        connection.send("GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: t\r\n\r\nGET /items/3 HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(connection.readResponse()?.text, "item 1\n")
        XCTAssertEqual(connection.readResponse()?.text, "item 2\n")
        XCTAssertEqual(connection.readResponse()?.text, "item 3\n")
    }

    func testHTTP10ClosesUnlessKeptAlive() throws {
        try start()
        let closing = try client()
        closing.send("GET /hello HTTP/1.0\r\n\r\n")
        XCTAssertEqual(closing.readResponse()?.headers["connection"], "close")
        XCTAssertTrue(closing.isClosedByPeer(within: 2))

        let kept = try client()
        kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(kept.readResponse()?.headers["connection"], "keep-alive")
        kept.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(kept.readResponse()?.status, 200)
    }

    func testHeadHasLengthButNoBody() throws {
        try start()
        let connection = try client()
        connection.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = connection.readResponse(head: true)
        XCTAssertEqual(head?.status, 200)
        XCTAssertEqual(head?.headers["content-length"], "6")
        XCTAssertEqual(connection.readResponse()?.text, "hello\n", "the next response starts right after the head")
    }

    func testExpectContinueThenBody() throws {
        try start()
        let connection = try client()
        connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        XCTAssertEqual(connection.readResponse()?.status, 100)
        connection.send("ping")
        XCTAssertEqual(connection.readResponse()?.text, "ping")
    }

    func testChunkedBodyEchoed() throws {
        try start()
        let connection = try client()
        connection.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
        XCTAssertEqual(connection.readResponse()?.text, "abcde")
    }

    func testLimitsAnswerAndClose() throws {
        try start { $0.maxRequestLineBytes = 100; $0.maxHeaderCount = 5; $0.maxHeaderBytes = 1000 }
        let cases: [(String, Int)] = [
            ("GET /" + String(repeating: "x", count: 200) + " HTTP/1.1\r\nHost: t\r\n\r\n", 414),
            ("GET /hello HTTP/1.1\r\nHost: t\r\n" + (0..<6).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
            ("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "v", count: 2000) + "\r\n\r\n", 431),
            ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n", 413),
            ("BAD REQUEST LINE\r\n\r\n", 400),
            ("GET /hello HTTP/1.1\r\nHost t\r\n\r\n", 400),
            ("GET /hello HTTP/3.0\r\nHost: t\r\n\r\n", 505),
        ]
        for (text, status) in cases {
            let connection = try client()
            connection.send(text)
            let response = connection.readResponse()
            XCTAssertEqual(response?.status, status, text.prefix(60).debugDescription)
            XCTAssertEqual(response?.headers["connection"], "close", text.prefix(60).debugDescription)
            XCTAssertTrue(connection.isClosedByPeer(within: 3), text.prefix(60).debugDescription)
        }
    }

    func testSilentClientsTimedOut() throws {
        try start { $0.headerTimeout = 0.5; $0.bodyTimeout = 0.5; $0.idleTimeout = 0.5 }
        let partialHead = try client()
        partialHead.send("GET /hello HTTP/1.1\r\nHo")
        XCTAssertEqual(partialHead.readResponse()?.status, 408)

        let partialBody = try client()
        partialBody.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        XCTAssertEqual(partialBody.readResponse()?.status, 408)

        let idle = try client()
        idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(idle.readResponse()?.status, 200)
        XCTAssertTrue(idle.isClosedByPeer(within: 3))
    }

    func testHalfClosedClientStillAnswered() throws {
        try start()
        let connection = try client()
        connection.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        Glibc.shutdown(connection.fd, Int32(SHUT_WR))
        XCTAssertEqual(connection.readResponse()?.text, "hello\n")
        XCTAssertTrue(connection.isClosedByPeer(within: 2))
    }

    func testClientDisconnectMidBodyLeavesServerHealthy() throws {
        try start()
        do {
            let leaving = try client()
            leaving.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly part")
        }
        usleep(100_000)
        let next = try client()
        next.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(next.readResponse()?.status, 200)
        XCTAssertEqual(server.metrics.openConnectionCount, 1)
    }

    func testConditionalGetAndGzip() throws {
        try start()
        let connection = try client()
        connection.send("GET /api/big HTTP/1.1\r\nHost: t\r\n\r\n")
        let plain = try XCTUnwrap(connection.readResponse())
        let tag = try XCTUnwrap(plain.headers["etag"])
        XCTAssertEqual(plain.text, Self.bigJSON)
        XCTAssertEqual(plain.headers["access-control-allow-origin"], "*")

        connection.send("GET /api/big HTTP/1.1\r\nHost: t\r\nIf-None-Match: \(tag)\r\n\r\n")
        let notModified = connection.readResponse()
        XCTAssertEqual(notModified?.status, 304)
        XCTAssertEqual(notModified?.body.count, 0)
        XCTAssertEqual(notModified?.headers["etag"], tag)

        connection.send("GET /api/big HTTP/1.1\r\nHost: t\r\nAccept-Encoding: br, gzip;q=0.8\r\n\r\n")
        let compressed = try XCTUnwrap(connection.readResponse())
        XCTAssertEqual(compressed.headers["content-encoding"], "gzip")
        XCTAssertLessThan(compressed.body.count, plain.body.count)
        XCTAssertEqual(Gzip.decompress(compressed.body).map { String(decoding: $0, as: UTF8.self) }, Self.bigJSON)
        XCTAssertNotEqual(compressed.headers["etag"], tag)

        connection.send("GET /api/big HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip;q=0\r\n\r\n")
        XCTAssertNil(connection.readResponse()?.headers["content-encoding"])
    }

    func testErrorsAndUnknownRoutes() throws {
        try start()
        let connection = try client()
        connection.send("GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(connection.readResponse()?.status, 404)
        connection.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let notAllowed = connection.readResponse()
        XCTAssertEqual(notAllowed?.status, 405)
        XCTAssertEqual(notAllowed?.headers["allow"], "GET, HEAD")
        connection.send("GET /fail HTTP/1.1\r\nHost: t\r\n\r\n")
        let failed = connection.readResponse()
        XCTAssertEqual(failed?.status, 500)
        XCTAssertFalse(failed?.text.contains("CocoaError") ?? true, "500 bodies carry no internals")
        XCTAssertTrue(capture.all.contains { $0.contains("handler failed") && $0.contains("route=/fail") })
    }

    func testPreflightAnswered() throws {
        try start()
        let connection = try client()
        connection.send("OPTIONS /api/big HTTP/1.1\r\nHost: t\r\nOrigin: https://map.example\r\nAccess-Control-Request-Method: GET\r\n\r\n")
        let response = connection.readResponse()
        XCTAssertEqual(response?.status, 204)
        XCTAssertEqual(response?.headers["access-control-allow-origin"], "*")
        XCTAssertTrue(response?.headers["access-control-allow-methods"]?.contains("GET") ?? false)
    }

    func testRequestLogLineHasFieldsButNoQuery() throws {
        try start()
        let connection = try client()
        connection.send("GET /items/7?secret=870412300123 HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = connection.readResponse()
        usleep(50_000)
        let line = try XCTUnwrap(capture.all.first { $0.contains("msg=request") })
        for field in ["request_id=", "method=GET", "path=/items/7", "status=200", "bytes=", "duration_ms="] {
            XCTAssertTrue(line.contains(field), "\(field) missing in \(line)")
        }
        XCTAssertFalse(capture.all.joined().contains("870412300123"))
    }

    func testShutdownFinishesRequestInFlight() throws {
        try start()
        let connection = try client()
        connection.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(100_000)
        let idle = try client()
        server.shutdown()
        let response = connection.readResponse()
        XCTAssertEqual(response?.status, 200)
        XCTAssertEqual(response?.text, "slow done\n")
        XCTAssertEqual(response?.headers["connection"], "close")
        XCTAssertTrue(idle.isClosedByPeer(within: 3))
        server.wait()
        XCTAssertThrowsError(try RawClient(port: server.port), "no longer accepting")
        server = nil
    }

    func testMetricsCountRequests() throws {
        try start()
        let connection = try client()
        connection.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        _ = connection.readResponse()
        let text = server.metrics.prometheusText()
        XCTAssertTrue(text.contains("sakura_http_requests_total{route=\"/hello\",status=\"200\"} 1"), text)
        XCTAssertTrue(text.contains("sakura_http_open_connections 1"), text)
        XCTAssertTrue(text.contains("sakura_http_request_duration_seconds_count 1"), text)
    }
}
