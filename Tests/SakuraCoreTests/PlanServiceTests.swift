import Catchment
import Foundation
import Geometry
import JSON
import SakuraCore
import Store
import TestSupport
import XCTest

final class PlanServiceTests: XCTestCase {
    private var service: PlanService!
    private let actor = Actor(name: "Planner")

    override func setUpWithError() throws {
        service = PlanService(store: try PlanningCity.store().0)
    }

    private func draft() throws -> Plan {
        try service.createDraft(cityID: "alpha", schoolYear: "2027-2028", name: "next", basedOn: nil, actor: actor)
    }

    private let a = CatchmentIdentity(key: "a", language: "ru")
    private let b = CatchmentIdentity(key: "b", language: "ru")

    /// The west catchment with its east edge crossed into a bow-tie.
    private var bowTie: Geometry {
        .polygon(Polygon(shell: [
            Position(x: 76.90, y: 43.20), Position(x: 76.91, y: 43.21), Position(x: 76.91, y: 43.20), Position(x: 76.90, y: 43.21), Position(x: 76.90, y: 43.20),
        ]))
    }

    func testDraftStartsFromPlanInForce() throws {
        let plan = try draft()
        XCTAssertEqual(plan.status, .draft)
        XCTAssertEqual(try service.catchments(of: plan).map(\.key), ["a", "b"])
        XCTAssertEqual(plan.basedOn, try service.planInForce(cityID: "alpha")?.id)
    }

    func testBowTieRejectedWithLocation() throws {
        let plan = try draft()
        let submission = CatchmentSubmission(key: "a", language: "ru", schoolID: nil, geometry: bowTie)
        XCTAssertThrowsError(try service.replace(a, with: submission, in: plan, expectedVersion: [1], fix: false, comment: "", actor: actor)) { error in
            guard case PlanServiceError.invalidGeometry(let problems) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(problems.first?.reason, "Self-intersection")
            XCTAssertEqual(problems.first?.location?.x ?? 0, 76.905, accuracy: 1e-9)
            XCTAssertEqual(problems.first?.location?.y ?? 0, 43.205, accuracy: 1e-9)
        }
        XCTAssertEqual(try service.catchment(in: plan, a).version, 1, "a rejected edit writes nothing")
    }

    func testBowTieAcceptedWithFix() throws {
        let plan = try draft()
        let submission = CatchmentSubmission(key: "a", language: "ru", schoolID: nil, geometry: bowTie)
        let outcome = try service.replace(a, with: submission, in: plan, expectedVersion: [1], fix: true, comment: "fixed", actor: actor)
        XCTAssertEqual(outcome.versions.first?.polygons.count, 2, "make-valid keeps both lobes")
        XCTAssertTrue(outcome.repairs.contains { $0.contains("make-valid") })
        XCTAssertEqual(outcome.versions.first?.schoolID, "s1", "a replacement without a school keeps the school")
    }

    func testStaleVersionChangesNothing() throws {
        let plan = try draft()
        let submission = CatchmentSubmission(key: "a", language: "ru", schoolID: "s1", geometry: .polygon(PlanningCity.east))
        XCTAssertThrowsError(try service.replace(a, with: submission, in: plan, expectedVersion: [7], fix: false, comment: "", actor: actor)) { error in
            guard case PlanServiceError.versionMismatch(_, _, let current) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(current, 1)
        }
        let after = try service.plan(cityID: "alpha", id: plan.id)
        XCTAssertEqual(after.revision, 0)
        XCTAssertEqual(try service.catchment(in: after, a).polygons, [PlanningCity.west])
    }

    func testCatchmentRollbackRestoresExactGeometry() throws {
        let plan = try draft()
        let original = try service.catchment(in: plan, a).polygons
        let moved = Polygon(shell: Fixtures.rectangle(minX: 76.90, minY: 43.20, maxX: 76.9137, maxY: 43.21))
        _ = try service.replace(a, with: CatchmentSubmission(key: "a", language: "ru", schoolID: nil, geometry: .polygon(moved)),
                                in: plan, expectedVersion: [1], fix: false, comment: "move", actor: actor)
        let outcome = try service.rollback(a, toVersion: 1, in: try service.plan(cityID: "alpha", id: plan.id), expectedVersion: [2], comment: "", actor: actor)
        XCTAssertEqual(outcome.versions.first?.version, 3)
        XCTAssertEqual(try service.catchment(in: outcome.plan, a).polygons, original)
        XCTAssertEqual(try service.history(cityID: "alpha", a).map(\.operation), ["import", "replace", "rollback"])
    }

    func testSplitAndMerge() throws {
        let plan = try draft()
        let line = [Position(x: 76.905, y: 43.19), Position(x: 76.905, y: 43.22)]
        let split = try service.split(a, along: line, keys: ["a-north"], in: plan, expectedVersion: [1], comment: "", actor: actor)
        XCTAssertEqual(split.versions.map(\.key).sorted(), ["a", "a-north"])
        XCTAssertTrue(split.versions.allSatisfy { $0.schoolID == "s1" })

        let pieces = [a, CatchmentIdentity(key: "a-north", language: "ru")]
        let versions = split.versions.map(\.version)
        let merged = try service.merge(pieces, into: nil, schoolID: nil, in: split.plan, expectedVersions: versions, comment: "", actor: actor)
        let union = try XCTUnwrap(merged.versions.first { !$0.isDeletion })
        XCTAssertEqual(PlanarEdgeArea.area(of: union.polygons[0]), PlanarEdgeArea.area(of: PlanningCity.west), accuracy: 1)
        XCTAssertEqual(try service.catchments(of: merged.plan).map(\.key), ["a", "b"])
    }

    func testSplitByLineThatMissesRejected() throws {
        let plan = try draft()
        let line = [Position(x: 76.95, y: 43.19), Position(x: 76.95, y: 43.22)]
        XCTAssertThrowsError(try service.split(a, along: line, keys: [], in: plan, expectedVersion: [1], comment: "", actor: actor))
    }

    func testOverlapReportedAsWarning() throws {
        let plan = try draft()
        let wide = Polygon(shell: Fixtures.rectangle(minX: 76.90, minY: 43.20, maxX: 76.912, maxY: 43.21))
        let outcome = try service.replace(a, with: CatchmentSubmission(key: "a", language: "ru", schoolID: nil, geometry: .polygon(wide)),
                                          in: plan, expectedVersion: [1], fix: false, comment: "", actor: actor)
        XCTAssertEqual(outcome.warnings.map(\.code), ["overlap"])
        XCTAssertEqual(outcome.warnings.first?.otherKey, "b")
    }

    func testPublishRefusedWithGapThenOverridden() throws {
        let plan = try draft()
        _ = try service.delete(b, in: plan, expectedVersion: [1], comment: "", actor: actor)
        let current = try service.plan(cityID: "alpha", id: plan.id)
        XCTAssertThrowsError(try service.publish(current, expectedRevision: [1], effectiveFrom: nil, overrideReason: nil, actor: actor)) { error in
            guard case PlanServiceError.coverageErrors(let report) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(report.gaps.count, 1)
            XCTAssertEqual(report.addresses?.uncovered.count, 20)
        }
        XCTAssertEqual(try service.plan(cityID: "alpha", id: plan.id).status, .draft)

        let (published, _) = try service.publish(current, expectedRevision: [1], effectiveFrom: nil, overrideReason: "east half closes", actor: actor)
        XCTAssertEqual(published.status, .published)
        XCTAssertEqual(published.overrideReason, "east half closes")
        XCTAssertEqual(try service.planInForce(cityID: "alpha")?.id, plan.id)
        let audit = try service.store.auditEntries(cityID: "alpha")
        XCTAssertEqual(audit.first?.action, "plan.publish")
        XCTAssertTrue(audit.first?.detail.contains("east half closes") ?? false)
    }

    func testImpactListsMovedAddresses() throws {
        let plan = try draft()
        let wider = Polygon(shell: Fixtures.rectangle(minX: 76.90, minY: 43.20, maxX: 76.9125, maxY: 43.21))
        let narrower = Polygon(shell: Fixtures.rectangle(minX: 76.9125, minY: 43.20, maxX: 76.92, maxY: 43.21))
        _ = try service.replace(a, with: CatchmentSubmission(key: "a", language: "ru", schoolID: nil, geometry: .polygon(wider)), in: plan, expectedVersion: [1], fix: false, comment: "", actor: actor)
        _ = try service.replace(b, with: CatchmentSubmission(key: "b", language: "ru", schoolID: nil, geometry: .polygon(narrower)), in: try service.plan(cityID: "alpha", id: plan.id), expectedVersion: [1], fix: false, comment: "", actor: actor)
        let (base, report) = try service.impact(of: try service.plan(cityID: "alpha", id: plan.id))
        XCTAssertEqual(base?.id, plan.basedOn)
        // Columns at 76.9105 and 76.9115, two rows each, move from s2 to s1.
        XCTAssertEqual(report.changes.count, 4)
        XCTAssertTrue(report.changes.allSatisfy { $0.from == ["s2"] && $0.to == ["s1"] })
        XCTAssertEqual(report.schools.first { $0.school == "s1" }?.difference, 4)
    }

    func testPlanRollbackNeedsCurrentRevision() throws {
        let plan = try draft()
        _ = try service.delete(b, in: plan, expectedVersion: [1], comment: "", actor: actor)
        let current = try service.plan(cityID: "alpha", id: plan.id)
        XCTAssertThrowsError(try service.rollback(current, expectedRevision: [0], toRevision: 0, comment: "", actor: actor))
        let restored = try service.rollback(current, expectedRevision: [1], toRevision: 0, comment: "undo", actor: actor)
        XCTAssertEqual(try service.catchments(of: restored).map(\.key), ["a", "b"])
        XCTAssertEqual(restored.revision, 2)
    }

    func testPublishedPlanNotEditable() throws {
        let published = try XCTUnwrap(try service.planInForce(cityID: "alpha"))
        XCTAssertThrowsError(try service.delete(a, in: published, expectedVersion: [1], comment: "", actor: actor)) { error in
            guard case PlanServiceError.planNotEditable = error else { return XCTFail("unexpected \(error)") }
        }
    }

    func testCoverageRecomputedAfterOtherConnectionWrites() throws {
        let plan = try draft()
        XCTAssertEqual(try service.coverage(of: plan).addresses?.uncovered.count, 0)

        // An import through another connection adds an address outside every catchment.
        let other = try SakuraStore(path: service.store.database.path)
        var addresses = try other.addresses(cityID: "alpha")
        addresses.append(AddressRecord(id: 999, street: "улица Абая", house: "99", location: Position(x: 76.95, y: 43.205)))
        try other.replaceAddresses(cityID: "alpha", addresses)

        XCTAssertEqual(try service.coverage(of: plan).addresses?.uncovered.count, 1)
    }

    func testStaffTokenStoredOnlyAsHash() throws {
        let (user, token) = try StaffTokens.addUser(name: "Aigerim", role: .planner, cityID: "alpha", store: service.store)
        XCTAssertTrue(token.hasPrefix("skt_"))
        XCTAssertEqual(try StaffTokens.authenticate(token, store: service.store)?.id, user.id)
        let stored = try service.store.database.prepare("SELECT token_hash FROM staff_users").rows { $0.text(0) }
        XCTAssertEqual(stored, [StaffTokens.hash(token)])
        XCTAssertFalse(stored[0].contains(token))
        try service.store.disableStaffUser(id: user.id)
        XCTAssertNil(try StaffTokens.authenticate(token, store: service.store))
    }
}

final class PlanServiceRealDataTests: XCTestCase {
    func testVirginiaBeachPlanReportsOverlapsAndGaps() throws {
        guard let file = Fixtures.realData("us_va_virginia_beach_elementary_zones_sabs2015.geojson") else {
            if Fixtures.isCI { XCTFail("real data missing under \(Fixtures.realDataFolder.path), required when CI=true") }
            throw XCTSkip("real data folder \(Fixtures.realDataFolder.path) is absent; set SAKURA_REALDATA to run this test")
        }
        let store = try SakuraStore(path: Fixtures.temporaryFolder().appendingPathComponent("vb.sqlite").path)
        var options = ImportOptions()
        options.keyProperty = "zone_id"
        options.schoolProperty = "school_name"
        _ = try CatchmentImporter(store: store, options: options).run(file: file, cityID: "vb")
        let service = PlanService(store: store)
        let draft = try service.createDraft(cityID: "vb", schoolYear: "2027-2028", name: "", basedOn: nil, actor: Actor(name: "test"))

        let report = try service.coverage(of: draft)
        XCTAssertEqual(report.catchmentCount, 56)
        XCTAssertGreaterThan(report.overlaps.count, 90)
        XCTAssertGreaterThan(report.gaps.count, 50)
        XCTAssertTrue(report.overlaps.allSatisfy { $0.areaSquareMetres >= service.minimumArea })
        let json = PlanningJSON.coverage(report, cityID: "vb")
        XCTAssertEqual(json["overlaps"]?[0]?["geometry"]?["type"]?.stringValue?.hasSuffix("Polygon"), true)

        XCTAssertThrowsError(try service.publish(draft, expectedRevision: [0], effectiveFrom: nil, overrideReason: nil, actor: Actor(name: "test"))) { error in
            guard case PlanServiceError.coverageErrors(let refused) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(refused.overlaps.count, report.overlaps.count)
        }
    }
}

final class PlanServiceAddressListTests: XCTestCase {
    private let list = """
        # school: s1
        ул. Абая, 1–20
        # school: s2
        ул. Абая, 21–40
        ул. Абая, 20
        ул. Несуществующая, 5
        """

    func testAddressListReplacesSchoolsCatchments() throws {
        let service = PlanService(store: try PlanningCity.store().0)
        let plan = try service.createDraft(cityID: "alpha", schoolYear: "2027-2028", name: "", basedOn: nil, actor: Actor(name: "test"))
        let outcome = try service.importAddressList(list, into: plan, dryRun: false, comment: "decree", actor: Actor(name: "test"))

        XCTAssertEqual(outcome.result.catchments.map(\.key), ["s1-ru", "s2-ru"])
        XCTAssertEqual(outcome.result.catchments.map(\.houses.count), [20, 20])
        XCTAssertEqual(outcome.replaced.map(\.key), ["a", "b"])
        XCTAssertEqual(outcome.result.report.conflicts.count, 1, "house 20 is claimed by both schools")
        XCTAssertEqual(outcome.result.report.conflicts.first?.keptBy, "s1")
        XCTAssertEqual(outcome.result.report.unmatchedStreets.map(\.line), [6])

        let updated = try XCTUnwrap(outcome.edit?.plan)
        XCTAssertEqual(try service.catchments(of: updated).map(\.key), ["s1-ru", "s2-ru"])
        XCTAssertEqual(try service.history(cityID: "alpha", CatchmentIdentity(key: "s1-ru", language: "ru")).first?.operation, "address-list")
        let coverage = try service.coverage(of: updated)
        XCTAssertEqual(coverage.overlaps.count, 0)
        XCTAssertEqual(coverage.gaps.count, 0)
        XCTAssertEqual(coverage.addresses?.uncovered.count, 0)
    }

    func testDryRunWritesNothing() throws {
        let service = PlanService(store: try PlanningCity.store().0)
        let plan = try service.createDraft(cityID: "alpha", schoolYear: "2027-2028", name: "", basedOn: nil, actor: Actor(name: "test"))
        let outcome = try service.importAddressList(list, into: plan, dryRun: true, comment: "", actor: Actor(name: "test"))
        XCTAssertNil(outcome.edit)
        XCTAssertEqual(outcome.result.catchments.count, 2)
        XCTAssertEqual(try service.plan(cityID: "alpha", id: plan.id).revision, 0)
    }
}
