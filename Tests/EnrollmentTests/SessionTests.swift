import Enrollment
import XCTest

final class SessionTests: XCTestCase {
    private func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? EnrollmentError)?.code
        }
    }

    func testIdleExpiry() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        fixture.time.advance(by: 1800)
        XCTAssertEqual(code { _ = try fixture.service.authenticate(token: session.token, client: fixture.client()) }, "session_expired")
        XCTAssertEqual(code { _ = try fixture.service.authenticate(token: session.token, client: fixture.client()) }, "session_required",
                       "an expired session is deleted")
    }

    func testSlidingExpiry() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        for _ in 0..<4 {
            fixture.time.advance(by: 1200)
            XCTAssertNoThrow(try fixture.service.authenticate(token: session.token, client: fixture.client()))
        }
    }

    func testTouchIntervalLimitsWrites() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        fixture.time.advance(by: 30)
        let early = try fixture.service.authenticate(token: session.token, client: fixture.client())
        XCTAssertEqual(early.expiresAt, session.expiresAt, "not moved within the first minute")
        fixture.time.advance(by: 31)
        let later = try fixture.service.authenticate(token: session.token, client: fixture.client())
        XCTAssertEqual(later.expiresAt, session.expiresAt.addingTimeInterval(61))
    }

    func testAbsoluteExpiry() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        var last: AuthenticatedSession? = nil
        for _ in 0..<35 {
            fixture.time.advance(by: 1200)
            last = try fixture.service.authenticate(token: session.token, client: fixture.client())
        }
        XCTAssertEqual(last?.expiresAt, session.absoluteExpiresAt, "the sliding expiry stops at the absolute one")
        fixture.time.advance(by: 1200)
        XCTAssertEqual(code { _ = try fixture.service.authenticate(token: session.token, client: fixture.client()) }, "session_expired")
    }

    func testLogoutEndsSession() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        let authenticated = try fixture.service.authenticate(token: session.token, client: fixture.client())
        try fixture.service.logout(authenticated, client: fixture.client())
        XCTAssertEqual(code { _ = try fixture.service.authenticate(token: session.token, client: fixture.client()) }, "session_required")
    }

    func testMalformedTokenRejected() throws {
        let fixture = try IdentityFixture()
        for token in [nil, "", "abc", String(repeating: "G", count: 64), String(repeating: "0", count: 64)] {
            XCTAssertEqual(code { _ = try fixture.service.authenticate(token: token, client: fixture.client()) }, "session_required", token ?? "nil")
        }
    }

    func testTokenStoredOnlyAsHash() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        let raw = try String(contentsOfFile: fixture.path, encoding: .isoLatin1)
            + ((try? String(contentsOfFile: fixture.path + "-wal", encoding: .isoLatin1)) ?? "")
        XCTAssertFalse(raw.contains(session.token))
        XCTAssertFalse(raw.contains(session.csrfToken))
    }

    func testCSRFAccepted() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        let authenticated = try fixture.service.authenticate(token: session.token, client: fixture.client())
        XCTAssertNoThrow(try fixture.service.checkCSRF(authenticated, token: session.csrfToken))
    }

    func testCSRFRejected() throws {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin()
        let other = try fixture.service.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client())
        let authenticated = try fixture.service.authenticate(token: session.token, client: fixture.client())
        XCTAssertEqual(code { try fixture.service.checkCSRF(authenticated, token: nil) }, "csrf_rejected")
        XCTAssertEqual(code { try fixture.service.checkCSRF(authenticated, token: "x") }, "csrf_rejected")
        XCTAssertEqual(code { try fixture.service.checkCSRF(authenticated, token: other.csrfToken) }, "csrf_rejected",
                       "another session's token")
    }
}
