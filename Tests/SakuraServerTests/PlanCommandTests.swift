import Foundation
import SakuraCore
import Store
import TestSupport
import XCTest

/// `sakura users` and `sakura plan` run as processes on a database on disk.
final class PlanCommandTests: XCTestCase {
    private var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sakura")
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func testUsersAddPrintsWorkingToken() throws {
        let (store, path) = try PlanningCity.store()
        let added = try run(["users", "add", "--db", path, "--role", "planner", "--city", "alpha", "--name", "Aigerim"])
        XCTAssertEqual(added.status, 0, added.errors)
        let token = try XCTUnwrap(added.output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        XCTAssertEqual(try StaffTokens.authenticate(token, store: store)?.name, "Aigerim")

        let badRole = try run(["users", "add", "--db", path, "--role", "mayor", "--city", "alpha", "--name", "X"])
        XCTAssertEqual(badRole.status, 2)
        XCTAssertTrue(badRole.errors.contains("--role mayor"), badRole.errors)
        let noCity = try run(["users", "add", "--db", path, "--role", "planner", "--name", "X"])
        XCTAssertEqual(noCity.status, 1)
        XCTAssertTrue(noCity.errors.contains("needs the city"), noCity.errors)
    }

    func testPlanCheckCreatePublishAndLookupAt() throws {
        let (_, path) = try PlanningCity.store()
        let created = try run(["plan", "create", "--db", path, "--city", "alpha", "--school-year", "2027-2028"])
        XCTAssertEqual(created.status, 0, created.errors)
        XCTAssertTrue(created.output.contains("created draft plan 3"), created.output)

        let check = try run(["plan", "check", "3", "--db", path, "--city", "alpha"])
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.contains("addresses covered by no catchment of a language: 0 of 40"), check.output)

        let published = try run(["plan", "publish", "3", "--db", path, "--city", "alpha", "--effective-from", "2099-09-01"])
        XCTAssertEqual(published.status, 0, published.errors)
        let list = try run(["plan", "list", "--db", path, "--city", "alpha"])
        XCTAssertTrue(list.output.contains("3\tpublished\t2027-2028\tfrom 2099-09-01"), list.output)

        let later = try run(["lookup", "--db", path, "--city", "alpha", "--at", "2099-09-02", "43.205,76.905"])
        XCTAssertTrue(later.output.contains(#""plan":{"id":3"#), later.output)
        let now = try run(["lookup", "--db", path, "--city", "alpha", "43.205,76.905"])
        XCTAssertTrue(now.output.contains(#""plan":{"id":1"#), now.output)

        let missing = try run(["plan", "check", "99", "--db", path, "--city", "alpha"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.errors.contains("plan 99 not found"), missing.errors)
    }
}
