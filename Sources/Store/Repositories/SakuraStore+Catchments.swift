import Catchment
import Geometry
import JSON

/// The outcome of writing changes into a plan.
public struct PlanChangeResult: Sendable {
    /// The plan's revision after the change.
    public var revision: Int
    /// The version each changed catchment got; deletions get a version too.
    public var versions: [CatchmentIdentity: Int]
    /// The version each changed catchment had in the plan before, absent for a new one.
    public var previousVersions: [CatchmentIdentity: Int]
}

extension SakuraStore {
    // MARK: Reading

    /// Returns the catchments of the plan in force today, by key and language; empty when the city has no plan.
    public func catchments(cityID: String) throws -> [Catchment] {
        guard let plan = try planInForce(cityID: cityID, on: .today()) else { return [] }
        return try catchments(planID: plan.id)
    }

    /// Returns the catchments of a plan at a revision (default: the current one), by key and language.
    public func catchments(planID: Int, revision: Int? = nil) throws -> [Catchment] {
        try catchmentVersions(planID: planID, revision: revision).compactMap(\.catchment)
    }

    /// Returns the catchment versions a plan contains at a revision (default: the current one), by key and language.
    public func catchmentVersions(planID: Int, revision: Int? = nil) throws -> [CatchmentVersion] {
        guard let plan = try plan(id: planID) else { throw StoreError.notFound(entity: "plan", id: String(planID)) }
        let at = revision ?? plan.revision
        return try database.prepare("""
            SELECT \(Self.versionColumns) FROM plan_members m
            JOIN catchment_versions v ON v.city_id = ?1 AND v.key = m.key AND v.language = m.language AND v.version = m.version
            WHERE m.plan_id = ?2 AND m.from_revision <= ?3 AND (m.to_revision IS NULL OR m.to_revision > ?3)
            ORDER BY m.key, m.language
            """).rows([.text(plan.cityID), .integer(Int64(planID)), .integer(Int64(at))], Self.catchmentVersion)
    }

    /// Returns the version of each catchment a plan contains now.
    public func memberVersions(planID: Int) throws -> [CatchmentIdentity: Int] {
        var versions: [CatchmentIdentity: Int] = [:]
        try database.prepare("SELECT key, language, version FROM plan_members WHERE plan_id = ?1 AND to_revision IS NULL")
            .forEachRow([.integer(Int64(planID))]) { row in
                versions[CatchmentIdentity(key: row.text(0), language: row.text(1))] = Int(row.int(2))
            }
        return versions
    }

    /// Returns one version of a catchment, or nil.
    public func catchmentVersion(cityID: String, _ identity: CatchmentIdentity, version: Int) throws -> CatchmentVersion? {
        try database.prepare("SELECT \(Self.versionColumns) FROM catchment_versions v WHERE city_id = ?1 AND key = ?2 AND language = ?3 AND version = ?4")
            .rows([.text(cityID), .text(identity.key), .text(identity.language ?? ""), .integer(Int64(version))], Self.catchmentVersion).first
    }

    /// Returns every version of a catchment in the city, oldest first, whichever plan made it.
    public func catchmentHistory(cityID: String, _ identity: CatchmentIdentity) throws -> [CatchmentVersion] {
        try database.prepare("SELECT \(Self.versionColumns) FROM catchment_versions v WHERE city_id = ?1 AND key = ?2 AND language = ?3 ORDER BY version")
            .rows([.text(cityID), .text(identity.key), .text(identity.language ?? "")], Self.catchmentVersion)
    }

    /// Returns the languages under which a key exists in the city, for resolving a key given without one.
    public func catchmentLanguages(planID: Int, key: String) throws -> [String?] {
        try database.prepare("SELECT language FROM plan_members WHERE plan_id = ?1 AND key = ?2 AND to_revision IS NULL ORDER BY language")
            .rows([.integer(Int64(planID)), .text(key)]) { row in row.text(0).isEmpty ? nil : row.text(0) }
    }

    static let versionColumns = """
        v.key, v.language, v.version, v.operation, v.school_key, v.school_id, v.geometry, v.properties, v.plan_id, v.author, v.comment, v.created_at
        """

    static func catchmentVersion(_ row: Row) throws -> CatchmentVersion {
        var polygons: [Polygon] = []
        if !row.isNull(6) {
            let geometry = try WKB.decode(row.blob(6))
            guard let parts = geometry.polygons else {
                throw StoreError.invalidInput(field: "catchment \(row.text(0))", reason: "stored geometry is a \(geometry.typeName)")
            }
            polygons = parts
        }
        let properties = (try? JSONParser.parse(row.text(7)))?.objectValue ?? JSONObject()
        let language = row.text(1)
        return CatchmentVersion(
            key: row.text(0), language: language.isEmpty ? nil : language, version: Int(row.int(2)), operation: row.text(3),
            schoolKey: row.optionalText(4), schoolID: row.optionalText(5), polygons: polygons, properties: properties,
            planID: row.optionalInt(8), author: row.text(9), comment: row.text(10), createdAt: row.text(11))
    }

    // MARK: Writing

    /// Writes changes into a plan as one new revision: each `put` becomes the catchment's next version,
    /// each `delete` a version without geometry, and the plan then contains the new versions.
    ///
    /// Atomic: runs in a transaction (a savepoint inside the caller's). Throws `invalidInput` when
    /// the plan is withdrawn or discarded, when two changes name the same catchment, or when a
    /// deletion names a catchment the plan does not hold.
    @discardableResult
    public func applyChanges(_ changes: [CatchmentChange], planID: Int, operation: String, author: String, comment: String = "") throws -> PlanChangeResult {
        try database.transaction {
            guard let plan = try plan(id: planID) else { throw StoreError.notFound(entity: "plan", id: String(planID)) }
            guard plan.status == .draft || plan.status == .published else {
                throw StoreError.invalidInput(field: "plan", reason: "plan \(planID) is \(plan.status.rawValue) and cannot change")
            }
            var seen = Set<CatchmentIdentity>()
            for change in changes where !seen.insert(change.identity).inserted {
                throw StoreError.invalidInput(field: "catchments", reason: "\(change.identity) is changed twice in one revision")
            }

            let members = try memberVersions(planID: planID)
            let revision = plan.revision + 1
            let now = Timestamp.now()
            let nextVersion = try database.prepare("SELECT COALESCE(MAX(version), 0) + 1 FROM catchment_versions WHERE city_id = ?1 AND key = ?2 AND language = ?3")
            let insertVersion = try database.prepare("""
                INSERT INTO catchment_versions (city_id, key, language, version, operation, school_key, school_id, geometry,
                    min_lon, min_lat, max_lon, max_lat, properties, plan_id, author, comment, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
                """)
            let closeMember = try database.prepare("UPDATE plan_members SET to_revision = ?4 WHERE plan_id = ?1 AND key = ?2 AND language = ?3 AND to_revision IS NULL")
            let openMember = try database.prepare("""
                INSERT INTO plan_members (plan_id, key, language, version, from_revision, to_revision) VALUES (?1, ?2, ?3, ?4, ?5, NULL)
                """)

            var result = PlanChangeResult(revision: revision, versions: [:], previousVersions: [:])
            for change in changes {
                let identity = change.identity
                let language = identity.language ?? ""
                let version = Int(try nextVersion.rows([.text(plan.cityID), .text(identity.key), .text(language)]) { $0.int(0) }.first ?? 1)
                var values: [SQLValue] = [.text(plan.cityID), .text(identity.key), .text(language), .integer(Int64(version)), .text(operation)]

                switch change {
                case .put(let catchment, let properties):
                    guard let envelope = catchment.envelope else {
                        throw StoreError.invalidInput(field: "catchment \(identity)", reason: "has no polygons")
                    }
                    values += [.optional(catchment.schoolKey), .optional(catchment.schoolID), .blob(WKB.encode(catchment.geometry)),
                               .real(envelope.minX), .real(envelope.minY), .real(envelope.maxX), .real(envelope.maxY),
                               .text(JSONWriter.string(.object(properties)))]
                case .delete:
                    guard members[identity] != nil else {
                        throw StoreError.notFound(entity: "catchment", id: "\(identity) in plan \(planID)")
                    }
                    values += [.null, .null, .null, .null, .null, .null, .null, .text("{}")]
                }
                values += [.integer(Int64(planID)), .text(author), .text(comment), .text(now)]
                try insertVersion.run(values)

                if let previous = members[identity] {
                    result.previousVersions[identity] = previous
                    try closeMember.run([.integer(Int64(planID)), .text(identity.key), .text(language), .integer(Int64(revision))])
                }
                if case .put = change {
                    try openMember.run([.integer(Int64(planID)), .text(identity.key), .text(language), .integer(Int64(version)), .integer(Int64(revision))])
                }
                result.versions[identity] = version
            }

            try database.prepare("UPDATE plans SET revision = ?2 WHERE id = ?1").run([.integer(Int64(planID)), .integer(Int64(revision))])
            try database.prepare("""
                INSERT INTO plan_revisions (plan_id, revision, operation, author, comment, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """).run([.integer(Int64(planID)), .integer(Int64(revision)), .text(operation), .text(author), .text(comment), .text(now)])
            return result
        }
    }

    /// Replaces every catchment of the plan in force today with `catchments`, as an import: catchments
    /// missing from the new set are deleted and every given one gets its next version. A city
    /// without a plan gets one, published and in force since always.
    ///
    /// Atomic: runs in a transaction (a savepoint inside the caller's).
    public func replaceCatchments(cityID: String, _ catchments: [Catchment], properties: [JSONObject]? = nil) throws {
        try database.transaction {
            let planID: Int
            if let plan = try planInForce(cityID: cityID, on: .today()) {
                planID = plan.id
            } else {
                planID = try createPlan(cityID: cityID, schoolYear: "", name: "imported", status: .published, basedOn: nil, author: "import")
            }
            try replaceCatchments(planID: planID, catchments, properties: properties, operation: "import", author: "import")
        }
    }

    /// Replaces every catchment of a plan with `catchments` in one revision.
    @discardableResult
    public func replaceCatchments(planID: Int, _ catchments: [Catchment], properties: [JSONObject]? = nil,
                                  operation: String, author: String, comment: String = "") throws -> PlanChangeResult {
        let incoming = Set(catchments.map { CatchmentIdentity(key: $0.key, language: $0.language) })
        var changes: [CatchmentChange] = catchments.enumerated().map { index, catchment in
            .put(catchment, properties: properties?[index] ?? JSONObject())
        }
        for identity in try memberVersions(planID: planID).keys.sorted() where !incoming.contains(identity) {
            changes.append(.delete(key: identity.key, language: identity.language))
        }
        return try applyChanges(changes, planID: planID, operation: operation, author: author, comment: comment)
    }
}
