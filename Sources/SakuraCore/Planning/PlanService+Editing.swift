import Catchment
import Foundation
import Geometry
import JSON
import Store

extension PlanService {
    /// The maximum length of a catchment key, in characters.
    public static let maxKeyLength = 100

    // MARK: Create, replace, attributes, delete

    /// Adds a catchment to a draft. With `fix`, an invalid polygon is repaired by make-valid and an
    /// open ring closed; without it, every problem is reported in `invalidGeometry`.
    public func create(_ submission: CatchmentSubmission, in plan: Plan, fix: Bool, comment: String, actor: Actor) throws -> EditOutcome {
        try requireDraft(plan, operation: "creating a catchment")
        let identity = CatchmentIdentity(key: submission.key, language: submission.language)
        if try store.memberVersions(planID: plan.id)[identity] != nil { throw PlanServiceError.catchmentExists(identity, planID: plan.id) }
        let (catchment, repairs) = try validate(submission, cityID: plan.cityID, fix: fix)
        return try write([.put(catchment, properties: submission.properties)], plan: plan, operation: "create", comment: comment, actor: actor, repairs: repairs)
    }

    /// Replaces the geometry and attributes of a catchment; `expectedVersion` lists the `If-Match` versions.
    /// Without a school in the submission, the catchment keeps its school.
    public func replace(_ identity: CatchmentIdentity, with submission: CatchmentSubmission, in plan: Plan, expectedVersion: [Int],
                        fix: Bool, comment: String, actor: Actor) throws -> EditOutcome {
        try requireDraft(plan, operation: "changing a catchment")
        let current = try checkedCurrent(identity, in: plan, expectedVersion: expectedVersion)
        guard submission.key == identity.key, CatchmentIdentity(key: submission.key, language: submission.language) == identity else {
            throw PlanServiceError.invalidInput(field: "key", reason: "a replacement keeps the key and language (\(identity)); create a new catchment to change them")
        }
        var (catchment, repairs) = try validate(submission, cityID: plan.cityID, fix: fix)
        // A replacement without school_id keeps the school; PATCH with a null school_id unlinks it.
        if submission.schoolID == nil {
            catchment.schoolID = current.schoolID
            catchment.schoolKey = current.schoolKey
        }
        return try write([.put(catchment, properties: submission.properties)], plan: plan, operation: "replace", comment: comment, actor: actor, repairs: repairs)
    }

    /// Changes the school of a catchment and its extra properties, keeping the geometry.
    public func updateAttributes(_ identity: CatchmentIdentity, schoolID: String??, properties: JSONObject?, in plan: Plan,
                                 expectedVersion: [Int], comment: String, actor: Actor) throws -> EditOutcome {
        try requireDraft(plan, operation: "changing a catchment")
        let current = try checkedCurrent(identity, in: plan, expectedVersion: expectedVersion)
        guard var catchment = current.catchment else { throw PlanServiceError.catchmentNotFound(identity, planID: plan.id) }
        if let schoolID {
            if let schoolID { try requireSchool(schoolID, cityID: plan.cityID) }
            catchment.schoolID = schoolID
            catchment.schoolKey = schoolID
        }
        return try write([.put(catchment, properties: properties ?? current.properties)], plan: plan, operation: "attributes",
                         comment: comment, actor: actor, repairs: [])
    }

    /// Deletes a catchment from a draft; its history stays.
    public func delete(_ identity: CatchmentIdentity, in plan: Plan, expectedVersion: [Int], comment: String, actor: Actor) throws -> EditOutcome {
        try requireDraft(plan, operation: "deleting a catchment")
        _ = try checkedCurrent(identity, in: plan, expectedVersion: expectedVersion)
        return try write([.delete(key: identity.key, language: identity.language)], plan: plan, operation: "delete", comment: comment, actor: actor, repairs: [])
    }

    // MARK: Split and merge

    /// Splits a catchment along a line into pieces: the largest keeps the key, the others get
    /// `keys` in order, or "<key>-2", "<key>-3" … when `keys` is empty. Every piece keeps the school.
    public func split(_ identity: CatchmentIdentity, along line: [Position], keys: [String], in plan: Plan, expectedVersion: [Int],
                      comment: String, actor: Actor) throws -> EditOutcome {
        try requireDraft(plan, operation: "splitting a catchment")
        let current = try checkedCurrent(identity, in: plan, expectedVersion: expectedVersion)
        guard let catchment = current.catchment else { throw PlanServiceError.catchmentNotFound(identity, planID: plan.id) }
        guard line.count >= 2, Set(line).count >= 2 else {
            throw PlanServiceError.invalidInput(field: "line", reason: "a split line needs a LineString of at least two distinct positions")
        }

        let pieces = try GEOSContext.current.withGeometryErrors {
            let native = try NativeGeometry(catchment.geometry)
            return try native.split(by: try NativeGeometry(.lineString(line)))
        }
        guard pieces.count > catchment.polygons.count else {
            throw PlanServiceError.invalidInput(field: "line", reason: "the line does not cross catchment \(identity) from edge to edge, so it splits nothing")
        }

        let members = try store.memberVersions(planID: plan.id)
        var names = [identity.key]
        for index in 1..<pieces.count {
            names.append(index - 1 < keys.count ? keys[index - 1] : "\(identity.key)-\(index + 1)")
        }
        if keys.count > pieces.count - 1 {
            throw PlanServiceError.invalidInput(field: "keys", reason: "the line makes \(pieces.count) pieces, so give at most \(pieces.count - 1) new keys")
        }
        var changes: [CatchmentChange] = []
        for (index, piece) in pieces.enumerated() {
            let pieceIdentity = CatchmentIdentity(key: names[index], language: identity.language)
            try Self.validate(key: pieceIdentity.key)
            if index > 0, members[pieceIdentity] != nil { throw PlanServiceError.catchmentExists(pieceIdentity, planID: plan.id) }
            let part = Catchment(key: pieceIdentity.key, schoolKey: catchment.schoolKey, schoolID: catchment.schoolID, language: identity.language, polygons: [piece])
            changes.append(.put(part, properties: current.properties))
        }
        return try write(changes, plan: plan, operation: "split", comment: comment, actor: actor, repairs: [])
    }

    /// Merges catchments of one language into the first one: their union gets the first key (or
    /// `key`) and the school of the first (or `schoolID`), and the others are deleted.
    /// `expectedVersions` must list the current version of every merged catchment.
    public func merge(_ identities: [CatchmentIdentity], into key: String?, schoolID: String??, in plan: Plan, expectedVersions: [Int],
                      comment: String, actor: Actor) throws -> EditOutcome {
        try requireDraft(plan, operation: "merging catchments")
        guard identities.count >= 2, Set(identities).count == identities.count else {
            throw PlanServiceError.invalidInput(field: "catchments", reason: "name at least two different catchments to merge")
        }
        guard Set(identities.map(\.language)).count == 1 else {
            throw PlanServiceError.invalidInput(field: "catchments", reason: "only catchments of one language of instruction can be merged")
        }
        var records: [CatchmentVersion] = []
        for identity in identities {
            records.append(try checkedCurrent(identity, in: plan, expectedVersion: expectedVersions))
        }

        let polygons = try GEOSContext.current.withGeometryErrors {
            try NativeGeometry.union(of: records.flatMap(\.polygons)).polygonalParts().map(RingOrientation.oriented)
        }
        let target = CatchmentIdentity(key: key ?? identities[0].key, language: identities[0].language)
        try Self.validate(key: target.key)
        if !identities.contains(target), try store.memberVersions(planID: plan.id)[target] != nil {
            throw PlanServiceError.catchmentExists(target, planID: plan.id)
        }
        var merged = Catchment(key: target.key, schoolKey: records[0].schoolKey, schoolID: records[0].schoolID, language: target.language, polygons: polygons)
        if let schoolID {
            if let schoolID { try requireSchool(schoolID, cityID: plan.cityID) }
            merged.schoolID = schoolID
            merged.schoolKey = schoolID
        }
        var changes: [CatchmentChange] = [.put(merged, properties: records[0].properties)]
        for identity in identities where identity != target {
            changes.append(.delete(key: identity.key, language: identity.language))
        }
        return try write(changes, plan: plan, operation: "merge", comment: comment, actor: actor, repairs: [])
    }

    // MARK: Rollback

    /// Restores an earlier version of a catchment as a new version. A catchment the plan no longer
    /// holds is restored without `If-Match`; one it holds needs its current version in `expectedVersion`.
    public func rollback(_ identity: CatchmentIdentity, toVersion version: Int, in plan: Plan, expectedVersion: [Int]?,
                         comment: String, actor: Actor) throws -> EditOutcome {
        try requireDraft(plan, operation: "rolling back a catchment")
        let earlier = try self.version(cityID: plan.cityID, identity, version: version)
        guard let catchment = earlier.catchment else {
            throw PlanServiceError.invalidInput(field: "version", reason: "version \(version) of \(identity) is a deletion; delete the catchment instead")
        }
        if let current = try store.memberVersions(planID: plan.id)[identity] {
            guard let expectedVersion else { throw PlanServiceError.versionMismatch(target: .catchment(identity), expected: [], current: current) }
            _ = try checkedCurrent(identity, in: plan, expectedVersion: expectedVersion)
            guard current != version else { throw PlanServiceError.nothingToRollBack(target: .catchment(identity)) }
        }
        return try write([.put(catchment, properties: earlier.properties)], plan: plan, operation: "rollback",
                         comment: comment.isEmpty ? "rollback to version \(version)" : comment, actor: actor, repairs: [])
    }

    // MARK: Steps shared by the edits

    func requireDraft(_ plan: Plan, operation: String) throws {
        guard plan.status == .draft else { throw PlanServiceError.planNotEditable(planID: plan.id, status: plan.status, operation: operation) }
    }

    /// Returns the catchment's current version after checking it against the `If-Match` versions.
    func checkedCurrent(_ identity: CatchmentIdentity, in plan: Plan, expectedVersion: [Int]) throws -> CatchmentVersion {
        let current = try catchment(in: plan, identity)
        guard expectedVersion.contains(current.version) else {
            throw PlanServiceError.versionMismatch(target: .catchment(identity), expected: expectedVersion, current: current.version)
        }
        return current
    }

    func requireSchool(_ schoolID: String, cityID: String) throws {
        guard try store.school(cityID: cityID, id: schoolID) != nil else {
            throw PlanServiceError.invalidInput(field: "school_id", reason: "school \(schoolID) not found in city \(cityID); give the id of an imported school")
        }
    }

    static func validate(key: String) throws {
        let forbidden = key.unicodeScalars.contains { $0.properties.generalCategory == .control || "/?#%".unicodeScalars.contains($0) }
        guard !key.isEmpty, key.count <= maxKeyLength, !forbidden, key.trimmingCharacters(in: .whitespaces) == key else {
            throw PlanServiceError.invalidInput(field: "key", reason: "\"\(key)\" cannot be a catchment key; use 1–\(maxKeyLength) characters without /, ?, #, %, control characters or edge spaces")
        }
    }

    /// Validates a submission as an import does: key, language, school and geometry, reporting every geometry problem.
    func validate(_ submission: CatchmentSubmission, cityID: String, fix: Bool) throws -> (Catchment, [String]) {
        try Self.validate(key: submission.key)
        if let language = submission.language {
            do throws(StoreError) {
                try LanguageCode.validate(language, field: "language")
            } catch {
                throw PlanServiceError.invalidInput(field: "language", reason: "unknown language code \"\(language)\"; use one of \(LanguageCode.all.joined(separator: ", "))")
            }
        }
        if let schoolID = submission.schoolID { try requireSchool(schoolID, cityID: cityID) }

        var repairs: [String] = []
        for (index, polygon) in (submission.geometry.polygons ?? []).enumerated() where polygon.shell.count >= 4 {
            // RFC 7946 requires counter-clockwise shells of writers. Like an import, a clockwise shell is accepted and reversed.
            if !RingOrientation.isCounterClockwise(polygon.shell) {
                repairs.append("polygon \(index) exterior ring was clockwise; reversed to counter-clockwise")
            }
        }
        switch PolygonCleaner(options: CleaningOptions(fix: fix, closeOpenRings: fix)).clean(submission.geometry) {
        case .rejected(let problems):
            throw PlanServiceError.invalidGeometry(problems)
        case .accepted(let polygons, let cleaningRepairs):
            let catchment = Catchment(key: submission.key, schoolKey: submission.schoolID, schoolID: submission.schoolID,
                                      language: submission.language, polygons: polygons)
            return (catchment, repairs + cleaningRepairs)
        }
    }

    /// Writes the changes and their audit entry in one transaction, then lists the warnings of the new geometries.
    func write(_ changes: [CatchmentChange], plan: Plan, operation: String, comment: String, actor: Actor, repairs: [String]) throws -> EditOutcome {
        let (updated, versions) = try store.database.transaction {
            let result = try store.applyChanges(changes, planID: plan.id, operation: operation, author: actor.name, comment: comment)
            for identity in result.versions.keys.sorted() {
                try store.recordAudit(user: actor.user, userName: actor.name, cityID: plan.cityID, action: "catchment.\(operation)",
                                      target: "plan \(plan.id) catchment \(identity)", beforeVersion: result.previousVersions[identity],
                                      afterVersion: result.versions[identity], detail: JSONWriter.string(["comment": .string(comment), "plan_revision": .number(Double(result.revision))]))
            }
            let versions = try result.versions.keys.sorted().map { identity in
                try store.catchmentVersion(cityID: plan.cityID, identity, version: result.versions[identity]!)!
            }
            return (try self.plan(cityID: plan.cityID, id: plan.id), versions)
        }
        let warnings = try self.warnings(for: versions.compactMap(\.catchment), in: updated)
        return EditOutcome(plan: updated, versions: versions, repairs: repairs, warnings: warnings)
    }

    /// Overlaps of the changed catchments with other catchments of the same language in the plan,
    /// and their area outside the city boundary.
    func warnings(for changed: [Catchment], in plan: Plan) throws -> [EditWarning] {
        guard !changed.isEmpty else { return [] }
        let others = try store.catchments(planID: plan.id)
        let changedKeys = Set(changed.map { CatchmentIdentity(key: $0.key, language: $0.language) })
        let boundary = try store.city(id: plan.cityID)?.boundary
        var warnings: [EditWarning] = []
        try GEOSContext.current.withGeometryErrors {
            let boundaryNative = try boundary.map { try NativeGeometry.union(of: $0) }
            for catchment in changed {
                let native = try NativeGeometry(catchment.geometry)
                guard let envelope = catchment.envelope else { continue }
                for other in others where other.language == catchment.language && !changedKeys.contains(CatchmentIdentity(key: other.key, language: other.language)) {
                    guard let otherEnvelope = other.envelope, envelope.intersects(otherEnvelope) else { continue }
                    let otherNative = try NativeGeometry(other.geometry)
                    guard try native.interiorsIntersect(otherNative) else { continue }
                    let overlap = try native.intersection(otherNative)
                    let area = PlanarEdgeArea.area(of: try overlap.toGeometry())
                    guard area >= minimumArea else { continue }
                    warnings.append(EditWarning(code: "overlap", otherKey: other.key, areaSquareMetres: area, location: try overlap.pointOnSurface()))
                }
                if let boundaryNative {
                    let outside = try native.difference(boundaryNative)
                    let area = PlanarEdgeArea.area(of: try outside.toGeometry())
                    if area >= minimumArea {
                        warnings.append(EditWarning(code: "outside_city", otherKey: nil, areaSquareMetres: area, location: try outside.pointOnSurface()))
                    }
                }
            }
        }
        return warnings
    }
}

extension GEOSContext {
    /// Runs GEOS work and reports a GEOS failure as a planning error naming the geometry.
    func withGeometryErrors<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as GeometryError {
            throw PlanServiceError.invalidGeometry([GeometryProblem(reason: error.description)])
        }
    }
}
