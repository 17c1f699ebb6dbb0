import Enrollment
import XCTest

final class IdentityCheckTests: XCTestCase {
    /// A phone confirmation; by default of the parent's phone on record, as the application flow has it.
    private func confirmation(_ fixture: IdentityFixture, phone: String = IdentityFixture.parentPhone) throws -> String {
        _ = try fixture.service.requestPhoneCode(phone: phone, client: fixture.client())
        let code = try XCTUnwrap(fixture.latestCode(to: phone))
        return try fixture.service.verifyPhoneCode(phone: phone, code: code, client: fixture.client()).token
    }

    func testFindsPersonWithConfirmation() throws {
        let fixture = try IdentityFixture()
        let check = try fixture.service.checkIIN(IdentityFixture.child, parentIIN: IdentityFixture.parent,
                                                 authorization: .phoneConfirmation(try confirmation(fixture)), client: fixture.client())
        XCTAssertEqual(check.person?.givenName, "Нұрлан")
        XCTAssertEqual(check.person?.birthDate.iso, "2019-03-05")
        XCTAssertEqual(check.representation, .parent)
    }

    func testNotRepresentative() throws {
        let fixture = try IdentityFixture()
        let check = try fixture.service.checkIIN(IdentityFixture.noPhone, parentIIN: IdentityFixture.parent,
                                                 authorization: .phoneConfirmation(try confirmation(fixture)), client: fixture.client())
        XCTAssertNil(check.representation)
        XCTAssertTrue(check.checkedRepresentation)
        XCTAssertTrue(check.found)
        XCTAssertNil(check.person, "another adult's record is withheld")
    }

    func testStrangerGetsNoDetails() throws {
        let fixture = try IdentityFixture()
        let check = try fixture.service.checkIIN(IdentityFixture.parent, parentIIN: nil,
                                                 authorization: .phoneConfirmation(try confirmation(fixture, phone: "+77051112233")), client: fixture.client())
        XCTAssertTrue(check.found)
        XCTAssertNil(check.person)
    }

    func testParentMustBeCaller() throws {
        let fixture = try IdentityFixture()
        XCTAssertThrowsError(try fixture.service.checkIIN(IdentityFixture.child, parentIIN: IdentityFixture.parent,
                                                          authorization: .phoneConfirmation(try confirmation(fixture, phone: "+77051112233")),
                                                          client: fixture.client())) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "parent_not_caller")
        }
    }

    func testUnknownPerson() throws {
        let fixture = try IdentityFixture()
        let check = try fixture.service.checkIIN(IdentityFixture.unknown, parentIIN: nil,
                                                 authorization: .phoneConfirmation(try confirmation(fixture)), client: fixture.client())
        XCTAssertNil(check.person)
        XCTAssertEqual(check.iin.birthDate.iso, "1980-01-01")
    }

    func testNeedsAuthorization() throws {
        let fixture = try IdentityFixture()
        for authorization: CheckAuthorization? in [nil, .phoneConfirmation(String(repeating: "c", count: 64))] {
            XCTAssertThrowsError(try fixture.service.checkIIN(IdentityFixture.child, parentIIN: nil, authorization: authorization,
                                                              client: fixture.client())) { error in
                XCTAssertEqual((error as? EnrollmentError)?.code, "confirmation_required")
            }
        }
    }

    func testConfirmationExpires() throws {
        let fixture = try IdentityFixture()
        let token = try confirmation(fixture)
        fixture.time.advance(by: 1801)
        XCTAssertThrowsError(try fixture.service.checkIIN(IdentityFixture.child, parentIIN: nil, authorization: .phoneConfirmation(token),
                                                          client: fixture.client()))
    }

    func testRateLimited() throws {
        var policy = IdentityPolicy()
        policy.identityChecksPerHour = 2
        let fixture = try IdentityFixture(policy: policy)
        let token = try confirmation(fixture)
        for _ in 0..<2 {
            _ = try fixture.service.checkIIN(IdentityFixture.child, parentIIN: nil, authorization: .phoneConfirmation(token), client: fixture.client())
        }
        XCTAssertThrowsError(try fixture.service.checkIIN(IdentityFixture.child, parentIIN: nil, authorization: .phoneConfirmation(token),
                                                          client: fixture.client())) { error in
            XCTAssertEqual((error as? EnrollmentError)?.code, "rate_limited")
        }
    }

    func testBadParentIINNamesField() throws {
        let fixture = try IdentityFixture()
        XCTAssertThrowsError(try fixture.service.checkIIN(IdentityFixture.child, parentIIN: "150901600038", authorization: nil,
                                                          client: fixture.client())) { error in
            XCTAssertEqual((error as? EnrollmentError)?.field, "parent_iin")
        }
    }

    func testDeclaredChildWithoutIIN() throws {
        let today = CalendarDate(year: 2026, month: 12, day: 4)!
        let person = try DeclaredPerson(reason: .noIIN, iin: nil, surname: "Демоев", givenName: "Әлихан", patronymic: "",
                                        birthDate: "2020-02-29", today: today)
        XCTAssertEqual(person.birthDate.iso, "2020-02-29")
        XCTAssertNil(person.patronymic)
    }

    func testDeclaredRules() {
        let today = CalendarDate(year: 2026, month: 12, day: 4)!
        func field(_ body: () throws -> Void) -> String? {
            do {
                try body()
                return nil
            } catch {
                return (error as? EnrollmentError)?.field
            }
        }
        XCTAssertEqual(field { _ = try DeclaredPerson(reason: .noIIN, iin: "150901600037", surname: "A", givenName: "B", patronymic: nil,
                                                      birthDate: "2020-01-01", today: today) }, "iin")
        XCTAssertEqual(field { _ = try DeclaredPerson(reason: .bornAbroad, iin: "150901600038", surname: "A", givenName: "B", patronymic: nil,
                                                      birthDate: "2020-01-01", today: today) }, "iin")
        XCTAssertEqual(field { _ = try DeclaredPerson(reason: .noIIN, iin: nil, surname: " ", givenName: "B", patronymic: nil,
                                                      birthDate: "2020-01-01", today: today) }, "surname")
        XCTAssertEqual(field { _ = try DeclaredPerson(reason: .noIIN, iin: nil, surname: "A1", givenName: "B", patronymic: nil,
                                                      birthDate: "2020-01-01", today: today) }, "surname")
        XCTAssertEqual(field { _ = try DeclaredPerson(reason: .noIIN, iin: nil, surname: "A", givenName: "B", patronymic: nil,
                                                      birthDate: "2021-02-29", today: today) }, "birth_date")
        XCTAssertEqual(field { _ = try DeclaredPerson(reason: .noIIN, iin: nil, surname: "A", givenName: "B", patronymic: nil,
                                                      birthDate: "2027-01-01", today: today) }, "birth_date")
    }
}
