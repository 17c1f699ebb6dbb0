import Crypto
import XCTest

final class SecureRandomTests: XCTestCase {
    func testReturnsRequestedCount() throws {
        XCTAssertEqual(try SecureRandom.bytes(0).count, 0)
        XCTAssertEqual(try SecureRandom.bytes(32).count, 32)
        XCTAssertEqual(try SecureRandom.bytes(100_000).count, 100_000)
    }

    func testDrawsDiffer() throws {
        // Two equal 32-byte draws from a working CSPRNG have probability 2^-256.
        XCTAssertNotEqual(try SecureRandom.bytes(32), try SecureRandom.bytes(32))
    }

    func testBytesCoverAllValues() throws {
        // 64 KiB of uniform bytes miss one of the 256 values with probability about 256 · e^-256.
        let bytes = try SecureRandom.bytes(65_536)
        XCTAssertEqual(Set(bytes).count, 256)
    }

    func testRejectsNegativeCount() {
        XCTAssertThrowsError(try SecureRandom.bytes(-1))
    }

    func testUniformStaysInRange() throws {
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let value = try SecureRandom.uniform(below: 10)
            XCTAssertTrue((0..<10).contains(value), "\(value)")
            seen.insert(value)
        }
        XCTAssertEqual(seen.count, 10)
    }

    func testUniformRejectsEmptyRange() {
        XCTAssertThrowsError(try SecureRandom.uniform(below: 0))
    }
}
