import Catchment
import Foundation

extension SakuraStore {
    static let planColumns = """
        id, city_id, school_year, name, status, based_on, revision, effective_from, created_by, created_at,
        published_by, published_at, override_reason
        """

    static func plan(_ row: Row) throws -> Plan {
        guard let status = Plan.Status(rawValue: row.text(4)) else {
            throw StoreError.invalidInput(field: "plan \(row.int(0))", reason: "stored status \(row.text(4)) is unknown")
        }
        return Plan(
            id: Int(row.int(0)), cityID: row.text(1), schoolYear: row.text(2), name: row.text(3), status: status,
            basedOn: row.optionalInt(5), revision: Int(row.int(6)), effectiveFrom: try row.optionalText(7).map { try CalendarDay($0) },
            createdBy: row.text(8), createdAt: row.text(9), publishedBy: row.optionalText(10), publishedAt: row.optionalText(11),
            overrideReason: row.optionalText(12))
    }

    /// Returns one plan, or nil.
    public func plan(id: Int) throws -> Plan? {
        try database.prepare("SELECT \(Self.planColumns) FROM plans WHERE id = ?1").rows([.integer(Int64(id))], Self.plan).first
    }

    /// Returns every plan of a city, newest first.
    public func plans(cityID: String) throws -> [Plan] {
        try database.prepare("SELECT \(Self.planColumns) FROM plans WHERE city_id = ?1 ORDER BY id DESC").rows([.text(cityID)], Self.plan)
    }

    /// Returns the published plans of a city in the order they take force: by first day (plans in
    /// force since always first), then by publication.
    public func publishedPlans(cityID: String) throws -> [Plan] {
        try database.prepare("""
            SELECT \(Self.planColumns) FROM plans WHERE city_id = ?1 AND status = 'published'
            ORDER BY effective_from IS NOT NULL, effective_from, published_at, id
            """).rows([.text(cityID)], Self.plan)
    }

    /// Returns the plan in force on a day: the published plan with the latest first day on or before
    /// it, the latest published on a tie; nil when none is.
    public func planInForce(cityID: String, on day: CalendarDay) throws -> Plan? {
        PlanTimeline(plans: try publishedPlans(cityID: cityID)).plan(on: day)
    }

    /// Creates a plan and returns its id; a plan `basedOn` another starts with that plan's current catchments.
    public func createPlan(cityID: String, schoolYear: String, name: String, status: Plan.Status = .draft, basedOn: Int?, author: String) throws -> Int {
        if !schoolYear.isEmpty { try Plan.validate(schoolYear: schoolYear) }
        return try database.transaction {
            let now = Timestamp.now()
            if let basedOn {
                guard let source = try plan(id: basedOn), source.cityID == cityID else {
                    throw StoreError.notFound(entity: "plan", id: "\(basedOn) of city \(cityID)")
                }
            }
            let published = status == .published
            try database.prepare("""
                INSERT INTO plans (city_id, school_year, name, status, based_on, revision, created_by, created_at, published_by, published_at)
                VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9)
                """).run([.text(cityID), .text(schoolYear), .text(name), .text(status.rawValue), .optional(basedOn), .text(author), .text(now),
                          published ? .text(author) : .null, published ? .text(now) : .null])
            let id = Int(database.lastInsertRowID)
            if let basedOn {
                try database.prepare("""
                    INSERT INTO plan_members (plan_id, key, language, version, from_revision, to_revision)
                    SELECT ?1, key, language, version, 0, NULL FROM plan_members WHERE plan_id = ?2 AND to_revision IS NULL
                    """).run([.integer(Int64(id)), .integer(Int64(basedOn))])
            }
            let comment = basedOn.map { "copied from plan \($0)" } ?? ""
            try database.prepare("INSERT INTO plan_revisions (plan_id, revision, operation, author, comment, created_at) VALUES (?1, 0, 'create', ?2, ?3, ?4)")
                .run([.integer(Int64(id)), .text(author), .text(comment), .text(now)])
            return id
        }
    }

    /// Marks a draft published, in force from `effectiveFrom`.
    public func publishPlan(id: Int, effectiveFrom: CalendarDay, author: String, overrideReason: String?) throws {
        try database.transaction {
            guard let plan = try plan(id: id) else { throw StoreError.notFound(entity: "plan", id: String(id)) }
            guard plan.status == .draft else {
                throw StoreError.invalidInput(field: "plan", reason: "plan \(id) is \(plan.status.rawValue); only a draft can be published")
            }
            try database.prepare("""
                UPDATE plans SET status = 'published', effective_from = ?2, published_by = ?3, published_at = ?4, override_reason = ?5 WHERE id = ?1
                """).run([.integer(Int64(id)), .text(effectiveFrom.description), .text(author), .text(Timestamp.now()), .optional(overrideReason)])
        }
    }

    /// Changes a plan's status: a published plan to withdrawn, a draft to discarded.
    public func retirePlan(id: Int) throws -> Plan.Status {
        try database.transaction {
            guard let plan = try plan(id: id) else { throw StoreError.notFound(entity: "plan", id: String(id)) }
            let next: Plan.Status
            switch plan.status {
            case .draft: next = .discarded
            case .published: next = .withdrawn
            case .withdrawn, .discarded:
                throw StoreError.invalidInput(field: "plan", reason: "plan \(id) is already \(plan.status.rawValue)")
            }
            try database.prepare("UPDATE plans SET status = ?2 WHERE id = ?1").run([.integer(Int64(id)), .text(next.rawValue)])
            return next
        }
    }

    /// Returns a plan's revisions, oldest first.
    public func planRevisions(planID: Int) throws -> [PlanRevision] {
        try database.prepare("SELECT plan_id, revision, operation, author, comment, created_at FROM plan_revisions WHERE plan_id = ?1 ORDER BY revision")
            .rows([.integer(Int64(planID))]) { row in
                PlanRevision(planID: Int(row.int(0)), revision: Int(row.int(1)), operation: row.text(2), author: row.text(3), comment: row.text(4), createdAt: row.text(5))
            }
    }

    /// Restores the catchments a plan held at an earlier revision, as a new revision: catchments
    /// added since are deleted, and each changed one gets a new version with the earlier geometry.
    /// Returns nil when the plan already contains exactly that state.
    public func rollbackPlan(id: Int, toRevision revision: Int, author: String, comment: String) throws -> PlanChangeResult? {
        try database.transaction {
            guard let plan = try plan(id: id) else { throw StoreError.notFound(entity: "plan", id: String(id)) }
            guard (0..<plan.revision).contains(revision) else {
                throw StoreError.invalidInput(field: "revision", reason: "plan \(id) has revisions 0 to \(plan.revision - 1) to roll back to, not \(revision)")
            }
            let earlier = try catchmentVersions(planID: id, revision: revision)
            var current: [CatchmentIdentity: CatchmentVersion] = [:]
            for version in try catchmentVersions(planID: id) { current[CatchmentIdentity(key: version.key, language: version.language)] = version }
            var changes: [CatchmentChange] = []
            var kept = Set<CatchmentIdentity>()
            for version in earlier {
                let identity = CatchmentIdentity(key: version.key, language: version.language)
                kept.insert(identity)
                // An earlier rollback may already hold the same content under a newer version number.
                if let now = current[identity], now.hasSameContent(as: version) { continue }
                guard let catchment = version.catchment else { continue }
                changes.append(.put(catchment, properties: version.properties))
            }
            for identity in current.keys.sorted() where !kept.contains(identity) {
                changes.append(.delete(key: identity.key, language: identity.language))
            }
            guard !changes.isEmpty else { return nil }
            return try applyChanges(changes, planID: id, operation: "rollback", author: author, comment: comment.isEmpty ? "rollback to revision \(revision)" : comment)
        }
    }
}

/// The published plans of a city in the order they take force, for choosing the plan in force on a day.
public struct PlanTimeline: Sendable {
    /// Published plans sorted by first day, plans in force since always first.
    public let plans: [Plan]

    public init(plans: [Plan]) {
        self.plans = plans.filter { $0.status == .published }.sorted { a, b in
            switch (a.effectiveFrom, b.effectiveFrom) {
            case (nil, _?): return true
            case (_?, nil): return false
            case let (x?, y?) where x != y: return x < y
            default: return (a.publishedAt ?? "", a.id) < (b.publishedAt ?? "", b.id)
            }
        }
    }

    /// Returns the plan in force on `day`, or nil when no published plan has started by then.
    public func plan(on day: CalendarDay) -> Plan? {
        plans.last { plan in plan.effectiveFrom.map { $0 <= day } ?? true }
    }
}
