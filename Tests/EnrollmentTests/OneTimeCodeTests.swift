import Enrollment
import Foundation
import TestSupport
import XCTest

final class OneTimeCodeTests: XCTestCase {
    private let phone = "+77051112233"

    private func requestAndRead(_ fixture: IdentityFixture) throws -> String {
        _ = try fixture.service.requestPhoneCode(phone: phone, client: fixture.client())
        return try XCTUnwrap(fixture.latestCode(to: phone))
    }

    private func rejectionCode(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as EnrollmentError {
            return error.code
        } catch {
            return "\(error)"
        }
    }

    func testCodeIsSixDigitsInOutbox() throws {
        let fixture = try IdentityFixture()
        let receipt = try fixture.service.requestPhoneCode(phone: "8 (705) 111-22-33", client: fixture.client())
        XCTAssertEqual(receipt.expiresIn, 300)
        XCTAssertEqual(receipt.resendAfter, 60)
        let messages = try fixture.messages(to: phone)
        XCTAssertEqual(messages.count, 1)
        XCTAssertNotNil(IdentityFixture.code(in: messages[0].body))
        XCTAssertTrue(messages[0].body.contains("Sakura"), messages[0].body)
    }

    func testCodeStoredOnlyAsHash() throws {
        let fixture = try IdentityFixture()
        let code = try requestAndRead(fixture)
        let stored = try fixture.database.read { try $0.oneTimeCode(purpose: "phone", phone: self.phone) }
        let hash = try XCTUnwrap(stored?.codeHash)
        XCTAssertEqual(hash.count, 32)
        XCTAssertNotEqual(hash, Array(code.utf8))
        let raw = try String(contentsOfFile: fixture.path, encoding: .isoLatin1)
        XCTAssertFalse(raw.contains(code) && raw.contains("code|"), "the code text is in the database file")
    }

    func testCorrectCodeGivesConfirmation() throws {
        let fixture = try IdentityFixture()
        let code = try requestAndRead(fixture)
        let confirmation = try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client())
        XCTAssertEqual(confirmation.token.count, 64)
    }

    func testExpiredCodeRejected() throws {
        let fixture = try IdentityFixture()
        let code = try requestAndRead(fixture)
        fixture.time.advance(by: 301)
        XCTAssertEqual(rejectionCode { _ = try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client()) }, "code_rejected")
        XCTAssertTrue(fixture.logLines.contains { $0.contains("reason=\"expired\"") }, fixture.logLines.joined(separator: "\n"))
    }

    func testCodeValidJustBeforeExpiry() throws {
        let fixture = try IdentityFixture()
        let code = try requestAndRead(fixture)
        fixture.time.advance(by: 299)
        XCTAssertNoThrow(try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client()))
    }

    func testAttemptLimit() throws {
        let fixture = try IdentityFixture()
        let code = try requestAndRead(fixture)
        let wrong = code == "000000" ? "111111" : "000000"
        for _ in 0..<5 {
            XCTAssertEqual(rejectionCode { _ = try fixture.service.verifyPhoneCode(phone: phone, code: wrong, client: fixture.client()) }, "code_rejected")
        }
        XCTAssertEqual(rejectionCode { _ = try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client()) }, "code_rejected",
                       "the right code after five wrong ones")
        XCTAssertTrue(fixture.logLines.contains { $0.contains("reason=\"attempts_exhausted\"") })
    }

    func testFourWrongThenRightAccepted() throws {
        let fixture = try IdentityFixture()
        let code = try requestAndRead(fixture)
        let wrong = code == "000000" ? "111111" : "000000"
        for _ in 0..<4 {
            _ = rejectionCode { _ = try fixture.service.verifyPhoneCode(phone: phone, code: wrong, client: fixture.client()) }
        }
        XCTAssertNoThrow(try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client()))
    }

    func testReuseAfterSuccessRejected() throws {
        let fixture = try IdentityFixture()
        let code = try requestAndRead(fixture)
        _ = try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client())
        XCTAssertEqual(rejectionCode { _ = try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client()) }, "code_rejected")
        XCTAssertTrue(fixture.logLines.contains { $0.contains("reason=\"already_used\"") })
    }

    func testNewCodeReplacesOld() throws {
        let fixture = try IdentityFixture()
        let first = try requestAndRead(fixture)
        fixture.time.advance(by: 61)
        let second = try requestAndRead(fixture)
        try XCTSkipIf(first == second, "the two random codes happen to be equal")
        XCTAssertEqual(rejectionCode { _ = try fixture.service.verifyPhoneCode(phone: phone, code: first, client: fixture.client()) }, "code_rejected")
        XCTAssertNoThrow(try fixture.service.verifyPhoneCode(phone: phone, code: second, client: fixture.client()))
    }

    func testMalformedCodeNamesField() throws {
        let fixture = try IdentityFixture()
        XCTAssertThrowsError(try fixture.service.verifyPhoneCode(phone: phone, code: "12a456", client: fixture.client())) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "invalid_code_format")
            XCTAssertEqual((error as? EnrollmentError)?.field, "code")
        }
    }

    func testResendIntervalPerPhone() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.service.requestPhoneCode(phone: phone, client: fixture.client())
        fixture.time.advance(by: 30)
        XCTAssertThrowsError(try fixture.service.requestPhoneCode(phone: phone, client: fixture.client("198.51.100.7"))) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "rate_limited")
            XCTAssertEqual((error as? EnrollmentError)?.retryAfter, 30)
        }
        fixture.time.advance(by: 30)
        XCTAssertNoThrow(try fixture.service.requestPhoneCode(phone: phone, client: fixture.client()))
    }

    func testHourlyLimitPerPhone() throws {
        let fixture = try IdentityFixture()
        for _ in 0..<5 {
            _ = try fixture.service.requestPhoneCode(phone: phone, client: fixture.client())
            fixture.time.advance(by: 61)
        }
        XCTAssertThrowsError(try fixture.service.requestPhoneCode(phone: phone, client: fixture.client())) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "rate_limited")
            // The first of the five was sent 305 s ago, so the window frees up in 3600 - 305 s.
            XCTAssertEqual((error as? EnrollmentError)?.retryAfter, 3295)
        }
        XCTAssertEqual(try fixture.messages(to: phone).count, 5)
    }

    func testHourlyLimitPerAddress() throws {
        var policy = IdentityPolicy()
        policy.codesPerHourPerAddress = 3
        let fixture = try IdentityFixture(policy: policy)
        for number in 0..<3 {
            _ = try fixture.service.requestPhoneCode(phone: "+7701000000\(number)", client: fixture.client())
        }
        XCTAssertThrowsError(try fixture.service.requestPhoneCode(phone: "+77010000009", client: fixture.client())) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "rate_limited")
        }
        XCTAssertNoThrow(try fixture.service.requestPhoneCode(phone: "+77010000009", client: fixture.client("198.51.100.7")))
    }

    func testLimitsSurviveReopening() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.service.requestPhoneCode(phone: phone, client: fixture.client())
        let reopened = IdentityService(database: try IdentityDatabase(path: fixture.path), secret: try IdentitySecret(key: Array(repeating: 7, count: 32)),
                                       hasher: PasswordHasher(iterations: 10), time: fixture.time, sms: fixture.outbox, email: fixture.outbox,
                                       register: fixture.service.register)
        XCTAssertThrowsError(try reopened.requestPhoneCode(phone: phone, client: fixture.client())) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "rate_limited")
        }
    }

    func testUnknownIINSameAnswer() throws {
        let fixture = try IdentityFixture()
        let known = try fixture.service.requestLoginCode(iin: IdentityFixture.parent, purpose: .login, client: fixture.client())
        let unknown = try fixture.service.requestLoginCode(iin: IdentityFixture.unknown, purpose: .login, client: fixture.client())
        let withoutPhone = try fixture.service.requestLoginCode(iin: IdentityFixture.noPhone, purpose: .login, client: fixture.client())
        XCTAssertEqual(known, unknown)
        XCTAssertEqual(known, withoutPhone)
        XCTAssertEqual(try fixture.messages(to: IdentityFixture.parentPhone).count, 1, "only the known IIN with a phone gets a code")
    }

    func testUnknownIINSameRateLimit() throws {
        let fixture = try IdentityFixture()
        var answers: [String?] = []
        for iin in [IdentityFixture.parent, IdentityFixture.unknown] {
            _ = try fixture.service.requestLoginCode(iin: iin, purpose: .login, client: fixture.client())
            answers.append(rejectionCode { _ = try fixture.service.requestLoginCode(iin: iin, purpose: .login, client: fixture.client()) })
        }
        XCTAssertEqual(answers, ["rate_limited", "rate_limited"])
    }

    func testUnknownIINSameRejection() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.service.requestLoginCode(iin: IdentityFixture.parent, purpose: .login, client: fixture.client())
        let known = rejectionCode { _ = try fixture.service.verifyLoginCode(iin: IdentityFixture.parent, purpose: .login, code: "000000",
                                                                            client: fixture.client()) }
        let unknown = rejectionCode { _ = try fixture.service.verifyLoginCode(iin: IdentityFixture.unknown, purpose: .login, code: "000000",
                                                                              client: fixture.client()) }
        XCTAssertEqual(known, "code_rejected")
        XCTAssertEqual(unknown, "code_rejected")
    }

    func testLoginCodeBoundToPurpose() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.service.requestLoginCode(iin: IdentityFixture.parent, purpose: .login, client: fixture.client())
        let code = try XCTUnwrap(fixture.latestCode())
        XCTAssertEqual(rejectionCode { _ = try fixture.service.verifyLoginCode(iin: IdentityFixture.parent, purpose: .reset, code: code,
                                                                               client: fixture.client()) }, "code_rejected")
        XCTAssertEqual(rejectionCode { _ = try fixture.service.verifyPhoneCode(phone: IdentityFixture.parentPhone, code: code,
                                                                               client: fixture.client()) }, "code_rejected")
    }

    func testPhoneLimitSilentForLogin() throws {
        let fixture = try IdentityFixture()
        _ = try fixture.service.requestPhoneCode(phone: IdentityFixture.parentPhone, client: fixture.client())
        // The phone got a code a moment ago; a login code for its owner is answered alike but not sent.
        XCTAssertNoThrow(try fixture.service.requestLoginCode(iin: IdentityFixture.parent, purpose: .login, client: fixture.client()))
        XCTAssertEqual(try fixture.messages(to: IdentityFixture.parentPhone).count, 1)
        XCTAssertTrue(fixture.logLines.contains { $0.contains("phone rate limit") })
    }

    func testConcurrentRequestsSendOneCode() throws {
        let fixture = try IdentityFixture()
        let outcomes = LineCapture()
        let phone = self.phone
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            do {
                _ = try fixture.service.requestPhoneCode(phone: phone, client: fixture.client("192.0.2.\(index)"))
                outcomes.append("sent")
            } catch {
                outcomes.append((error as? EnrollmentError)?.code ?? "\(error)")
            }
        }
        XCTAssertEqual(outcomes.lines.filter { $0 == "sent" }.count, 1)
        XCTAssertEqual(outcomes.lines.filter { $0 == "rate_limited" }.count, 15)
        XCTAssertEqual(try fixture.messages(to: phone).count, 1)
    }
}
