import Crypto
import XCTest

/// The examples of FIPS 180-4 (NIST "SHA256.pdf" example values) and block-boundary cases.
final class SHA256Tests: XCTestCase {
    func testOneBlockMessage() {
        XCTAssertEqual(Hex.encode(SHA256.hash(Array("abc".utf8))),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage() {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        XCTAssertEqual(Hex.encode(SHA256.hash(message)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testMillionLetterA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(Hex.encode(SHA256.hash(message)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testEmptyMessage() {
        XCTAssertEqual(Hex.encode(SHA256.hash([UInt8]())),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testIncrementalMatchesOneShot() {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let expected = SHA256.hash(message)
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 128, 200, 300] {
            var hasher = SHA256Hasher()
            hasher.update(message[0..<split])
            hasher.update(message[split...])
            XCTAssertEqual(hasher.finalize(), expected, "split at \(split)")
        }
    }

    func testPaddingBoundaryLengths() {
        // Lengths 55, 56 and 64 put the length field in the same or the next block; a wrong
        // padding rule changes the digest, and the reference values come from Python's hashlib.
        let expected = [
            55: "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318",
            56: "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
            64: "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb",
        ]
        for (length, digest) in expected {
            let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            XCTAssertEqual(Hex.encode(SHA256.hash(message)), digest, "length \(length)")
        }
    }

    func testNonContiguousCollection() {
        let message = "abc".utf8
        XCTAssertEqual(SHA256.hash(message), SHA256.hash(Array(message)))
    }
}
