@testable import HTTPServer
import XCTest

final class RequestParserTests: XCTestCase {
    private func parse(_ text: String, configuration: ServerConfiguration = ServerConfiguration(), bodyLimit: Int = 1024) -> [ParseEvent] {
        var parser = RequestParser(configuration: configuration) { _, _ in bodyLimit }
        var buffer = ByteBuffer()
        buffer.append(Array(text.utf8))
        var events: [ParseEvent] = []
        while true {
            let event = parser.parse(&buffer)
            events.append(event)
            switch event {
            case .needMore, .failure: return events
            default: continue
            }
        }
    }

    private func requests(_ events: [ParseEvent]) -> [HTTPRequest] {
        events.compactMap { if case .request(let request) = $0 { return request } else { return nil } }
    }

    private func failureStatus(_ events: [ParseEvent]) -> Int? {
        if case .failure(let status, _)? = events.last { return status }
        return nil
    }

    func testSimpleGetParsed() {
        let parsed = requests(parse("GET /api/v1/cities?lang=kk&q=%D0%B0+b HTTP/1.1\r\nHost: x\r\n\r\n"))
        XCTAssertEqual(parsed.count, 1)
        XCTAssertEqual(parsed.first?.path, "/api/v1/cities")
        XCTAssertEqual(parsed.first?.queryValue("lang"), "kk")
        XCTAssertEqual(parsed.first?.queryValue("q"), "а b")
    }

    func testPipelinedRequestsInOrder() {
        let parsed = requests(parse("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"))
        XCTAssertEqual(parsed.map(\.path), ["/a", "/b"])
    }

    func testContentLengthBody() {
        let parsed = requests(parse("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"))
        XCTAssertEqual(parsed.first.map { String(decoding: $0.body, as: UTF8.self) }, "hello")
    }

    func testChunkedBody() {
        let parsed = requests(parse("POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: y\r\n\r\n"))
        XCTAssertEqual(parsed.first.map { String(decoding: $0.body, as: UTF8.self) }, "hello world")
    }

    func testLimitsGiveTheirStatus() {
        var small = ServerConfiguration()
        small.maxRequestLineBytes = 64
        small.maxHeaderBytes = 128
        small.maxHeaderCount = 3
        XCTAssertEqual(failureStatus(parse("GET /" + String(repeating: "a", count: 100) + " HTTP/1.1\r\nHost: x\r\n\r\n", configuration: small)), 414)
        XCTAssertEqual(failureStatus(parse("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "b", count: 200) + "\r\n\r\n", configuration: small)), 431)
        XCTAssertEqual(failureStatus(parse("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", configuration: small)), 431)
        XCTAssertEqual(failureStatus(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n", bodyLimit: 1000)), 413)
        XCTAssertEqual(failureStatus(parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n", bodyLimit: 1000)), 413)
    }

    func testMalformedRequestsRejected() {
        let cases: [(String, Int)] = [
            ("GET\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\r\n", 400),  // no Host
            ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
            ("GET / FOO\r\nHost: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -3\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
            ("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400),
        ]
        for (text, status) in cases {
            XCTAssertEqual(failureStatus(parse(text)), status, text.debugDescription)
        }
    }

    func testExpectContinueReported() {
        let events = parse("POST /p HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        guard case .headComplete(let expectsContinue)? = events.first else { return XCTFail("\(events)") }
        XCTAssertTrue(expectsContinue)
    }

    func testHTTP10DefaultsToClose() {
        let parsed = requests(parse("GET / HTTP/1.0\r\n\r\n"))
        XCTAssertEqual(parsed.first?.keepAlive, false)
        let kept = requests(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))
        XCTAssertEqual(kept.first?.keepAlive, true)
    }
}
