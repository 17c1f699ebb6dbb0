import Enrollment
import Foundation
import HTTPServer
import JSON
import Synchronization
import TestSupport
import XCTest

final class GatewayTests: XCTestCase {
    private var mock: LoopbackMock?

    override func tearDown() {
        mock?.stop()
    }

    private func gateway(_ mock: LoopbackMock, retries: Int = 2, readTimeout: Double = 2, template: String? = nil,
                         contentType: String = "application/json", pauses: PauseLog? = nil) throws -> HTTPMessageGateway {
        var configuration = HTTPGatewayConfiguration(url: try ClientURL(mock.baseURL + "/send"), username: "sakura", password: "s3cret",
                                                     retries: retries, retryDelay: 0.01, connectTimeout: 1, readTimeout: readTimeout)
        if let template { configuration.bodyTemplate = template }
        configuration.contentType = contentType
        let log = pauses
        return HTTPMessageGateway(configuration: configuration, sleep: { seconds in log?.add(seconds) })
    }

    private let message = SMSMessage(phone: try! PhoneNumber("+77011234567"), text: "Sakura: code \"042317\"\n")

    func testSendsTemplateWithCredentials() throws {
        let mock = try LoopbackMock { _, _ in LoopbackMock.json(200, "{}") }
        self.mock = mock
        try gateway(mock).send(message)
        let request = try XCTUnwrap(mock.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.path, "/send")
        XCTAssertEqual(request.headers["Authorization"], "Basic " + Data("sakura:s3cret".utf8).base64EncodedString())
        XCTAssertEqual(request.headers["Content-Type"], "application/json")
        let body = try JSONParser.parse(bytes: request.body)
        XCTAssertEqual(body["to"], "+77011234567")
        XCTAssertEqual(body["text"], "Sakura: code \"042317\"\n")
    }

    func testFormTemplateIsPercentEncoded() throws {
        let mock = try LoopbackMock { _, _ in LoopbackMock.json(200, "{}") }
        self.mock = mock
        try gateway(mock, template: "phone={to}&message={text}&x={unknown}", contentType: "application/x-www-form-urlencoded").send(message)
        let body = String(decoding: try XCTUnwrap(mock.requests.first).body, as: UTF8.self)
        XCTAssertEqual(body, "phone=%2B77011234567&message=Sakura%3A%20code%20%22042317%22%0A&x={unknown}")
    }

    func testRetriesServerErrors() throws {
        let mock = try LoopbackMock { _, number in number < 3 ? LoopbackMock.json(503, "{}") : LoopbackMock.json(200, "{}") }
        self.mock = mock
        let pauses = PauseLog()
        try gateway(mock, retries: 2, pauses: pauses).send(message)
        XCTAssertEqual(mock.requests.count, 3)
        XCTAssertEqual(pauses.values, [0.01, 0.02], "the pause doubles")
    }

    func testGivesUpAfterRetries() throws {
        let mock = try LoopbackMock { _, _ in LoopbackMock.json(500, "{}") }
        self.mock = mock
        XCTAssertThrowsError(try gateway(mock, retries: 2).send(message)) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "message_not_sent")
        }
        XCTAssertEqual(mock.requests.count, 3)
    }

    func testClientErrorNotRetried() throws {
        let mock = try LoopbackMock { _, _ in LoopbackMock.json(401, "{}") }
        self.mock = mock
        XCTAssertThrowsError(try gateway(mock, retries: 2).send(message))
        XCTAssertEqual(mock.requests.count, 1)
    }

    func testReadTimeoutRetried() throws {
        let server = try ScriptedServer(script: [.silent, ScriptedServer.response(200, "{}")])
        defer { server.stop() }
        let configuration = HTTPGatewayConfiguration(url: try ClientURL(server.baseURL + "/send"), retries: 1, retryDelay: 0.01,
                                                     connectTimeout: 1, readTimeout: 0.2)
        let pauses = PauseLog()
        try HTTPMessageGateway(configuration: configuration, sleep: { pauses.add($0) }).send(message)
        XCTAssertEqual(server.connectionCount, 2)
        XCTAssertEqual(pauses.values, [0.01])
    }

    func testTimeoutWithoutRetriesFails() throws {
        let server = try ScriptedServer(script: [.silent])
        defer { server.stop() }
        let configuration = HTTPGatewayConfiguration(url: try ClientURL(server.baseURL + "/send"), retries: 0, connectTimeout: 1, readTimeout: 0.2)
        XCTAssertThrowsError(try HTTPMessageGateway(configuration: configuration, sleep: { _ in }).send(message)) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "message_not_sent")
        }
        XCTAssertEqual(server.connectionCount, 1)
    }

    func testConnectionRefusedRetriedThenFails() throws {
        let mock = try LoopbackMock { _, _ in LoopbackMock.json(200, "{}") }
        let url = mock.baseURL
        mock.stop()
        let pauses = PauseLog()
        let configuration = HTTPGatewayConfiguration(url: try ClientURL(url + "/send"), retries: 2, retryDelay: 0.01, connectTimeout: 0.5, readTimeout: 0.5)
        XCTAssertThrowsError(try HTTPMessageGateway(configuration: configuration, sleep: { pauses.add($0) }).send(message))
        XCTAssertEqual(pauses.values.count, 2)
    }

    func testBackgroundGatewayDelivers() throws {
        let mock = try LoopbackMock { _, _ in LoopbackMock.json(200, "{}") }
        self.mock = mock
        let sender = try gateway(mock)
        let background = BackgroundGateway(sms: sender, email: sender)
        try background.send(message)
        background.drain()
        XCTAssertEqual(mock.requests.count, 1)
    }

    func testOutboxKeepsMessageAndLogsMasked() throws {
        let fixture = try IdentityFixture()
        try fixture.outbox.send(message)
        try fixture.outbox.send(EmailMessage(address: try EmailAddress("parent@example.kz"), subject: "Subject", body: "Body 042317"))
        let sms = try fixture.messages(to: "+77011234567")
        XCTAssertEqual(sms.first?.body, message.text)
        XCTAssertEqual(try fixture.messages(to: "parent@example.kz").first?.subject, "Subject")
        let log = fixture.logLines.joined(separator: "\n")
        XCTAssertTrue(log.contains("+7 701 *** ** 67"), log)
        XCTAssertTrue(log.contains("p***@example.kz"), log)
        XCTAssertFalse(log.contains("042317"), log)
        XCTAssertFalse(log.contains("7011234567"), log)
    }
}

/// The pauses a gateway asked for between attempts, recorded instead of slept.
final class PauseLog: Sendable {
    private let storage = Mutex<[Double]>([])

    func add(_ seconds: Double) {
        storage.withLock { $0.append(seconds) }
    }

    var values: [Double] { storage.withLock { $0 } }
}
