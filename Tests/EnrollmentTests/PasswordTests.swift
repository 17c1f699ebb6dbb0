import Crypto
import Enrollment
import XCTest

final class PasswordTests: XCTestCase {
    func testHashRoundTrip() throws {
        let hasher = PasswordHasher(iterations: 1000)
        let stored = try hasher.hash("Sakura-2026x")
        XCTAssertTrue(hasher.verify("Sakura-2026x", against: stored))
        XCTAssertFalse(hasher.verify("Sakura-2026y", against: stored))
    }

    func testStoredFormat() throws {
        let stored = try PasswordHasher(iterations: 1234).hash("Sakura-2026x")
        let parts = stored.split(separator: "$")
        XCTAssertEqual(parts.count, 4)
        XCTAssertEqual(parts[0], "pbkdf2-sha256")
        XCTAssertEqual(parts[1], "1234")
        XCTAssertEqual(parts[2].count, 32, "16-byte salt in hex")
        XCTAssertEqual(parts[3].count, 64, "32-byte key in hex")
    }

    func testHashMatchesPBKDF2() throws {
        let stored = try PasswordHasher(iterations: 50).hash("Sakura-2026x")
        let parts = stored.split(separator: "$").map(String.init)
        let expected = try PBKDF2.sha256(password: Array("Sakura-2026x".utf8), salt: Hex.decode(parts[2])!, iterations: 50, keyLength: 32)
        XCTAssertEqual(parts[3], Hex.encode(expected))
    }

    func testSaltsDiffer() throws {
        let hasher = PasswordHasher(iterations: 10)
        XCTAssertNotEqual(try hasher.hash("Sakura-2026x"), try hasher.hash("Sakura-2026x"))
    }

    func testOldHashStillVerifiesAndNeedsRehash() throws {
        let old = try PasswordHasher(iterations: 100).hash("Sakura-2026x")
        let current = PasswordHasher(iterations: 200)
        XCTAssertTrue(current.verify("Sakura-2026x", against: old))
        XCTAssertTrue(current.needsRehash(old))
        XCTAssertFalse(current.needsRehash(try current.hash("Sakura-2026x")))
    }

    func testNormalisedUnicode() throws {
        let hasher = PasswordHasher(iterations: 10)
        // "é" typed as one code point and as "e" plus a combining accent is the same password.
        XCTAssertTrue(hasher.verify("Caf\u{0065}\u{0301}1234x", against: try hasher.hash("Caf\u{00E9}1234x")))
    }

    func testMalformedStoredHashRejected() {
        let hasher = PasswordHasher(iterations: 10)
        for stored in ["", "pbkdf2-sha256$10$00$00", "md5$10$\(String(repeating: "0", count: 32))$\(String(repeating: "0", count: 64))",
                       "pbkdf2-sha256$0$\(String(repeating: "0", count: 32))$\(String(repeating: "0", count: 64))",
                       "pbkdf2-sha256$99999999$\(String(repeating: "0", count: 32))$\(String(repeating: "0", count: 64))"] {
            XCTAssertFalse(hasher.verify("x", against: stored), stored)
            XCTAssertTrue(hasher.needsRehash(stored), stored)
        }
    }

    private func rule(_ password: String, iin: String? = nil, phone: String? = nil) -> String? {
        do {
            try PasswordPolicy().check(password, iin: iin.flatMap { try? IIN($0) }, phone: phone.flatMap { try? PhoneNumber($0) })
            return nil
        } catch {
            return error.arguments["rule"]
        }
    }

    func testPolicyAcceptsGoodPassword() {
        XCTAssertNil(rule("Sakura-2026x"))
    }

    func testPolicyRules() {
        XCTAssertEqual(rule("Ab1"), "too_short")
        XCTAssertEqual(rule("A1" + String(repeating: "x", count: 127)), "too_long")
        XCTAssertEqual(rule(" Sakura2026"), "edge_space")
        XCTAssertEqual(rule("12345678901"), "needs_letter")
        XCTAssertEqual(rule("OnlyLetters"), "needs_digit")
        XCTAssertEqual(rule("x150901600037", iin: "150901600037"), "contains_iin")
        XCTAssertEqual(rule("my7011234567", phone: "+77011234567"), "contains_phone")
        XCTAssertEqual(rule("Password123"), "common")
    }
}
