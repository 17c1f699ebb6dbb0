import Enrollment
import XCTest

final class PhoneNumberTests: XCTestCase {
    private func rule(_ text: String) -> String? {
        do {
            _ = try PhoneNumber(text)
            return nil
        } catch {
            return error.arguments["rule"]
        }
    }

    func testAcceptedForms() throws {
        let forms = ["+7 701 123 45 67", "+77011234567", "8 701 123 45 67", "8 (701) 123-45-67", "87011234567", "77011234567",
                     "7011234567", "+7(701)123-45-67", " +7 701 1234567 "]
        for form in forms {
            XCTAssertEqual(try PhoneNumber(form).e164, "+77011234567", form)
        }
    }

    func testFormattedAndMasked() throws {
        let phone = try PhoneNumber("87471234567")
        XCTAssertEqual(phone.formatted, "+7 747 123 45 67")
        XCTAssertEqual(phone.masked, "+7 747 *** ** 67")
        XCTAssertEqual("\(phone)", "+7 747 *** ** 67")
    }

    func testRejectsLetters() {
        XCTAssertEqual(rule("+7 701 123 45 6x"), "characters")
    }

    func testRejectsPlusInside() {
        XCTAssertEqual(rule("8+7011234567"), "characters")
    }

    func testRejectsShortNumber() {
        XCTAssertEqual(rule("+7 701 123 45"), "length")
    }

    func testRejectsLongNumber() {
        XCTAssertEqual(rule("+7 701 123 45 678"), "length")
    }

    func testRejectsOtherCountry() {
        XCTAssertEqual(rule("+998 90 123 45 67"), "country")
    }

    func testRejectsLandline() {
        XCTAssertEqual(rule("+7 727 123 45 67"), "not_mobile")
    }

    func testRejectsRussianMobile() {
        XCTAssertEqual(rule("+7 916 123 45 67"), "not_mobile")
    }

    func testErrorUsesGivenField() {
        XCTAssertThrowsError(try PhoneNumber("123", field: "extra_phone")) { error in
            XCTAssertEqual((error as? EnrollmentError)?.field, "extra_phone")
        }
    }

    func testEmailAccepted() throws {
        XCTAssertEqual(try EmailAddress(" Parent@Example.KZ ").address, "Parent@example.kz")
        XCTAssertEqual(try EmailAddress("parent@example.kz").masked, "p***@example.kz")
    }

    func testEmailRejected() {
        for text in ["", "parent", "parent@", "@example.kz", "parent@example", "a b@example.kz", "parent@@example.kz", "parent@-x.kz"] {
            XCTAssertThrowsError(try EmailAddress(text), text)
        }
    }
}
