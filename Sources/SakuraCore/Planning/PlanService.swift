import Catchment
import Foundation
import Geometry
import JSON
import Store

/// The author of a change, as history and the audit log record it.
public struct Actor: Sendable {
    public var name: String
    /// The staff account, when the change comes through the API.
    public var user: StaffUser?

    public init(name: String, user: StaffUser? = nil) {
        self.name = name
        self.user = user
    }

    public init(user: StaffUser) {
        self.init(name: user.name, user: user)
    }
}

/// A catchment as a planner submits it: identity, school and geometry, not yet validated.
public struct CatchmentSubmission: Sendable {
    public var key: String
    public var language: String?
    public var schoolID: String?
    public var geometry: Geometry
    /// Extra GeoJSON properties stored with the version.
    public var properties: JSONObject

    public init(key: String, language: String?, schoolID: String?, geometry: Geometry, properties: JSONObject = JSONObject()) {
        self.key = key
        self.language = language
        self.schoolID = schoolID
        self.geometry = geometry
        self.properties = properties
    }
}

/// A problem of an accepted change that does not block it but that the planner should see.
public struct EditWarning: Sendable, Equatable {
    /// "overlap" with another catchment of the same language, or "outside_city".
    public var code: String
    /// The other catchment, for an overlap.
    public var otherKey: String?
    public var areaSquareMetres: Double
    public var location: Position?
}

/// The result of a catchment change.
public struct EditOutcome: Sendable {
    public var plan: Plan
    /// The versions written, deletions included.
    public var versions: [CatchmentVersion]
    /// Repairs made to the submitted geometry (closing, winding, make-valid with `fix`).
    public var repairs: [String]
    public var warnings: [EditWarning]
}

/// Planning operations on a city's catchment plans: drafts, edits with validation and optimistic
/// concurrency, history and rollback, coverage and impact reports, publishing.
///
/// Every write runs in one transaction together with its audit entry, so a failed request
/// changes nothing. Thread safety: wraps one `SakuraStore` connection, so an instance is used by
/// one thread at a time.
public final class PlanService {
    public let store: SakuraStore
    /// Overlaps, gaps and outside areas smaller than this many square metres are rounding noise
    /// and do not block publishing; they are counted in the report.
    public var minimumArea: Double = 1
    /// The last coverage report of a plan's current revision, reused by a publish that follows it.
    var coverageCache: CoverageCacheEntry?

    public init(store: SakuraStore) {
        self.store = store
    }

    // MARK: Plans

    public func plans(cityID: String) throws -> [Plan] {
        try store.plans(cityID: cityID)
    }

    /// Returns a plan of the city; a plan of another city is not found.
    public func plan(cityID: String, id: Int) throws -> Plan {
        guard let plan = try store.plan(id: id), plan.cityID == cityID else {
            throw PlanServiceError.planNotFound(id: String(id), cityID: cityID)
        }
        return plan
    }

    /// Returns the plan in force on a day (today by default), or nil.
    public func planInForce(cityID: String, on day: CalendarDay = .today()) throws -> Plan? {
        try store.planInForce(cityID: cityID, on: day)
    }

    /// Creates a draft copied from `basedOn`, by default from the plan in force today.
    public func createDraft(cityID: String, schoolYear: String, name: String, basedOn: Int?, actor: Actor) throws -> Plan {
        guard try store.city(id: cityID) != nil else { throw PlanServiceError.invalidInput(field: "city", reason: "city \(cityID) not found") }
        do throws(StoreError) {
            try Plan.validate(schoolYear: schoolYear)
        } catch {
            throw PlanServiceError.invalidInput(field: "school_year", reason: "\"\(schoolYear)\" is not a school year; write two consecutive years, for example 2027-2028")
        }
        let source: Int?
        if let basedOn {
            source = try plan(cityID: cityID, id: basedOn).id
        } else {
            source = try planInForce(cityID: cityID)?.id
        }
        return try store.database.transaction {
            let id = try store.createPlan(cityID: cityID, schoolYear: schoolYear, name: name, basedOn: source, author: actor.name)
            try store.recordAudit(user: actor.user, userName: actor.name, cityID: cityID, action: "plan.create", target: "plan \(id)",
                                  afterVersion: 0, detail: JSONWriter.string(["based_on": .optional(source.map { Double($0) }), "school_year": .string(schoolYear)]))
            return try plan(cityID: cityID, id: id)
        }
    }

    /// Gives up a draft, or withdraws a published plan so the plan before it is in force again.
    ///
    /// A withdrawal needs a reason, and is refused when it would leave the city without a plan in force today.
    public func retire(_ plan: Plan, reason: String, actor: Actor) throws -> Plan {
        if plan.status == .published {
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw PlanServiceError.invalidInput(field: "reason", reason: "a withdrawal needs a reason in words, which the audit log keeps")
            }
            let published = try store.publishedPlans(cityID: plan.cityID)
            let today = CalendarDay.today()
            let remaining = PlanTimeline(plans: published.filter { $0.id != plan.id })
            if PlanTimeline(plans: published).plan(on: today)?.id == plan.id, remaining.plan(on: today) == nil {
                throw PlanServiceError.invalidInput(field: "plan", reason: "plan \(plan.id) is the only plan in force; publish another plan before withdrawing it, or lookups would find no catchments")
            }
        }
        return try store.database.transaction {
            let status = try store.retirePlan(id: plan.id)
            try store.recordAudit(user: actor.user, userName: actor.name, cityID: plan.cityID, action: "plan.\(status.rawValue)", target: "plan \(plan.id)",
                                  beforeVersion: plan.revision, afterVersion: plan.revision, detail: JSONWriter.string(["reason": .string(reason)]))
            return try self.plan(cityID: plan.cityID, id: plan.id)
        }
    }

    /// Checks the revision a client based its request on; `expected` lists the `If-Match` revisions.
    public func checkRevision(_ plan: Plan, expected: [Int]) throws {
        guard expected.contains(plan.revision) else {
            throw PlanServiceError.versionMismatch(target: .plan(plan.id), expected: expected, current: plan.revision)
        }
    }

    // MARK: Catchments

    /// Returns the catchment versions a plan contains now, or at an earlier revision.
    public func catchments(of plan: Plan, revision: Int? = nil) throws -> [CatchmentVersion] {
        if let revision, !(0...plan.revision).contains(revision) {
            throw PlanServiceError.invalidInput(field: "revision", reason: "plan \(plan.id) has revisions 0 to \(plan.revision), not \(revision)")
        }
        return try store.catchmentVersions(planID: plan.id, revision: revision)
    }

    /// Resolves a key and optional language to a catchment the plan contains now.
    public func identity(in plan: Plan, key: String, language: String?) throws -> CatchmentIdentity {
        if let language { return CatchmentIdentity(key: key, language: language) }
        let languages = try store.catchmentLanguages(planID: plan.id, key: key)
        switch languages.count {
        case 0: throw PlanServiceError.catchmentNotFound(CatchmentIdentity(key: key, language: nil), planID: plan.id)
        case 1: return CatchmentIdentity(key: key, language: languages[0])
        default: throw PlanServiceError.ambiguousKey(key: key, languages: languages.map { $0 ?? "" })
        }
    }

    /// Returns the version of a catchment the plan contains now.
    public func catchment(in plan: Plan, _ identity: CatchmentIdentity) throws -> CatchmentVersion {
        guard let version = try store.memberVersions(planID: plan.id)[identity],
              let record = try store.catchmentVersion(cityID: plan.cityID, identity, version: version) else {
            throw PlanServiceError.catchmentNotFound(identity, planID: plan.id)
        }
        return record
    }

    /// Returns every version of a catchment in the city, oldest first.
    public func history(cityID: String, _ identity: CatchmentIdentity) throws -> [CatchmentVersion] {
        let versions = try store.catchmentHistory(cityID: cityID, identity)
        guard !versions.isEmpty else { throw PlanServiceError.catchmentNotFound(identity, planID: 0) }
        return versions
    }

    public func version(cityID: String, _ identity: CatchmentIdentity, version: Int) throws -> CatchmentVersion {
        guard let record = try store.catchmentVersion(cityID: cityID, identity, version: version) else {
            throw PlanServiceError.versionNotFound(identity, version: version)
        }
        return record
    }

    public func revisions(of plan: Plan) throws -> [PlanRevision] {
        try store.planRevisions(planID: plan.id)
    }

    // MARK: Publishing

    /// Publishes a draft in force from `effectiveFrom` (today by default).
    ///
    /// Refused with `coverageErrors` while the coverage report has errors, unless `overrideReason`
    /// gives a reason, which the plan and the audit log keep. Returns the published plan and the report.
    public func publish(_ plan: Plan, expectedRevision: [Int], effectiveFrom: CalendarDay?, overrideReason: String?, actor: Actor) throws -> (Plan, CoverageReport) {
        guard plan.status == .draft else { throw PlanServiceError.planNotEditable(planID: plan.id, status: plan.status, operation: "publishing") }
        try checkRevision(plan, expected: expectedRevision)
        let reason = overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let reason, reason.isEmpty {
            throw PlanServiceError.invalidInput(field: "override_reason", reason: "an override needs a reason in words; leave the field out to publish only a plan without errors")
        }
        let day = effectiveFrom ?? .today()
        if day < .today() {
            throw PlanServiceError.invalidInput(field: "effective_from", reason: "\(day) is in the past; a plan takes force today or later")
        }

        let report = try coverage(of: plan)
        if report.hasErrors && reason == nil { throw PlanServiceError.coverageErrors(report) }

        try store.database.transaction {
            try store.publishPlan(id: plan.id, effectiveFrom: day, author: actor.name, overrideReason: report.hasErrors ? reason : nil)
            var detail = JSONObject()
            detail["effective_from"] = .string(day.description)
            detail["coverage_errors"] = .bool(report.hasErrors)
            if report.hasErrors, let reason { detail["override_reason"] = .string(reason) }
            try store.recordAudit(user: actor.user, userName: actor.name, cityID: plan.cityID, action: "plan.publish", target: "plan \(plan.id)",
                                  beforeVersion: plan.revision, afterVersion: plan.revision, detail: JSONWriter.string(.object(detail)))
        }
        return (try self.plan(cityID: plan.cityID, id: plan.id), report)
    }

    /// Restores the catchments the plan held at an earlier revision, as a new revision.
    ///
    /// Works on drafts and on published plans: rolling back a published plan changes what is in force.
    public func rollback(_ plan: Plan, expectedRevision: [Int], toRevision: Int, comment: String, actor: Actor) throws -> Plan {
        guard plan.status == .draft || plan.status == .published else {
            throw PlanServiceError.planNotEditable(planID: plan.id, status: plan.status, operation: "rollback")
        }
        try checkRevision(plan, expected: expectedRevision)
        guard (0..<plan.revision).contains(toRevision) else {
            throw PlanServiceError.invalidInput(field: "revision", reason: "plan \(plan.id) is at revision \(plan.revision); give an earlier revision from 0 to \(max(0, plan.revision - 1))")
        }
        return try store.database.transaction {
            guard let result = try store.rollbackPlan(id: plan.id, toRevision: toRevision, author: actor.name, comment: comment) else {
                throw PlanServiceError.nothingToRollBack(target: .plan(plan.id))
            }
            try store.recordAudit(user: actor.user, userName: actor.name, cityID: plan.cityID, action: "plan.rollback", target: "plan \(plan.id)",
                                  beforeVersion: plan.revision, afterVersion: result.revision,
                                  detail: JSONWriter.string(["to_revision": .number(Double(toRevision)), "comment": .string(comment), "catchments_changed": .number(Double(result.versions.count))]))
            return try self.plan(cityID: plan.cityID, id: plan.id)
        }
    }
}
