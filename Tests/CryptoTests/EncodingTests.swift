import Crypto
import XCTest

final class EncodingTests: XCTestCase {
    func testHexEncodesLowercase() {
        XCTAssertEqual(Hex.encode([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
    }

    func testHexDecodesEitherCase() {
        XCTAssertEqual(Hex.decode("000FA0ff"), [0x00, 0x0f, 0xa0, 0xff])
    }

    func testHexRejectsOddLength() {
        XCTAssertNil(Hex.decode("abc"))
    }

    func testHexRejectsNonDigit() {
        XCTAssertNil(Hex.decode("zz"))
    }

    func testConstantTimeEqualBytes() {
        XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
    }

    func testConstantTimeDifferentLastByte() {
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 4]))
    }

    func testConstantTimeDifferentLength() {
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2]))
    }

    func testConstantTimeEmpty() {
        XCTAssertTrue(ConstantTime.equals([UInt8](), [UInt8]()))
    }
}
