import Foundation
import Geometry
import HTTPServer
import JSON
import SakuraCore
import Store

extension PlanningAPI {
    // MARK: Reading

    static func catchmentCollection(_ request: HTTPRequest, _ service: PlanService) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let revision = try QueryParameters(request: request).integer("revision", default: nil, range: 0...Int.max)
        var collection = GeoJSONWriter.featureCollection(try service.catchments(of: plan, revision: revision).map(PlanningJSON.feature)).objectValue!
        collection["plan"] = .number(Double(plan.id))
        collection["revision"] = .number(Double(revision ?? plan.revision))
        var response = HTTPResponse.json(.object(collection), contentType: "application/geo+json")
        response.headers.set("ETag", tag("r", plan.revision))
        return response
    }

    /// Resolves the catchment of the path: `{key}` with the optional `language` parameter.
    static func identity(_ request: HTTPRequest, plan: Plan, service: PlanService) throws -> CatchmentIdentity {
        let language = try QueryParameters(request: request).code("language", allowed: LanguageCode.all)
        return try service.identity(in: plan, key: request.pathParameters["key"] ?? "", language: language)
    }

    static func readCatchment(_ request: HTTPRequest, _ service: PlanService) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let current = try service.catchment(in: plan, try identity(request, plan: plan, service: service))
        var response = HTTPResponse.json(PlanningJSON.feature(current), contentType: "application/geo+json")
        response.headers.set("ETag", tag("v", current.version))
        return response
    }

    static func history(_ request: HTTPRequest, _ service: PlanService) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let identity = try historyIdentity(request, plan: plan, service: service)
        let versions = try service.history(cityID: plan.cityID, identity)
        var collection = GeoJSONWriter.featureCollection(versions.map(PlanningJSON.feature)).objectValue!
        collection["key"] = .string(identity.key)
        collection["language"] = .optional(identity.language)
        return .json(.object(collection), contentType: "application/geo+json")
    }

    static func version(_ request: HTTPRequest, _ service: PlanService) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let identity = try historyIdentity(request, plan: plan, service: service)
        let raw = request.pathParameters["version"] ?? ""
        guard let number = Int(raw), number > 0 else {
            throw APIError(status: 404, code: "version_not_found", field: "version", arguments: ["key": identity.description, "version": raw])
        }
        let record = try service.version(cityID: plan.cityID, identity, version: number)
        return .json(PlanningJSON.feature(record), contentType: "application/geo+json")
    }

    static func difference(_ request: HTTPRequest, _ service: PlanService) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let identity = try historyIdentity(request, plan: plan, service: service)
        let parameters = QueryParameters(request: request)
        guard let from = try parameters.integer("from", default: nil, range: 1...Int.max) else { throw APIError.missing("from") }
        guard let to = try parameters.integer("to", default: nil, range: 1...Int.max) else { throw APIError.missing("to") }
        for (field, number) in [("from", from), ("to", to)] where (try? service.version(cityID: plan.cityID, identity, version: number)) == nil {
            throw APIError(status: 404, code: "version_not_found", field: field, arguments: ["key": identity.description, "version": String(number)])
        }
        return .json(PlanningJSON.difference(try service.difference(cityID: plan.cityID, identity, from: from, to: to)), contentType: "application/geo+json")
    }

    /// History also reaches catchments the plan no longer holds, so a deleted one can be found and restored.
    static func historyIdentity(_ request: HTTPRequest, plan: Plan, service: PlanService) throws -> CatchmentIdentity {
        let language = try QueryParameters(request: request).code("language", allowed: LanguageCode.all)
        let key = request.pathParameters["key"] ?? ""
        if language == nil, (try? service.identity(in: plan, key: key, language: nil)) == nil {
            return CatchmentIdentity(key: key, language: nil)
        }
        return try service.identity(in: plan, key: key, language: language)
    }

    // MARK: Writing

    static func fix(_ request: HTTPRequest) throws -> Bool {
        switch QueryParameters(request: request).text("fix") {
        case nil, "false", "0": return false
        case "true", "1": return true
        case let value?: throw APIError.unknownCode("fix", value, allowed: ["true", "false"])
        }
    }

    /// Reads a GeoJSON Feature body into a submission; `pathKey` is the key of the URL for a replacement.
    static func submission(_ request: HTTPRequest, pathKey: String?, pathLanguage: String?) throws -> (CatchmentSubmission, comment: String) {
        _ = try body(request)
        let document: GeoJSONDocument
        do {
            document = try GeoJSONReader.read(Data(request.body))
        } catch {
            throw APIError(status: 400, code: "invalid_body", arguments: ["detail": error.description])
        }
        if !document.problems.isEmpty {
            throw PlanServiceError.invalidGeometry(document.problems.map { GeometryProblem(reason: $0.reason) })
        }
        guard document.featureCount == 1 else {
            throw APIError(status: 422, code: "invalid_field", field: "body", arguments: ["detail": "send one GeoJSON Feature, not \(document.featureCount)"])
        }
        guard let feature = document.features.first else {
            throw APIError(status: 422, code: "invalid_field", field: "geometry", arguments: ["detail": "the Feature has no geometry; send a Polygon or MultiPolygon"])
        }

        var properties = feature.properties
        let key = try string(properties, "key") ?? pathKey ?? feature.id?.scalarText
        guard let key else { throw APIError(status: 422, code: "invalid_field", field: "key", arguments: ["detail": "the field is required"]) }
        if let pathKey, key != pathKey {
            throw APIError(status: 422, code: "invalid_field", field: "key", arguments: ["detail": "the body names \(key) but the URL names \(pathKey)"])
        }
        let language = try string(properties, "language") ?? pathLanguage
        let schoolID = try string(properties, "school_id")
        let comment = try self.comment(properties)
        for name in ["key", "language", "school_id", "comment", "version", "operation", "author", "created_at", "plan", "school_key"] {
            properties[name] = nil
        }
        return (CatchmentSubmission(key: key, language: language, schoolID: schoolID, geometry: feature.geometry, properties: properties), comment)
    }

    static func editResponse(_ outcome: EditOutcome, status: Int = 200) -> HTTPResponse {
        var object = JSONObject()
        object["plan"] = PlanningJSON.plan(outcome.plan)
        object["catchments"] = .array(outcome.versions.map(PlanningJSON.feature))
        object["repairs"] = .array(outcome.repairs.map { .string($0) })
        object["warnings"] = .array(outcome.warnings.map(PlanningJSON.warning))
        var response = HTTPResponse.json(.object(object), status: status)
        let stored = outcome.versions.filter { !$0.isDeletion }
        if stored.count == 1 { response.headers.set("ETag", tag("v", stored[0].version)) }
        return response
    }

    static func createCatchment(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let (submission, comment) = try submission(request, pathKey: nil, pathLanguage: nil)
        let outcome = try service.create(submission, in: plan, fix: try fix(request), comment: comment, actor: Actor(user: user))
        var response = editResponse(outcome, status: 201)
        let encoded = submission.key.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? submission.key
        response.headers.set("Location", "/api/v1/cities/\(plan.cityID)/plans/\(plan.id)/catchments/\(encoded)" + (submission.language.map { "?language=\($0)" } ?? ""))
        return response
    }

    static func replaceCatchment(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let expected = try ifMatch(request, prefix: "v")
        let identity = try identity(request, plan: plan, service: service)
        let (submission, comment) = try submission(request, pathKey: identity.key, pathLanguage: identity.language)
        return editResponse(try service.replace(identity, with: submission, in: plan, expectedVersion: expected, fix: try fix(request), comment: comment, actor: Actor(user: user)))
    }

    static func patchCatchment(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let expected = try ifMatch(request, prefix: "v")
        let identity = try identity(request, plan: plan, service: service)
        let body = try body(request)
        let schoolID: String?? = body["school_id"] == nil ? .none : .some(try string(body, "school_id"))
        var properties: JSONObject? = nil
        if let value = body["properties"] {
            guard let object = value.objectValue else {
                throw APIError(status: 422, code: "invalid_field", field: "properties", arguments: ["detail": "expected a JSON object"])
            }
            properties = object
        }
        guard schoolID != nil || properties != nil else {
            throw APIError(status: 422, code: "invalid_field", field: "body", arguments: ["detail": "give school_id or properties to change; replace the geometry with PUT"])
        }
        return editResponse(try service.updateAttributes(identity, schoolID: schoolID, properties: properties, in: plan, expectedVersion: expected,
                                                         comment: try comment(body), actor: Actor(user: user)))
    }

    static func deleteCatchment(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let expected = try ifMatch(request, prefix: "v")
        let identity = try identity(request, plan: plan, service: service)
        let comment = try self.comment(try body(request))
        return editResponse(try service.delete(identity, in: plan, expectedVersion: expected, comment: comment, actor: Actor(user: user)))
    }

    static func splitCatchment(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let expected = try ifMatch(request, prefix: "v")
        let identity = try identity(request, plan: plan, service: service)
        let body = try body(request)
        guard let lineValue = body["line"] else { throw APIError(status: 422, code: "invalid_field", field: "line", arguments: ["detail": "the field is required"]) }
        let document: GeoJSONDocument
        do {
            document = try GeoJSONReader.read(JSONWriter.string(lineValue))
        } catch {
            throw APIError(status: 422, code: "invalid_field", field: "line", arguments: ["detail": error.description])
        }
        if let problem = document.problems.first {
            throw APIError(status: 422, code: "invalid_field", field: "line", arguments: ["detail": problem.reason])
        }
        guard document.features.count == 1, case .lineString(let line) = document.features[0].geometry else {
            throw APIError(status: 422, code: "invalid_field", field: "line", arguments: ["detail": "expected a GeoJSON LineString"])
        }
        var keys: [String] = []
        if let value = body["keys"] {
            guard let array = value.arrayValue, array.allSatisfy({ $0.stringValue != nil }) else {
                throw APIError(status: 422, code: "invalid_field", field: "keys", arguments: ["detail": "expected an array of strings"])
            }
            keys = array.compactMap(\.stringValue)
        }
        return editResponse(try service.split(identity, along: line, keys: keys, in: plan, expectedVersion: expected,
                                              comment: try comment(body), actor: Actor(user: user)))
    }

    static func mergeCatchments(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let expected = try ifMatch(request, prefix: "v")
        let body = try body(request)
        guard let items = body["catchments"]?.arrayValue else {
            throw APIError(status: 422, code: "invalid_field", field: "catchments", arguments: ["detail": "expected an array of {\"key\", \"language\"} objects"])
        }
        var identities: [CatchmentIdentity] = []
        for item in items {
            guard let object = item.objectValue, let key = try string(object, "key", required: true) else {
                throw APIError(status: 422, code: "invalid_field", field: "catchments", arguments: ["detail": "expected an array of {\"key\", \"language\"} objects"])
            }
            identities.append(try service.identity(in: plan, key: key, language: try string(object, "language")))
        }
        let schoolID: String?? = body["school_id"] == nil ? .none : .some(try string(body, "school_id"))
        return editResponse(try service.merge(identities, into: try string(body, "key"), schoolID: schoolID, in: plan, expectedVersions: expected,
                                              comment: try comment(body), actor: Actor(user: user)))
    }

    static func rollbackCatchment(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let identity = try historyIdentity(request, plan: plan, service: service)
        let body = try body(request)
        let version = try integer(body, "version", required: true)!
        let expected: [Int]?
        if try service.store.memberVersions(planID: plan.id)[identity] != nil {
            expected = try ifMatch(request, prefix: "v")
        } else {
            expected = nil
        }
        return editResponse(try service.rollback(identity, toVersion: version, in: plan, expectedVersion: expected, comment: try comment(body), actor: Actor(user: user)))
    }
}
