import Crypto
import XCTest

/// The PBKDF2-HMAC-SHA256 vectors of RFC 7914 §11 and the parameter limits.
final class PBKDF2Tests: XCTestCase {
    func testOneIterationVector() throws {
        let key = try PBKDF2.sha256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, keyLength: 64)
        XCTAssertEqual(Hex.encode(key),
                       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                       + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    func testEightyThousandIterationVector() throws {
        let key = try PBKDF2.sha256(password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80000, keyLength: 64)
        XCTAssertEqual(Hex.encode(key),
                       "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                       + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }

    func testShortKeyIsPrefixOfLongKey() throws {
        let long = try PBKDF2.sha256(password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 3, keyLength: 40)
        let short = try PBKDF2.sha256(password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 3, keyLength: 20)
        XCTAssertEqual(long.count, 40)
        XCTAssertEqual(Array(long.prefix(20)), short)
    }

    func testRejectsZeroIterations() {
        XCTAssertThrowsError(try PBKDF2.sha256(password: [1], salt: [2], iterations: 0, keyLength: 32)) { error in
            XCTAssertEqual(error as? CryptoError, .invalidParameter(name: "iterations", reason: "must be at least 1, got 0"))
        }
    }

    func testRejectsZeroKeyLength() {
        XCTAssertThrowsError(try PBKDF2.sha256(password: [1], salt: [2], iterations: 1, keyLength: 0))
    }
}
