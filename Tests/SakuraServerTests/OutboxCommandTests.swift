import Foundation
import Store
import TestSupport
import XCTest

/// `sakura outbox` run as a process over a database with kept messages.
final class OutboxCommandTests: XCTestCase {
    private var executable: URL { SakuraCommand.executable }

    func testListsNewestFirst() throws {
        guard FileManager.default.fileExists(atPath: executable.path) else {
            return XCTFail("sakura executable not found at \(executable.path); build it with swift build")
        }
        let path = Fixtures.temporaryFolder().appendingPathComponent("outbox.sqlite").path
        let store = try SakuraStore(path: path)
        _ = try store.insertOutboxMessage(OutboxMessage(channel: "sms", recipient: "+77010000001", subject: nil,
                                                        body: "Sakura: code 111111", createdAt: Date(timeIntervalSince1970: 1_790_000_000)))
        _ = try store.insertOutboxMessage(OutboxMessage(channel: "email", recipient: "parent@example.kz", subject: "Notice",
                                                        body: "Line one\nLine two", createdAt: Date(timeIntervalSince1970: 1_790_000_060)))

        let all = try SakuraCommand.run(["outbox", "--db", path])
        XCTAssertEqual(all.status, 0, all.errors)
        let lines = all.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "#2  2026-09-21T14:14:20.000Z  email  parent@example.kz  [Notice]")
        XCTAssertTrue(lines.contains("    Line two"), all.output)
        XCTAssertTrue(all.output.contains("#1  2026-09-21T14:13:20.000Z  sms  +77010000001\n    Sakura: code 111111"), all.output)

        let sms = try SakuraCommand.run(["outbox", "--db", path, "--channel", "sms"])
        XCTAssertFalse(sms.output.contains("parent@example.kz"), sms.output)
        let limited = try SakuraCommand.run(["outbox", "--db", path, "--limit", "1"])
        XCTAssertFalse(limited.output.contains("111111"), limited.output)
    }

    func testRejectsUnknownChannel() throws {
        let path = Fixtures.temporaryFolder().appendingPathComponent("outbox.sqlite").path
        _ = try SakuraStore(path: path)
        let result = try SakuraCommand.run(["outbox", "--db", path, "--channel", "fax"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.errors.contains("--channel must be sms or email"), result.errors)
    }
}
