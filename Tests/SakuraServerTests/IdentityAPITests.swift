import Enrollment
import Foundation
import HTTPServer
import JSON
import SakuraServer
import Store
import TestSupport
import XCTest

/// The identity endpoints served for real on a loopback port, with a manual clock, the
/// development outbox, the embedded register and every log line captured.
final class IdentityAPITests: XCTestCase {
    private var server: HTTPServer!
    private var database: IdentityDatabase!
    private let time = ManualTime()
    private let capture = LineCapture()
    private var client: RawClient!

    private static let parent = "880412400018"
    private static let child = "190615500033"
    private static let unknown = "150901600037"
    private static let phone = "+77010000001"
    private static let password = "Sakura-2026x"

    override func setUpWithError() throws {
        let path = Fixtures.temporaryFolder().appendingPathComponent("identity.sqlite").path
        database = try IdentityDatabase(path: path)
        try database.write { store in
            try store.upsertPeople([
                RegisterPersonRecord(iin: Self.parent, surname: "Демоева", givenName: "Айгерим", patronymic: "Серікқызы", birthDate: "1988-04-12",
                                     sex: "female", citizenship: "KZ", phone: Self.phone, isDemo: true),
                RegisterPersonRecord(iin: Self.child, surname: "Демоев", givenName: "Әлихан", patronymic: "Серікұлы", birthDate: "2019-06-15",
                                     sex: "male", citizenship: "KZ", phone: nil, isDemo: true),
            ])
            try store.upsertLinks([RegisterLinkRecord(parentIIN: Self.parent, childIIN: Self.child, relation: "parent")])
        }

        let capture = self.capture
        let log = ServerLog { capture.append($0) }
        let identityLog = IdentityLog { level, message, fields in log.event(level, message, fields: fields) }
        let outbox = OutboxGateway(database: database, time: time, log: identityLog)
        let service = IdentityService(database: database, secret: try IdentitySecret.loadOrCreate(path: path + ".secret"),
                                      hasher: PasswordHasher(iterations: 1000), time: time, sms: outbox, email: outbox,
                                      register: SQLitePopulationRegister(database: database, log: identityLog), log: identityLog)

        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.threads = 2
        let router = SakuraAPI.router(catalog: APITests.catalog, identity: IdentityServices(service: service, secureCookies: true)) { nil }
        server = HTTPServer(configuration: configuration, router: router, log: log, errorResponder: apiErrorResponder)
        try server.start()
        client = try RawClient(port: server.port)
    }

    override func tearDown() {
        server?.shutdown()
        server?.wait()
    }

    // MARK: Helpers

    private struct Answer {
        let response: RawClient.Response
        var status: Int { response.status }
        var json: JSONValue { (try? JSONParser.parse(bytes: response.body)) ?? .null }
        var errorCode: String? { json["error"]?["code"]?.stringValue }
        var errorField: String? { json["error"]?["field"]?.stringValue }
        var message: String? { json["error"]?["message"]?.stringValue }
    }

    private func call(_ method: String, _ path: String, _ body: String? = nil, headers: [String: String] = [:]) throws -> Answer {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: t\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((body ?? "").utf8)
        if body != nil { head += "Content-Type: application/json\r\nContent-Length: \(bytes.count)\r\n" }
        client.send(Array((head + "\r\n").utf8) + bytes)
        return Answer(response: try XCTUnwrap(client.readResponse(), "no response to \(method) \(path)"))
    }

    private func latestCode(to phone: String = IdentityAPITests.phone) throws -> String {
        let messages = try database.read { try $0.outboxMessages(limit: 10, channel: "sms", recipient: phone) }
        for message in messages {
            if let range = message.body.range(of: #"\b\d{6}\b"#, options: .regularExpression) { return String(message.body[range]) }
        }
        throw XCTSkip("no code in the outbox")
    }

    /// The first login by code with a new password; returns the login answer.
    private func firstLogin() throws -> Answer {
        XCTAssertEqual(try call("POST", "/api/v1/auth/request-code", #"{"purpose": "login", "iin": "\#(Self.parent)"}"#).status, 200)
        let verified = try call("POST", "/api/v1/auth/verify-code", #"{"purpose": "login", "iin": "\#(Self.parent)", "code": "\#(try latestCode())"}"#)
        XCTAssertEqual(verified.status, 200)
        let setup = try XCTUnwrap(verified.json["setup_token"]?.stringValue)
        return try call("POST", "/api/v1/auth/set-password", #"{"setup_token": "\#(setup)", "password": "\#(Self.password)"}"#)
    }

    private func bearer(_ token: String) -> [String: String] { ["Authorization": "Bearer \(token)"] }

    // MARK: Tests

    func testParentFlowOverHTTP() throws {
        let setPassword = try firstLogin()
        XCTAssertEqual(setPassword.status, 200)
        XCTAssertEqual(setPassword.json["token_type"], "Bearer")

        let login = try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.parent)", "password": "\#(Self.password)"}"#)
        XCTAssertEqual(login.status, 200)
        XCTAssertEqual(login.response.headers["cache-control"], "no-store")
        let token = try XCTUnwrap(login.json["token"]?.stringValue)

        let settings = try call("GET", "/api/v1/me/settings", headers: bearer(token))
        XCTAssertEqual(settings.status, 200)
        XCTAssertEqual(settings.json["phone"], .string(Self.phone))
        XCTAssertEqual(settings.json["language"], "ru")

        let changed = try call("PUT", "/api/v1/me/settings", #"{"email": "aigerim@example.kz", "notify_email": true, "language": "en"}"#,
                               headers: bearer(token))
        XCTAssertEqual(changed.status, 200)
        XCTAssertEqual(changed.json["email"], "aigerim@example.kz")
        XCTAssertEqual(changed.json["notify_email"], true)
        XCTAssertEqual(changed.json["language"], "en")

        time.advance(by: 61)
        let newPhone = "+77079998877"
        XCTAssertEqual(try call("POST", "/api/v1/auth/request-code", #"{"purpose": "phone", "phone": "8 707 999 88 77"}"#).status, 200)
        let confirmed = try call("POST", "/api/v1/auth/verify-code",
                                 #"{"purpose": "phone", "phone": "\#(newPhone)", "code": "\#(try latestCode(to: newPhone))"}"#)
        let confirmation = try XCTUnwrap(confirmed.json["confirmation_token"]?.stringValue)
        let moved = try call("PUT", "/api/v1/me/settings", #"{"phone": "\#(newPhone)", "phone_confirmation": "\#(confirmation)"}"#,
                             headers: bearer(token))
        XCTAssertEqual(moved.json["phone"], .string(newPhone))

        let changedPassword = try call("PUT", "/api/v1/me/settings", #"{"current_password": "\#(Self.password)", "new_password": "Renewed-2026z"}"#,
                                       headers: bearer(token))
        XCTAssertEqual(changedPassword.status, 200)
        XCTAssertEqual(try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.parent)", "password": "Renewed-2026z"}"#).status, 200)

        XCTAssertEqual(try call("POST", "/api/v1/auth/logout", headers: bearer(token)).status, 200)
        let after = try call("GET", "/api/v1/me/settings", headers: bearer(token))
        XCTAssertEqual(after.status, 401)
        XCTAssertEqual(after.errorCode, "session_required")
    }

    func testSessionCookies() throws {
        let login = try firstLogin()
        let cookies = login.response.headerLines.filter { $0.name == "set-cookie" }.map(\.value)
        XCTAssertEqual(cookies.count, 2)
        let session = try XCTUnwrap(cookies.first { $0.hasPrefix("sakura_session=") })
        XCTAssertTrue(session.contains("; HttpOnly"), session)
        XCTAssertTrue(session.contains("; SameSite=Lax"), session)
        XCTAssertTrue(session.contains("; Secure"), session)
        XCTAssertTrue(session.contains("; Path=/"), session)
        let csrfCookie = try XCTUnwrap(cookies.first { $0.hasPrefix("sakura_csrf=") })
        XCTAssertFalse(csrfCookie.contains("HttpOnly"), "page scripts read the CSRF cookie")
    }

    func testCookieSessionNeedsCSRF() throws {
        let login = try firstLogin()
        let token = try XCTUnwrap(login.json["token"]?.stringValue)
        let csrf = try XCTUnwrap(login.json["csrf_token"]?.stringValue)
        let cookie = ["Cookie": "theme=dark; sakura_session=\(token)"]

        XCTAssertEqual(try call("GET", "/api/v1/me/settings", headers: cookie).status, 200, "reading needs no CSRF token")
        let rejected = try call("PUT", "/api/v1/me/settings", #"{"language": "kk"}"#, headers: cookie)
        XCTAssertEqual(rejected.status, 403)
        XCTAssertEqual(rejected.errorCode, "csrf_rejected")
        let wrong = try call("PUT", "/api/v1/me/settings", #"{"language": "kk"}"#, headers: cookie.merging(["X-CSRF-Token": String(repeating: "0", count: 64)]) { $1 })
        XCTAssertEqual(wrong.status, 403)
        let accepted = try call("PUT", "/api/v1/me/settings", #"{"language": "kk"}"#, headers: cookie.merging(["X-CSRF-Token": csrf]) { $1 })
        XCTAssertEqual(accepted.status, 200)
        XCTAssertEqual(try call("POST", "/api/v1/auth/logout", headers: cookie).status, 403, "logout by cookie needs the token too")
        XCTAssertEqual(try call("PUT", "/api/v1/me/settings", #"{"language": "ru"}"#, headers: bearer(token)).status, 200,
                       "a bearer token is not sent by browsers on their own, so it needs no CSRF token")
    }

    func testSessionExpiresOverHTTP() throws {
        let token = try XCTUnwrap(try firstLogin().json["token"]?.stringValue)
        time.advance(by: 1801)
        let expired = try call("GET", "/api/v1/me/settings", headers: bearer(token))
        XCTAssertEqual(expired.status, 401)
        XCTAssertEqual(expired.errorCode, "session_expired")
    }

    func testUnknownIINSameAnswers() throws {
        let known = try call("POST", "/api/v1/auth/request-code", #"{"purpose": "login", "iin": "\#(Self.parent)"}"#)
        let unknown = try call("POST", "/api/v1/auth/request-code", #"{"purpose": "login", "iin": "\#(Self.unknown)"}"#)
        XCTAssertEqual(known.status, unknown.status)
        XCTAssertEqual(known.response.body, unknown.response.body)
        let knownReset = try call("POST", "/api/v1/auth/reset", #"{"iin": "\#(Self.parent)"}"#)
        let unknownReset = try call("POST", "/api/v1/auth/reset", #"{"iin": "\#(Self.unknown)"}"#)
        XCTAssertEqual(knownReset.response.body, unknownReset.response.body)
        let knownLogin = try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.parent)", "password": "Wrong-2026x"}"#)
        let unknownLogin = try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.unknown)", "password": "Wrong-2026x"}"#)
        XCTAssertEqual(knownLogin.status, 401)
        XCTAssertEqual(knownLogin.response.body, unknownLogin.response.body)
    }

    func testCodeRateLimitRetryAfter() throws {
        XCTAssertEqual(try call("POST", "/api/v1/auth/request-code", #"{"purpose": "phone", "phone": "+77051112233"}"#).status, 200)
        time.advance(by: 20)
        let limited = try call("POST", "/api/v1/auth/request-code", #"{"purpose": "phone", "phone": "+77051112233"}"#, headers: ["Accept-Language": "en"])
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(limited.errorCode, "rate_limited")
        XCTAssertEqual(limited.response.headers["retry-after"], "40")
        XCTAssertEqual(limited.message, "Too many requests. Try again in 40 s.")
    }

    func testWrongPasswordDelaysOverHTTP() throws {
        _ = try firstLogin()
        var last: Answer? = nil
        for _ in 0..<4 {
            last = try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.parent)", "password": "Wrong-2026x"}"#)
        }
        XCTAssertEqual(last?.status, 401)
        XCTAssertEqual(last?.response.headers["retry-after"], "2")
        let locked = try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.parent)", "password": "\#(Self.password)"}"#)
        XCTAssertEqual(locked.status, 429)
        XCTAssertEqual(locked.errorCode, "login_locked")
        XCTAssertEqual(locked.response.headers["retry-after"], "2")
        time.advance(by: 2)
        XCTAssertEqual(try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.parent)", "password": "\#(Self.password)"}"#).status, 200)
    }

    func testCodeRejectedOverHTTP() throws {
        XCTAssertEqual(try call("POST", "/api/v1/auth/request-code", #"{"purpose": "phone", "phone": "+77051112233"}"#).status, 200)
        let code = try latestCode(to: "+77051112233")
        let wrong = code == "000000" ? "111111" : "000000"
        let rejected = try call("POST", "/api/v1/auth/verify-code", #"{"purpose": "phone", "phone": "+77051112233", "code": "\#(wrong)"}"#)
        XCTAssertEqual(rejected.status, 400)
        XCTAssertEqual(rejected.errorCode, "code_rejected")
        XCTAssertEqual(rejected.errorField, "code")
        XCTAssertEqual(try call("POST", "/api/v1/auth/verify-code", #"{"purpose": "phone", "phone": "+77051112233", "code": "\#(code)"}"#).status, 200)
        XCTAssertEqual(try call("POST", "/api/v1/auth/verify-code", #"{"purpose": "phone", "phone": "+77051112233", "code": "\#(code)"}"#).errorCode,
                       "code_rejected", "a used code")
    }

    func testIINErrorLocalised() throws {
        let expected = [
            "kk": "ЖСН-нің бақылау цифры сәйкес келмейді, демек нөмірде қате бар. Барлық 12 цифрды тексеріңіз.",
            "ru": "Контрольная цифра ИИН не сходится, значит в номере опечатка. Проверьте все 12 цифр.",
            "en": "The IIN check digit does not match, so the number has a typo. Check all 12 digits.",
        ]
        for (language, message) in expected {
            let answer = try call("POST", "/api/v1/auth/request-code?lang=\(language)", #"{"purpose": "login", "iin": "150901600038"}"#)
            XCTAssertEqual(answer.status, 400)
            XCTAssertEqual(answer.errorCode, "invalid_iin")
            XCTAssertEqual(answer.errorField, "iin")
            XCTAssertEqual(answer.message, message)
            XCTAssertEqual(answer.response.headers["content-language"], language)
        }
    }

    func testBodyErrors() throws {
        let cases: [(String, String, String?)] = [
            ("", "invalid_json", nil),
            ("{", "invalid_json", nil),
            ("[1]", "invalid_json", nil),
            (#"{"purpose": "login"}"#, "missing_field", "iin"),
            (#"{"purpose": "login", "iin": 880412400018}"#, "invalid_field_type", "iin"),
            (#"{"purpose": "login", "iin": "880412400018", "pin": "1"}"#, "unknown_field", "pin"),
            (#"{"purpose": "sms", "iin": "880412400018"}"#, "unknown_purpose", "purpose"),
            (#"{"purpose": "phone", "phone": "+7 727 123 45 67"}"#, "invalid_phone", "phone"),
        ]
        for (body, code, field) in cases {
            let answer = try call("POST", "/api/v1/auth/request-code", body)
            XCTAssertEqual(answer.status, 400, body)
            XCTAssertEqual(answer.errorCode, code, body)
            XCTAssertEqual(answer.errorField, field, body)
            XCTAssertFalse(answer.message?.isEmpty ?? true, body)
        }
    }

    func testCheckIINOverHTTP() throws {
        let anonymous = try call("POST", "/api/v1/identity/check-iin", #"{"iin": "\#(Self.child)"}"#)
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.errorCode, "confirmation_required")

        // The parent confirms the phone on record in the register, as the application flow does.
        XCTAssertEqual(try call("POST", "/api/v1/auth/request-code", #"{"purpose": "phone", "phone": "\#(Self.phone)"}"#).status, 200)
        let verified = try call("POST", "/api/v1/auth/verify-code",
                                #"{"purpose": "phone", "phone": "\#(Self.phone)", "code": "\#(try latestCode(to: Self.phone))"}"#)
        let confirmation = try XCTUnwrap(verified.json["confirmation_token"]?.stringValue)

        let check = try call("POST", "/api/v1/identity/check-iin",
                             #"{"iin": "1906 1550 0033", "parent_iin": "\#(Self.parent)", "confirmation_token": "\#(confirmation)"}"#)
        XCTAssertEqual(check.status, 200)
        XCTAssertEqual(check.json["found"], true)
        XCTAssertEqual(check.json["person"]?["given_name"], "Әлихан")
        XCTAssertEqual(check.json["person"]?["birth_date"], "2019-06-15")
        XCTAssertEqual(check.json["representative"], true)
        XCTAssertEqual(check.json["relation"], "parent")

        // Another caller's confirmation learns only that the parent exists, and cannot ask about representation.
        XCTAssertEqual(try call("POST", "/api/v1/auth/request-code", #"{"purpose": "phone", "phone": "+77051112233"}"#).status, 200)
        let stranger = try XCTUnwrap(try call("POST", "/api/v1/auth/verify-code",
                                              #"{"purpose": "phone", "phone": "+77051112233", "code": "\#(try latestCode(to: "+77051112233"))"}"#).json["confirmation_token"]?.stringValue)
        let withheld = try call("POST", "/api/v1/identity/check-iin", #"{"iin": "\#(Self.parent)", "confirmation_token": "\#(stranger)"}"#)
        XCTAssertEqual(withheld.status, 200)
        XCTAssertEqual(withheld.json["found"], true)
        XCTAssertEqual(withheld.json["person"], .null)
        XCTAssertEqual(withheld.json["details_withheld"], true)
        let notCaller = try call("POST", "/api/v1/identity/check-iin", #"{"iin": "\#(Self.child)", "parent_iin": "\#(Self.parent)", "confirmation_token": "\#(stranger)"}"#)
        XCTAssertEqual(notCaller.status, 403)
        XCTAssertEqual(notCaller.errorField, "parent_iin")

        let missing = try call("POST", "/api/v1/identity/check-iin", #"{"iin": "\#(Self.unknown)", "confirmation_token": "\#(confirmation)"}"#)
        XCTAssertEqual(missing.json["found"], false)
        XCTAssertEqual(missing.json["birth_date"], "2015-09-01")

        let rule = try call("POST", "/api/v1/identity/check-iin?lang=en", #"{"iin": "150931600037", "confirmation_token": "\#(confirmation)"}"#)
        XCTAssertEqual(rule.errorCode, "invalid_iin")
        XCTAssertEqual(rule.message, "The first six digits of the IIN are not a real birth date (YYMMDD). Check the number.")
    }

    func testDeclaredChildOverHTTP() throws {
        let declared = try call("POST", "/api/v1/identity/check-iin",
                                #"{"manual": "no_iin", "surname": "Демоев", "given_name": "Нұрлан", "birth_date": "2020-03-01"}"#)
        XCTAssertEqual(declared.status, 200)
        XCTAssertEqual(declared.json["source"], "declared")
        XCTAssertEqual(declared.json["reason"], "no_iin")
        XCTAssertEqual(declared.json["person"]?["iin"], .null)
        let future = try call("POST", "/api/v1/identity/check-iin",
                              #"{"manual": "born_abroad", "surname": "Демоев", "given_name": "Нұрлан", "birth_date": "2099-03-01"}"#)
        XCTAssertEqual(future.errorCode, "invalid_birth_date")
        XCTAssertEqual(future.errorField, "birth_date")
    }

    /// Runs every flow, then searches every captured log line (request lines and identity lines)
    /// for the full IINs, phones, codes, passwords and tokens used.
    func testLogsContainNoSecrets() throws {
        var secrets = [Self.parent, Self.child, Self.unknown, Self.phone, String(Self.phone.dropFirst(2)), Self.password, "Renewed-2026z",
                       "+77051112233", "7051112233", "Wrong-2026x"]

        _ = try call("POST", "/api/v1/auth/request-code", #"{"purpose": "login", "iin": "\#(Self.unknown)"}"#)
        XCTAssertEqual(try call("POST", "/api/v1/auth/request-code", #"{"purpose": "login", "iin": "\#(Self.parent)"}"#).status, 200)
        let loginCode = try latestCode()
        secrets.append(loginCode)
        _ = try call("POST", "/api/v1/auth/verify-code", #"{"purpose": "login", "iin": "\#(Self.parent)", "code": "\#(loginCode == "000000" ? "111111" : "000000")"}"#)
        let verified = try call("POST", "/api/v1/auth/verify-code", #"{"purpose": "login", "iin": "\#(Self.parent)", "code": "\#(loginCode)"}"#)
        let setup = try XCTUnwrap(verified.json["setup_token"]?.stringValue)
        secrets.append(setup)
        let session = try call("POST", "/api/v1/auth/set-password", #"{"setup_token": "\#(setup)", "password": "\#(Self.password)"}"#)
        let token = try XCTUnwrap(session.json["token"]?.stringValue)
        secrets += [token, try XCTUnwrap(session.json["csrf_token"]?.stringValue)]

        _ = try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.parent)", "password": "Wrong-2026x"}"#)
        let login = try call("POST", "/api/v1/auth/login", #"{"iin": "\#(Self.parent)", "password": "\#(Self.password)"}"#)
        secrets.append(try XCTUnwrap(login.json["token"]?.stringValue))

        time.advance(by: 61)
        _ = try call("POST", "/api/v1/auth/request-code", #"{"purpose": "phone", "phone": "+77051112233"}"#)
        let phoneCode = try latestCode(to: "+77051112233")
        secrets.append(phoneCode)
        let confirmation = try XCTUnwrap(try call("POST", "/api/v1/auth/verify-code",
                                                  #"{"purpose": "phone", "phone": "+77051112233", "code": "\#(phoneCode)"}"#).json["confirmation_token"]?.stringValue)
        secrets.append(confirmation)
        _ = try call("POST", "/api/v1/identity/check-iin", #"{"iin": "\#(Self.child)", "parent_iin": "\#(Self.parent)", "confirmation_token": "\#(confirmation)"}"#)
        _ = try call("PUT", "/api/v1/me/settings", #"{"extra_phone": "+77051112233", "extra_phone_confirmation": "\#(confirmation)"}"#, headers: bearer(token))
        _ = try call("PUT", "/api/v1/me/settings", #"{"current_password": "Wrong-2026x", "new_password": "Renewed-2026z"}"#, headers: bearer(token))
        _ = try call("PUT", "/api/v1/me/settings", #"{"current_password": "\#(Self.password)", "new_password": "Renewed-2026z"}"#, headers: bearer(token))
        _ = try call("POST", "/api/v1/auth/reset", #"{"iin": "\#(Self.parent)"}"#)
        _ = try call("POST", "/api/v1/auth/logout", headers: bearer(token))

        let lines = capture.lines
        XCTAssertTrue(lines.contains { $0.contains("msg=\"code sent\"") && $0.contains("iin=8804******18") }, "identity lines are captured")
        XCTAssertTrue(lines.contains { $0.contains("path=/api/v1/auth/login") }, "request lines are captured")
        XCTAssertTrue(lines.contains { $0.contains("msg=\"login failed\"") })
        for secret in secrets {
            let leaking = lines.filter { $0.contains(secret) }
            XCTAssertTrue(leaking.isEmpty, "a log line contains a secret: \(leaking.first ?? "")")
        }
    }
}
