import Enrollment
import Store
import XCTest

final class LoginTests: XCTestCase {
    private func failure(_ body: () throws -> Void) -> EnrollmentError? {
        do {
            try body()
            return nil
        } catch {
            return error as? EnrollmentError
        }
    }

    func testFirstLoginCreatesAccountAndSession() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        XCTAssertEqual(session.token.count, 64)
        XCTAssertEqual(session.csrfToken.count, 64)
        let account = try XCTUnwrap(fixture.database.read { try $0.account(iin: IdentityFixture.parent) })
        XCTAssertEqual(account.phone, IdentityFixture.parentPhone)
        XCTAssertTrue(account.passwordHash?.hasPrefix("pbkdf2-sha256$1000$") ?? false)
        XCTAssertEqual(try fixture.service.authenticate(token: session.token, client: fixture.client()).accountID, account.id)
    }

    func testPasswordLoginAfterFirstLogin() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.firstLogin(password: "Sakura-2026x")
        let session = try fixture.service.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client())
        XCTAssertNoThrow(try fixture.service.authenticate(token: session.token, client: fixture.client()))
    }

    func testSetupTokenSingleUse() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.service.requestLoginCode(iin: IdentityFixture.parent, purpose: .login, client: fixture.client())
        let setup = try fixture.service.verifyLoginCode(iin: IdentityFixture.parent, purpose: .login, code: try XCTUnwrap(fixture.latestCode()),
                                                        client: fixture.client())
        _ = try fixture.service.setPassword(setupToken: setup.token, password: "Sakura-2026x", client: fixture.client())
        XCTAssertEqual(failure { _ = try fixture.service.setPassword(setupToken: setup.token, password: "Other-2026y", client: fixture.client()) }?.code,
                       "setup_token_invalid")
    }

    func testSetupTokenExpires() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.service.requestLoginCode(iin: IdentityFixture.parent, purpose: .login, client: fixture.client())
        let setup = try fixture.service.verifyLoginCode(iin: IdentityFixture.parent, purpose: .login, code: try XCTUnwrap(fixture.latestCode()),
                                                        client: fixture.client())
        fixture.time.advance(by: 901)
        XCTAssertEqual(failure { _ = try fixture.service.setPassword(setupToken: setup.token, password: "Sakura-2026x", client: fixture.client()) }?.code,
                       "setup_token_invalid")
    }

    func testWeakPasswordRejectedAndTokenKept() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.service.requestLoginCode(iin: IdentityFixture.parent, purpose: .login, client: fixture.client())
        let setup = try fixture.service.verifyLoginCode(iin: IdentityFixture.parent, purpose: .login, code: try XCTUnwrap(fixture.latestCode()),
                                                        client: fixture.client())
        let weak = failure { _ = try fixture.service.setPassword(setupToken: setup.token, password: "short1", client: fixture.client()) }
        XCTAssertEqual(weak?.messageKey, "weak_password.too_short")
        XCTAssertEqual(weak?.field, "password")
        XCTAssertNoThrow(try fixture.service.setPassword(setupToken: setup.token, password: "Sakura-2026x", client: fixture.client()))
    }

    func testUnknownIINFailsLikeWrongPassword() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.firstLogin()
        let wrong = failure { _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Wrong-2026x", client: fixture.client()) }
        let unknown = failure { _ = try fixture.service.login(iin: IdentityFixture.unknown, password: "Wrong-2026x", client: fixture.client()) }
        let noPassword = failure { _ = try fixture.service.login(iin: IdentityFixture.noPhone, password: "Wrong-2026x", client: fixture.client()) }
        XCTAssertEqual(wrong?.code, "login_failed")
        XCTAssertEqual(unknown, wrong)
        XCTAssertEqual(noPassword, wrong)
    }

    func testWrongPasswordDelaysGrow() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.firstLogin()
        let login = { try fixture.service.login(iin: IdentityFixture.parent, password: "Wrong-2026x", client: fixture.client()) }

        // Three free failures, then each failure locks the IIN for 2, 4, 8 … seconds.
        for _ in 0..<3 {
            XCTAssertNil(failure { _ = try login() }?.retryAfter)
        }
        XCTAssertEqual(failure { _ = try login() }?.retryAfter, 2)

        let locked = failure { _ = try login() }
        XCTAssertEqual(locked?.code, "login_locked")
        XCTAssertEqual(locked?.kind, .rateLimited)
        XCTAssertEqual(locked?.retryAfter, 2)

        fixture.time.advance(by: 2)
        XCTAssertEqual(failure { _ = try login() }?.retryAfter, 4)
        fixture.time.advance(by: 4)
        XCTAssertEqual(failure { _ = try login() }?.retryAfter, 8)
    }

    func testLockBlocksEvenRightPassword() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.firstLogin(password: "Sakura-2026x")
        for _ in 0..<4 {
            _ = failure { _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Wrong-2026x", client: fixture.client()) }
        }
        XCTAssertEqual(failure { _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client()) }?.code,
                       "login_locked")
        fixture.time.advance(by: 2)
        XCTAssertNoThrow(try fixture.service.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client()))
    }

    func testSuccessClearsIINFailures() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.firstLogin(password: "Sakura-2026x")
        for _ in 0..<3 {
            _ = failure { _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Wrong-2026x", client: fixture.client()) }
        }
        _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client())
        XCTAssertNil(failure { _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Wrong-2026x", client: fixture.client()) }?.retryAfter)
    }

    func testAddressLockAcrossIINs() throws {
        var policy = IdentityPolicy()
        policy.freeLoginFailuresPerAddress = 2
        let fixture = try IdentityFixture(policy: policy)
        for serial in 10..<12 {
            let iin = IdentityFixture.makeIIN("800101", centuryDigit: 3, serial: String(format: "%04d", serial))
            _ = failure { _ = try fixture.service.login(iin: iin, password: "Wrong-2026x", client: fixture.client()) }
        }
        let other = IdentityFixture.makeIIN("800101", centuryDigit: 3, serial: "0020")
        XCTAssertEqual(failure { _ = try fixture.service.login(iin: other, password: "Wrong-2026x", client: fixture.client()) }?.retryAfter, 2,
                       "the third failure from one address locks it")
        XCTAssertEqual(failure { _ = try fixture.service.login(iin: other, password: "Wrong-2026x", client: fixture.client()) }?.code, "login_locked")
        XCTAssertEqual(failure { _ = try fixture.service.login(iin: other, password: "Wrong-2026x", client: fixture.client("198.51.100.7")) }?.code,
                       "login_failed", "another address is not locked")
    }

    func testFailuresForgottenAfterADay() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.firstLogin()
        for _ in 0..<3 {
            _ = failure { _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Wrong-2026x", client: fixture.client()) }
        }
        fixture.time.advance(by: 24 * 3600 + 1)
        XCTAssertNil(failure { _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Wrong-2026x", client: fixture.client()) }?.retryAfter)
    }

    func testLoginRehashesOldHash() throws {
        let fixture = try IdentityFixture(iterations: 1000)
        _ = try fixture.firstLogin(password: "Sakura-2026x")
        let stronger = IdentityService(database: fixture.database, secret: try IdentitySecret(key: Array(repeating: 7, count: 32)),
                                       hasher: PasswordHasher(iterations: 2000), time: fixture.time, sms: fixture.outbox, email: fixture.outbox,
                                       register: fixture.service.register)
        _ = try stronger.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client())
        let stored = try XCTUnwrap(fixture.database.read { try $0.account(iin: IdentityFixture.parent) }?.passwordHash)
        XCTAssertTrue(stored.hasPrefix("pbkdf2-sha256$2000$"), stored)
        XCTAssertNoThrow(try stronger.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client()))
    }

    func testResetThroughCode() throws {
        let fixture = try IdentityFixture()
        let first = try fixture.firstLogin(password: "Sakura-2026x")
        fixture.time.advance(by: 61)
        _ = try fixture.service.requestLoginCode(iin: IdentityFixture.parent, purpose: .reset, client: fixture.client())
        let code = try XCTUnwrap(fixture.latestCode())
        XCTAssertTrue(try fixture.messages(to: IdentityFixture.parentPhone).first?.body.contains("сброса") ?? false)
        let setup = try fixture.service.verifyLoginCode(iin: IdentityFixture.parent, purpose: .reset, code: code, client: fixture.client())
        _ = try fixture.service.setPassword(setupToken: setup.token, password: "Renewed-2026z", client: fixture.client())

        XCTAssertEqual(failure { _ = try fixture.service.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client()) }?.code,
                       "login_failed")
        XCTAssertNoThrow(try fixture.service.login(iin: IdentityFixture.parent, password: "Renewed-2026z", client: fixture.client()))
        XCTAssertEqual(failure { _ = try fixture.service.authenticate(token: first.token, client: fixture.client()) }?.code, "session_required",
                       "a reset ends the old sessions")
    }

    func testPasswordChangeNoticeSent() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.firstLogin()
        let notices = try fixture.messages(to: IdentityFixture.parentPhone).filter { $0.body.contains("пароль личного кабинета изменён") }
        XCTAssertEqual(notices.count, 1)
    }
}
