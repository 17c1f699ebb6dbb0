import Crypto
import XCTest

/// The HMAC-SHA256 test cases of RFC 4231 §4.
final class HMACTests: XCTestCase {
    private func tag(_ key: [UInt8], _ message: [UInt8]) -> String {
        Hex.encode(HMAC.sha256(key: key, message: message))
    }

    func testCase1ShortKey() {
        XCTAssertEqual(tag([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8)),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func testCase2KeyShorterThanTag() {
        XCTAssertEqual(tag(Array("Jefe".utf8), Array("what do ya want for nothing?".utf8)),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testCase3CombinedLengthOverBlock() {
        XCTAssertEqual(tag([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50)),
                       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func testCase4SequentialKey() {
        XCTAssertEqual(tag(Array(1...25), [UInt8](repeating: 0xcd, count: 50)),
                       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    func testCase5TruncatedTag() {
        let full = HMAC.sha256(key: [UInt8](repeating: 0x0c, count: 20), message: Array("Test With Truncation".utf8))
        XCTAssertEqual(Hex.encode(full.prefix(16)), "a3b6167473100ee06e0c796c2955552b")
    }

    func testCase6KeyLongerThanBlock() {
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        XCTAssertEqual(tag([UInt8](repeating: 0xaa, count: 131), message),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testCase7KeyAndDataLongerThanBlock() {
        let message = Array(("This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm.").utf8)
        XCTAssertEqual(tag([UInt8](repeating: 0xaa, count: 131), message),
                       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }
}
