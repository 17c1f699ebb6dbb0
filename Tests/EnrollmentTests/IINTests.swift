import Enrollment
import XCTest

final class IINTests: XCTestCase {
    private func rule(_ text: String) -> String? {
        do {
            _ = try IIN(text)
            return nil
        } catch {
            return error.arguments["rule"]
        }
    }

    func testFirstPassCheckDigit() throws {
        let iin = try IIN("150901600037")
        XCTAssertEqual(iin.digits, "150901600037")
        XCTAssertEqual(iin.birthDate, CalendarDate(year: 2015, month: 9, day: 1))
        XCTAssertEqual(iin.sex, .female)
    }

    func testSecondPassCheckDigit() throws {
        let iin = try IIN("150901500111")
        XCTAssertEqual(iin.birthDate.iso, "2015-09-01")
        XCTAssertEqual(iin.sex, .male)
    }

    func testWrongCheckDigit() {
        XCTAssertEqual(rule("150901600038"), "check_digit")
    }

    func testBothPassesGiveTen() {
        // Digits 1-11 of 15090160083 give 10 in both passes, so no 12th digit makes them valid.
        let values = "15090160083".map { Int(String($0))! }
        XCTAssertNil(IIN.checkDigit(values))
        for last in 0...9 {
            XCTAssertEqual(rule("15090160083\(last)"), "check_digit", "last digit \(last)")
        }
    }

    func testThirtyFirstOfSeptember() {
        XCTAssertEqual(rule("150931600037"), "date")
    }

    func testCenturyDigitZero() {
        XCTAssertEqual(rule("150901000037"), "century_digit")
    }

    func testCenturyDigitSeven() {
        XCTAssertEqual(rule("150901700037"), "century_digit")
    }

    func testLetters() {
        XCTAssertEqual(rule("15090160003A"), "characters")
    }

    func testElevenDigits() {
        XCTAssertEqual(rule("15090160003"), "length")
    }

    func testThirteenDigits() {
        XCTAssertEqual(rule("1509016000370"), "length")
    }

    func testSpacesInside() throws {
        XCTAssertEqual(try IIN(" 150901 600037 ").digits, "150901600037")
        XCTAssertEqual(try IIN("1509\u{00A0}0160\u{00A0}0037").digits, "150901600037")
    }

    func testErrorNamesFieldAndRule() {
        XCTAssertThrowsError(try IIN("150901600038")) { error in
            let failure = error as? EnrollmentError
            XCTAssertEqual(failure?.code, "invalid_iin")
            XCTAssertEqual(failure?.messageKey, "invalid_iin.check_digit")
            XCTAssertEqual(failure?.field, "iin")
            XCTAssertEqual(failure?.kind, .invalidInput)
        }
    }

    func testErrorNeverContainsNumber() {
        for text in ["150901600038", "150931600037", "150901000037", "15090160003"] {
            XCTAssertThrowsError(try IIN(text)) { error in
                XCTAssertFalse(String(describing: error).contains(text), String(describing: error))
            }
        }
    }

    func testCenturies() throws {
        XCTAssertEqual(try IIN(IdentityFixture.makeIIN("991231", centuryDigit: 1, serial: "0100")).birthDate.year, 1899)
        XCTAssertEqual(try IIN(IdentityFixture.makeIIN("991231", centuryDigit: 4, serial: "0100")).birthDate.year, 1999)
        XCTAssertEqual(try IIN(IdentityFixture.makeIIN("000229", centuryDigit: 5, serial: "0100")).birthDate.iso, "2000-02-29")
    }

    func testLeapDay() {
        XCTAssertEqual(rule(IdentityFixture.makeIIN("230229", centuryDigit: 5, serial: "0100")), "date")
    }

    func testMaskedKeepsFourAndTwo() throws {
        let iin = try IIN("150901600037")
        XCTAssertEqual(iin.masked, "1509******37")
        XCTAssertEqual("\(iin)", "1509******37")
    }
}
