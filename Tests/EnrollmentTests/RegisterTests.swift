import Enrollment
import Foundation
import HTTPServer
import JSON
import Store
import TestSupport
import XCTest

final class RegisterTests: XCTestCase {
    private var mock: LoopbackMock?

    override func tearDown() {
        mock?.stop()
    }

    private func register(_ mock: LoopbackMock, readTimeout: Double = 2, retries: Int = 1) throws -> HTTPPopulationRegister {
        HTTPPopulationRegister(baseURL: try ClientURL(mock.baseURL + "/register/"), bearerToken: "t0ken",
                               client: HTTPClient(connectTimeout: 1, readTimeout: readTimeout), retries: retries)
    }

    private static let personJSON = """
        {"iin": "\(IdentityFixture.child)", "surname": "Демоев", "given_name": "Нұрлан", "birth_date": "2019-03-05",
         "sex": "male", "citizenship": "KZ"}
        """

    func testSQLiteRegisterFindsPerson() throws {
        let fixture = try IdentityFixture()
        let person = try XCTUnwrap(fixture.service.register.person(try IIN(IdentityFixture.parent)))
        XCTAssertEqual(person.surname, "Демоева")
        XCTAssertEqual(person.patronymic, "Серікқызы")
        XCTAssertEqual(person.birthDate.iso, "1985-04-12")
        XCTAssertEqual(person.sex, .female)
        XCTAssertEqual(person.phone?.e164, IdentityFixture.parentPhone)
        XCTAssertNil(try fixture.service.register.person(try IIN(IdentityFixture.unknown)))
    }

    func testSQLiteRegisterLinks() throws {
        let fixture = try IdentityFixture()
        let parent = try IIN(IdentityFixture.parent), child = try IIN(IdentityFixture.child)
        XCTAssertEqual(try fixture.service.register.representation(parent: parent, child: child), .parent)
        XCTAssertNil(try fixture.service.register.representation(parent: child, child: parent))
    }

    func testHTTPLookup() throws {
        let mock = try LoopbackMock { request, _ in
            request.path == "/register/persons/lookup" ? LoopbackMock.json(200, Self.personJSON) : LoopbackMock.json(404, "{}")
        }
        self.mock = mock
        let person = try XCTUnwrap(try register(mock).person(try IIN(IdentityFixture.child)))
        XCTAssertEqual(person.givenName, "Нұрлан")
        XCTAssertEqual(person.birthDate.iso, "2019-03-05")
        let request = try XCTUnwrap(mock.requests.first)
        XCTAssertEqual(request.method, "POST")
        XCTAssertEqual(request.headers["Authorization"], "Bearer t0ken")
        XCTAssertEqual(try JSONParser.parse(bytes: request.body)["iin"]?.stringValue, IdentityFixture.child)
        XCTAssertFalse(request.target.contains(IdentityFixture.child), "the IIN travels in the body")
    }

    func testHTTPNotFound() throws {
        let mock = try LoopbackMock { _, _ in LoopbackMock.json(404, #"{"error": "not found"}"#) }
        self.mock = mock
        XCTAssertNil(try register(mock).person(try IIN(IdentityFixture.unknown)))
    }

    func testHTTPRepresentation() throws {
        let mock = try LoopbackMock { request, _ in
            let body = try? JSONParser.parse(bytes: request.body)
            let linked = body?["parent_iin"]?.stringValue == IdentityFixture.parent
            return LoopbackMock.json(200, linked ? #"{"relation": "guardian"}"# : #"{"relation": null}"#)
        }
        self.mock = mock
        let client = try register(mock)
        XCTAssertEqual(try client.representation(parent: try IIN(IdentityFixture.parent), child: try IIN(IdentityFixture.child)), .guardian)
        XCTAssertNil(try client.representation(parent: try IIN(IdentityFixture.noPhone), child: try IIN(IdentityFixture.child)))
        XCTAssertEqual(mock.requests.first?.path, "/register/representations/check")
    }

    func testHTTPServerErrorRetriedOnce() throws {
        let mock = try LoopbackMock { _, number in number == 1 ? LoopbackMock.json(502, "{}") : LoopbackMock.json(200, Self.personJSON) }
        self.mock = mock
        XCTAssertNotNil(try register(mock).person(try IIN(IdentityFixture.child)))
        XCTAssertEqual(mock.requests.count, 2)
    }

    func testHTTPTimeoutIsUnavailable() throws {
        let server = try ScriptedServer(script: [.silent])
        defer { server.stop() }
        let client = HTTPPopulationRegister(baseURL: try ClientURL(server.baseURL), bearerToken: nil,
                                            client: HTTPClient(connectTimeout: 1, readTimeout: 0.15), retries: 1)
        XCTAssertThrowsError(try client.person(try IIN(IdentityFixture.child))) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "register_unavailable")
            XCTAssertEqual((error as? EnrollmentError)?.kind, .unavailable)
        }
        XCTAssertEqual(server.connectionCount, 2, "one retry after the timeout")
    }

    func testHTTPTimeoutThenAnswer() throws {
        let server = try ScriptedServer(script: [.silent, ScriptedServer.response(200, Self.personJSON)])
        defer { server.stop() }
        let client = HTTPPopulationRegister(baseURL: try ClientURL(server.baseURL), bearerToken: nil,
                                            client: HTTPClient(connectTimeout: 1, readTimeout: 0.15), retries: 1)
        XCTAssertEqual(try client.person(try IIN(IdentityFixture.child))?.surname, "Демоев")
    }

    func testHTTPMalformedAnswerIsUnavailable() throws {
        let mock = try LoopbackMock { _, _ in LoopbackMock.json(200, #"{"iin": "000000000000"}"#) }
        self.mock = mock
        XCTAssertThrowsError(try register(mock).person(try IIN(IdentityFixture.child))) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "register_unavailable")
        }
    }

    func testImporterReadsPeopleAndLinks() throws {
        let folder = Fixtures.temporaryFolder()
        let people = folder.appendingPathComponent("people.csv"), links = folder.appendingPathComponent("people_links.csv")
        try """
            iin,surname,given_name,patronymic,birth_date,sex,citizenship,phone
            \(IdentityFixture.parent),Демоева,Айгерим,,1985-04-12,female,KZ,+77011234567
            \(IdentityFixture.child),Демоев,Нұрлан,,2019-03-05,male,KZ,
            """.write(to: people, atomically: true, encoding: .utf8)
        try "parent_iin,child_iin,relation\n\(IdentityFixture.parent),\(IdentityFixture.child),parent\n".write(to: links, atomically: true, encoding: .utf8)
        let store = try SakuraStore(path: folder.appendingPathComponent("register.sqlite").path)
        let counts = try RegisterImporter(store: store).run(people: people, links: links, isDemo: true)
        XCTAssertEqual(counts.people, 2)
        XCTAssertEqual(counts.links, 1)
        XCTAssertEqual(try store.registerChildren(parentIIN: IdentityFixture.parent), [IdentityFixture.child])
        XCTAssertNil(try store.registerPerson(iin: IdentityFixture.child)?.phone)
    }

    func testImporterRejectsBadRow() throws {
        let folder = Fixtures.temporaryFolder()
        let people = folder.appendingPathComponent("people.csv")
        try """
            iin,surname,given_name,birth_date,sex,citizenship
            \(IdentityFixture.parent),Демоева,Айгерим,1985-04-12,female,KZ
            \(IdentityFixture.child),Демоев,Нұрлан,2019-02-30,male,KZ
            """.write(to: people, atomically: true, encoding: .utf8)
        let store = try SakuraStore(path: folder.appendingPathComponent("register.sqlite").path)
        XCTAssertThrowsError(try RegisterImporter(store: store).run(people: people, links: nil, isDemo: true)) { error in
            XCTAssertEqual(error as? StoreError, .invalidInput(field: "line 3, column birth_date", reason: "must be a date as YYYY-MM-DD"))
        }
        XCTAssertEqual(try store.registerPeopleCount(), 0)
    }
}
