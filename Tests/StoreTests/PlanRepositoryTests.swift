import Catchment
import Foundation
import Geometry
import JSON
import Store
import TestSupport
import XCTest

final class PlanRepositoryTests: XCTestCase {
    private var store: SakuraStore!
    private let west = Polygon(shell: Fixtures.rectangle(minX: 76.90, minY: 43.20, maxX: 76.91, maxY: 43.21))
    private let east = Polygon(shell: Fixtures.rectangle(minX: 76.91, minY: 43.20, maxX: 76.92, maxY: 43.21))

    override func setUpWithError() throws {
        store = try SakuraStore(path: Fixtures.temporaryFolder().appendingPathComponent("plans.sqlite").path)
        try store.ensureCity(id: "almaty")
        try store.replaceCatchments(cityID: "almaty", [Catchment(key: "a", language: "ru", polygons: [west])])
    }

    func testImportCreatesPlanInForceSinceAlways() throws {
        let plans = try store.plans(cityID: "almaty")
        XCTAssertEqual(plans.count, 1)
        XCTAssertEqual(plans[0].status, .published)
        XCTAssertNil(plans[0].effectiveFrom)
        XCTAssertEqual(try store.planInForce(cityID: "almaty", on: CalendarDay("1990-01-01"))?.id, plans[0].id)
    }

    func testDraftCopiesCurrentCatchments() throws {
        let base = try store.plans(cityID: "almaty")[0].id
        let draft = try store.createPlan(cityID: "almaty", schoolYear: "2027-2028", name: "next", basedOn: base, author: "tester")
        XCTAssertEqual(try store.catchments(planID: draft).map(\.key), ["a"])
        XCTAssertEqual(try store.plan(id: draft)?.revision, 0)
        XCTAssertEqual(try store.plan(id: draft)?.status, .draft)
    }

    func testChangeWritesVersionsAndKeepsEarlierRevision() throws {
        let base = try store.plans(cityID: "almaty")[0].id
        let draft = try store.createPlan(cityID: "almaty", schoolYear: "2027-2028", name: "", basedOn: base, author: "tester")
        let result = try store.applyChanges([
            .put(Catchment(key: "b", language: "ru", polygons: [east]), properties: JSONObject()),
            .delete(key: "a", language: "ru"),
        ], planID: draft, operation: "edit", author: "tester", comment: "swap")

        XCTAssertEqual(result.revision, 1)
        XCTAssertEqual(try store.catchments(planID: draft).map(\.key), ["b"])
        XCTAssertEqual(try store.catchments(planID: draft, revision: 0).map(\.key), ["a"])
        XCTAssertEqual(try store.catchments(planID: base).map(\.key), ["a"], "the base plan is unchanged")
        let history = try store.catchmentHistory(cityID: "almaty", CatchmentIdentity(key: "a", language: "ru"))
        XCTAssertEqual(history.map(\.version), [1, 2])
        XCTAssertTrue(history[1].isDeletion)
        XCTAssertEqual(history[1].comment, "swap")
    }

    func testFailedChangeWritesNothing() throws {
        let base = try store.plans(cityID: "almaty")[0].id
        let draft = try store.createPlan(cityID: "almaty", schoolYear: "2027-2028", name: "", basedOn: base, author: "tester")
        XCTAssertThrowsError(try store.applyChanges([
            .put(Catchment(key: "b", language: "ru", polygons: [east]), properties: JSONObject()),
            .delete(key: "missing", language: "ru"),
        ], planID: draft, operation: "edit", author: "tester"))

        XCTAssertEqual(try store.plan(id: draft)?.revision, 0)
        XCTAssertEqual(try store.catchmentHistory(cityID: "almaty", CatchmentIdentity(key: "b", language: "ru")).count, 0)
        XCTAssertEqual(try store.planRevisions(planID: draft).count, 1)
    }

    func testRollbackRestoresRevisionAsNewRevision() throws {
        let base = try store.plans(cityID: "almaty")[0].id
        let draft = try store.createPlan(cityID: "almaty", schoolYear: "2027-2028", name: "", basedOn: base, author: "tester")
        try store.applyChanges([.put(Catchment(key: "a", language: "ru", polygons: [east]), properties: JSONObject())], planID: draft, operation: "replace", author: "tester")
        try store.applyChanges([.put(Catchment(key: "c", language: "kk", polygons: [west]), properties: JSONObject())], planID: draft, operation: "create", author: "tester")

        let result = try store.rollbackPlan(id: draft, toRevision: 0, author: "tester", comment: "")
        XCTAssertEqual(result?.revision, 3)
        let restored = try store.catchments(planID: draft)
        XCTAssertEqual(restored.map(\.key), ["a"])
        XCTAssertEqual(restored[0].polygons, [west])
        XCTAssertEqual(restored[0].version, 3, "a rollback writes a new version")
        XCTAssertNil(try store.rollbackPlan(id: draft, toRevision: 0, author: "tester", comment: ""), "nothing left to roll back")
    }

    func testTimelinePicksLatestStartedPlan() throws {
        let base = try store.plans(cityID: "almaty")[0].id
        let next = try store.createPlan(cityID: "almaty", schoolYear: "2027-2028", name: "", basedOn: base, author: "tester")
        try store.publishPlan(id: next, effectiveFrom: CalendarDay("2027-09-01"), author: "tester", overrideReason: nil)

        XCTAssertEqual(try store.planInForce(cityID: "almaty", on: CalendarDay("2027-08-31"))?.id, base)
        XCTAssertEqual(try store.planInForce(cityID: "almaty", on: CalendarDay("2027-09-01"))?.id, next)
        XCTAssertEqual(try store.retirePlan(id: next), .withdrawn)
        XCTAssertEqual(try store.planInForce(cityID: "almaty", on: CalendarDay("2027-09-01"))?.id, base)
    }

    func testPublishRejectsNonDraft() throws {
        let base = try store.plans(cityID: "almaty")[0].id
        XCTAssertThrowsError(try store.publishPlan(id: base, effectiveFrom: CalendarDay("2030-01-01"), author: "tester", overrideReason: nil))
    }

    func testSchoolYearValidated() {
        XCTAssertNoThrow(try Plan.validate(schoolYear: "2027-2028"))
        XCTAssertThrowsError(try Plan.validate(schoolYear: "2027-2029"))
        XCTAssertThrowsError(try Plan.validate(schoolYear: "2027"))
        XCTAssertThrowsError(try Plan.validate(schoolYear: "27-28"))
    }
}

final class PlanMigrationTests: XCTestCase {
    func testCatchmentsMoveIntoPublishedPlan() throws {
        let path = Fixtures.temporaryFolder().appendingPathComponent("old.sqlite").path
        let database = try Database(path: path)
        try database.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        for migration in Migrations.all.prefix(3) {
            try database.execute(migration.sql)
            try database.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?1, 'then')").run([.text(migration.name)])
        }
        let polygon = Polygon(shell: Fixtures.rectangle(minX: 76.9, minY: 43.2, maxX: 76.91, maxY: 43.21))
        try database.execute("INSERT INTO cities (id, name_kk, name_ru, name_en, created_at, updated_at) VALUES ('almaty', 'A', 'A', 'A', 'then', 'then')")
        try database.prepare("""
            INSERT INTO catchments (city_id, key, language, school_key, school_id, geometry, version, min_lon, min_lat, max_lon, max_lat, updated_at)
            VALUES ('almaty', 'z1', 'kk', 'School 1', NULL, ?1, 4, 76.9, 43.2, 76.91, 43.21, '2025-01-01T00:00:00Z')
            """).run([.blob(WKB.encode(.polygon(polygon)))])

        let store = try SakuraStore(path: path)
        let plans = try store.plans(cityID: "almaty")
        XCTAssertEqual(plans.map(\.status), [.published])
        let catchments = try store.catchments(cityID: "almaty")
        XCTAssertEqual(catchments.map(\.key), ["z1"])
        XCTAssertEqual(catchments.first?.version, 4)
        XCTAssertEqual(catchments.first?.polygons, [polygon])
        XCTAssertEqual(try store.catchmentHistory(cityID: "almaty", CatchmentIdentity(key: "z1", language: "kk")).first?.operation, "import")
    }
}

final class CalendarDayTests: XCTestCase {
    func testParsesValidDays() throws {
        XCTAssertEqual(try CalendarDay("2028-02-29").description, "2028-02-29")
        XCTAssertEqual(try CalendarDay("1970-01-01").dayNumber, 0)
        XCTAssertEqual(try CalendarDay("2000-03-01").dayNumber, 11017)
    }

    func testRejectsImpossibleDays() {
        for text in ["2027-02-29", "2026-09-31", "2026-13-01", "2026-9-1", "2026-09-01T00:00", "", "abcd-ef-gh"] {
            XCTAssertThrowsError(try CalendarDay(text), text)
        }
    }

    func testDayNumberRoundTrip() throws {
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            XCTAssertEqual(CalendarDay(dayNumber: number).dayNumber, number)
        }
    }

    func testTodayUsesKazakhstanClock() {
        // 20:00 UTC on 4 December is 01:00 on 5 December in UTC+5.
        let evening = Date(timeIntervalSince1970: 1_796_414_400)
        XCTAssertEqual(CalendarDay.today(now: evening).description, "2026-12-05")
        XCTAssertEqual(CalendarDay.today(now: evening.addingTimeInterval(-3_600 * 2)).description, "2026-12-04")
    }
}
