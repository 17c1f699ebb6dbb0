import Foundation
import SakuraCore
import Store
import TestSupport
import XCTest

/// `sakura users` and `sakura plan` run as processes on a database on disk.
final class PlanCommandTests: XCTestCase {
    func testUsersAddPrintsWorkingToken() throws {
        let (store, path) = try PlanningCity.store()
        let added = try SakuraCommand.run(["users", "add", "--db", path, "--role", "planner", "--city", "alpha", "--name", "Aigerim"])
        XCTAssertEqual(added.status, 0, added.errors)
        let token = try XCTUnwrap(added.output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        XCTAssertEqual(try StaffTokens.authenticate(token, store: store)?.name, "Aigerim")

        let badRole = try SakuraCommand.run(["users", "add", "--db", path, "--role", "mayor", "--city", "alpha", "--name", "X"])
        XCTAssertEqual(badRole.status, 2)
        XCTAssertTrue(badRole.errors.contains("--role mayor"), badRole.errors)
        let noCity = try SakuraCommand.run(["users", "add", "--db", path, "--role", "planner", "--name", "X"])
        XCTAssertEqual(noCity.status, 1)
        XCTAssertTrue(noCity.errors.contains("needs the city"), noCity.errors)
    }

    func testPlanCheckCreatePublishAndLookupAt() throws {
        let (_, path) = try PlanningCity.store()
        let created = try SakuraCommand.run(["plan", "create", "--db", path, "--city", "alpha", "--school-year", "2027-2028"])
        XCTAssertEqual(created.status, 0, created.errors)
        XCTAssertTrue(created.output.contains("created draft plan 3"), created.output)

        let check = try SakuraCommand.run(["plan", "check", "3", "--db", path, "--city", "alpha"])
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.contains("addresses covered by no catchment of a language: 0 of 40"), check.output)

        let published = try SakuraCommand.run(["plan", "publish", "3", "--db", path, "--city", "alpha", "--effective-from", "2099-09-01"])
        XCTAssertEqual(published.status, 0, published.errors)
        let list = try SakuraCommand.run(["plan", "list", "--db", path, "--city", "alpha"])
        XCTAssertTrue(list.output.contains("3\tpublished\t2027-2028\tfrom 2099-09-01"), list.output)

        let later = try SakuraCommand.run(["lookup", "--db", path, "--city", "alpha", "--at", "2099-09-02", "43.205,76.905"])
        XCTAssertTrue(later.output.contains(#""plan":{"id":3"#), later.output)
        let now = try SakuraCommand.run(["lookup", "--db", path, "--city", "alpha", "43.205,76.905"])
        XCTAssertTrue(now.output.contains(#""plan":{"id":1"#), now.output)

        let missing = try SakuraCommand.run(["plan", "check", "99", "--db", path, "--city", "alpha"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.errors.contains("plan 99 not found"), missing.errors)
    }
}
