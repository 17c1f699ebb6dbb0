import HTTPServer
import TestSupport
import XCTest

final class HTTPClientTests: XCTestCase {
    func testURLParts() throws {
        let url = try ClientURL("http://127.0.0.1:8081/api/send?x=1")
        XCTAssertEqual(url.host, "127.0.0.1")
        XCTAssertEqual(url.port, 8081)
        XCTAssertEqual(url.target, "/api/send?x=1")
        XCTAssertEqual(try ClientURL("http://localhost").target, "/")
        XCTAssertEqual(try ClientURL("http://localhost").port, 80)
    }

    func testURLAppendsPath() throws {
        XCTAssertEqual(try ClientURL("http://h/base/").appending(path: "persons/lookup").target, "/base/persons/lookup")
        XCTAssertEqual(try ClientURL("http://h").appending(path: "/x").target, "/x")
    }

    func testURLRejections() {
        for text in ["https://example.kz/", "ftp://h/", "http://:80/", "http://h:0/", "http://h:99999/", "http://user:pw@h/"] {
            XCTAssertThrowsError(try ClientURL(text), text)
        }
    }

    func testContentLengthBody() throws {
        let server = try ScriptedServer(script: [ScriptedServer.response(201, #"{"ok": true}"#)])
        defer { server.stop() }
        let response = try HTTPClient(connectTimeout: 1, readTimeout: 2).send(method: "POST", url: ClientURL(server.baseURL + "/x"), body: [1, 2])
        XCTAssertEqual(response.status, 201)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), #"{"ok": true}"#)
        XCTAssertEqual(response.headers["content-type"], "application/json")
    }

    func testChunkedBody() throws {
        let server = try ScriptedServer(script: [.respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n")])
        defer { server.stop() }
        let response = try HTTPClient(connectTimeout: 1, readTimeout: 2).send(method: "GET", url: ClientURL(server.baseURL))
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "Wikipedia")
    }

    func testBodyUntilClose() throws {
        let server = try ScriptedServer(script: [.respond("HTTP/1.0 200 OK\r\n\r\nwhole body")])
        defer { server.stop() }
        let response = try HTTPClient(connectTimeout: 1, readTimeout: 2).send(method: "GET", url: ClientURL(server.baseURL))
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "whole body")
    }

    func testShortBodyIsMalformed() throws {
        let server = try ScriptedServer(script: [.respond("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc")])
        defer { server.stop() }
        XCTAssertThrowsError(try HTTPClient(connectTimeout: 1, readTimeout: 2).send(method: "GET", url: ClientURL(server.baseURL))) { error in
            guard case .malformedResponse? = error as? HTTPClientError else { return XCTFail("\(error)") }
        }
    }

    func testReadTimeout() throws {
        let server = try ScriptedServer(script: [.silent])
        defer { server.stop() }
        XCTAssertThrowsError(try HTTPClient(connectTimeout: 1, readTimeout: 0.1).send(method: "GET", url: ClientURL(server.baseURL))) { error in
            XCTAssertEqual(error as? HTTPClientError, .timedOut(phase: "read", seconds: 0.1))
        }
    }

    func testResponseLimit() throws {
        let body = String(repeating: "x", count: 5000)
        let server = try ScriptedServer(script: [.respond("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n\(body)")])
        defer { server.stop() }
        XCTAssertThrowsError(try HTTPClient(connectTimeout: 1, readTimeout: 2, maxResponseBytes: 1000).send(method: "GET", url: ClientURL(server.baseURL))) { error in
            XCTAssertEqual(error as? HTTPClientError, .responseTooLarge(limit: 1000))
        }
    }

    func testConnectionRefused() throws {
        let server = try ScriptedServer(script: [.silent])
        let url = try ClientURL(server.baseURL)
        server.stop()
        XCTAssertThrowsError(try HTTPClient(connectTimeout: 1, readTimeout: 1).send(method: "GET", url: url)) { error in
            XCTAssertTrue((error as? HTTPClientError)?.isTransient ?? false, "\(error)")
        }
    }
}
