import Enrollment
import XCTest

final class SettingsTests: XCTestCase {
    private func failure(_ body: () throws -> Void) -> EnrollmentError? {
        do {
            try body()
            return nil
        } catch {
            return error as? EnrollmentError
        }
    }

    private func loggedIn() throws -> (IdentityFixture, AuthenticatedSession) {
        let fixture = try IdentityFixture()
        let session = try fixture.firstLogin(password: "Sakura-2026x")
        return (fixture, try fixture.service.authenticate(token: session.token, client: fixture.client()))
    }

    private func confirm(_ fixture: IdentityFixture, _ phone: String) throws -> String {
        fixture.time.advance(by: 61)
        _ = try fixture.service.requestPhoneCode(phone: phone, client: fixture.client())
        let code = try XCTUnwrap(fixture.latestCode(to: phone))
        return try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client()).token
    }

    func testDefaults() throws {
        let (fixture, session) = try loggedIn()
        let settings = try fixture.service.settings(session, client: fixture.client())
        XCTAssertEqual(settings.phone?.e164, IdentityFixture.parentPhone)
        XCTAssertNil(settings.extraPhone)
        XCTAssertNil(settings.email)
        XCTAssertTrue(settings.notifyBySMS)
        XCTAssertFalse(settings.notifyByEmail)
        XCTAssertEqual(settings.language, "ru")
        XCTAssertNotNil(settings.passwordChangedAt)
    }

    func testEmailChannelAndLanguage() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.email = .set("parent@example.kz")
        update.notifyByEmail = true
        update.language = "kk"
        let settings = try fixture.service.updateSettings(session, update, client: fixture.client())
        XCTAssertEqual(settings.email?.address, "parent@example.kz")
        XCTAssertTrue(settings.notifyByEmail)
        XCTAssertEqual(settings.language, "kk")
        XCTAssertEqual(try fixture.service.settings(session, client: fixture.client()), settings)
    }

    func testEmailChannelNeedsEmail() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.notifyByEmail = true
        let error = failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }
        XCTAssertEqual(error?.code, "email_required_for_notifications")
        XCTAssertEqual(error?.field, "notify_email")
    }

    func testOneChannelRequired() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.notifyBySMS = false
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.code,
                       "notification_channel_required")
    }

    func testUnknownLanguage() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.language = "de"
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.field, "language")
    }

    func testNewPhoneNeedsConfirmation() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.phone = "+77079998877"
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.field, "phone_confirmation")
        update.phoneConfirmation = String(repeating: "a", count: 64)
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.code, "confirmation_invalid")
    }

    func testNewPhoneConfirmed() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.phone = "8 707 999 88 77"
        update.phoneConfirmation = try confirm(fixture, "+77079998877")
        XCTAssertEqual(try fixture.service.updateSettings(session, update, client: fixture.client()).phone?.e164, "+77079998877")
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.code, "confirmation_invalid",
                       "a confirmation is spent once")
    }

    func testConfirmationForOtherPhoneRejected() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.phone = "+77079998877"
        update.phoneConfirmation = try confirm(fixture, "+77050001122")
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.code, "confirmation_invalid")
    }

    func testExtraPhoneSetAndCleared() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.extraPhone = .set("+77050001122")
        update.extraPhoneConfirmation = try confirm(fixture, "+77050001122")
        XCTAssertEqual(try fixture.service.updateSettings(session, update, client: fixture.client()).extraPhone?.e164, "+77050001122")
        var clear = SettingsUpdate()
        clear.extraPhone = .clear
        XCTAssertNil(try fixture.service.updateSettings(session, clear, client: fixture.client()).extraPhone)
    }

    func testExtraPhoneSameAsMain() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.extraPhone = .set(IdentityFixture.parentPhone)
        update.extraPhoneConfirmation = try confirm(fixture, IdentityFixture.parentPhone)
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.code, "extra_phone_same")
    }

    func testPasswordChangeNeedsCurrent() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.newPassword = "Renewed-2026z"
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.field, "current_password")
        update.currentPassword = "Wrong-2026x"
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.code, "current_password_wrong")
    }

    func testPasswordChangeEndsOtherSessions() throws {
        let (fixture, session) = try loggedIn()
        let other = try fixture.service.login(iin: IdentityFixture.parent, password: "Sakura-2026x", client: fixture.client())
        var update = SettingsUpdate()
        update.currentPassword = "Sakura-2026x"
        update.newPassword = "Renewed-2026z"
        _ = try fixture.service.updateSettings(session, update, client: fixture.client())
        XCTAssertNoThrow(try fixture.service.settings(session, client: fixture.client()))
        XCTAssertEqual(failure { _ = try fixture.service.authenticate(token: other.token, client: fixture.client()) }?.code, "session_required")
        XCTAssertNoThrow(try fixture.service.login(iin: IdentityFixture.parent, password: "Renewed-2026z", client: fixture.client()))
    }

    func testPasswordChangeRejectsSamePassword() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.currentPassword = "Sakura-2026x"
        update.newPassword = "Sakura-2026x"
        XCTAssertEqual(failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }?.code, "password_unchanged")
    }

    func testFailedUpdateWritesNothing() throws {
        let (fixture, session) = try loggedIn()
        var update = SettingsUpdate()
        update.language = "en"
        update.phone = "+77079998877"
        update.phoneConfirmation = String(repeating: "b", count: 64)
        _ = failure { _ = try fixture.service.updateSettings(session, update, client: fixture.client()) }
        XCTAssertEqual(try fixture.service.settings(session, client: fixture.client()).language, "ru")
    }
}
