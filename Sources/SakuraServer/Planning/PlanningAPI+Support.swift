import Foundation
import Geometry
import HTTPServer
import JSON
import SakuraCore
import Store

extension PlanningAPI {
    // MARK: Authorization

    /// Returns the staff account of the bearer token after checking that it may plan in the city.
    ///
    /// 401 without a token or with an unknown one, 404 for an unknown city, 403 for a role or city the account lacks.
    static func authorize(_ request: HTTPRequest, service: PlanService) throws -> StaffUser {
        let challenge = ["WWW-Authenticate": "Bearer realm=\"sakura\""]
        guard let header = request.headers["Authorization"], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw APIError(status: 401, code: "missing_token", field: "Authorization", headers: challenge)
        }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        guard let user = try StaffTokens.authenticate(token, store: service.store) else {
            throw APIError(status: 401, code: "invalid_token", field: "Authorization", headers: ["WWW-Authenticate": "Bearer realm=\"sakura\", error=\"invalid_token\""])
        }
        let cityID = request.pathParameters["city"] ?? ""
        guard try service.store.city(id: cityID) != nil else {
            throw APIError(status: 404, code: "city_not_found", field: "city", arguments: ["city": cityID])
        }
        guard user.mayPlan(cityID: cityID) else {
            throw APIError(status: 403, code: "forbidden", arguments: ["role": user.role.rawValue, "city": cityID])
        }
        return user
    }

    /// Returns the plan named in the path, checking it belongs to the request's city.
    static func plan(_ request: HTTPRequest, service: PlanService) throws -> Plan {
        let cityID = request.pathParameters["city"] ?? ""
        let raw = request.pathParameters["plan"] ?? ""
        guard let id = Int(raw), id > 0 else {
            throw APIError(status: 404, code: "plan_not_found", field: "plan", arguments: ["plan": raw, "city": cityID])
        }
        return try service.plan(cityID: cityID, id: id)
    }

    // MARK: Request bodies

    /// Reads the body as a JSON object; an empty body is an empty object.
    static func body(_ request: HTTPRequest) throws -> JSONObject {
        if let type = request.headers["Content-Type"], !request.body.isEmpty {
            let media = type.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
            guard media == "application/json" || media == "application/geo+json" else {
                throw APIError(status: 415, code: "unsupported_media_type", field: "Content-Type", arguments: ["value": media, "expected": "application/json"])
            }
        }
        guard !request.body.isEmpty else { return JSONObject() }
        do {
            guard let object = try JSONParser.parse(bytes: request.body).objectValue else {
                throw APIError(status: 400, code: "invalid_body", arguments: ["detail": "expected a JSON object"])
            }
            return object
        } catch let error as JSONParseError {
            throw APIError(status: 400, code: "invalid_body", arguments: ["detail": error.description])
        }
    }

    static func string(_ object: JSONObject, _ name: String, required: Bool = false) throws -> String? {
        guard let value = object[name], value != .null else {
            if required { throw APIError(status: 422, code: "invalid_field", field: name, arguments: ["detail": "the field is required"]) }
            return nil
        }
        guard let text = value.stringValue else {
            throw APIError(status: 422, code: "invalid_field", field: name, arguments: ["detail": "expected a string, got \(value.typeName)"])
        }
        return text
    }

    static func integer(_ object: JSONObject, _ name: String, required: Bool = false) throws -> Int? {
        guard let value = object[name], value != .null else {
            if required { throw APIError(status: 422, code: "invalid_field", field: name, arguments: ["detail": "the field is required"]) }
            return nil
        }
        guard let number = value.doubleValue, number.rounded() == number, abs(number) < 1e15 else {
            throw APIError(status: 422, code: "invalid_field", field: name, arguments: ["detail": "expected a whole number"])
        }
        return Int(number)
    }

    /// Reads the `comment` member, at most 2,000 characters.
    static func comment(_ object: JSONObject) throws -> String {
        let text = try string(object, "comment") ?? ""
        guard text.count <= 2_000 else {
            throw APIError(status: 422, code: "invalid_field", field: "comment", arguments: ["detail": "keep the comment under 2000 characters"])
        }
        return text
    }

    // MARK: Preconditions

    /// Reads the versions listed in `If-Match` as entity tags `"<prefix><number>"`.
    ///
    /// 428 when the header is missing or is `*`: every change must name the version it was based on.
    /// Weak tags never match, as RFC 9110 requires for `If-Match`.
    static func ifMatch(_ request: HTTPRequest, prefix: Character) throws -> [Int] {
        guard let header = request.headers["If-Match"]?.trimmingCharacters(in: .whitespaces), !header.isEmpty, header != "*" else {
            throw APIError(status: 428, code: "precondition_required", field: "If-Match")
        }
        var versions: [Int] = []
        for part in header.split(separator: ",") {
            let tag = part.trimmingCharacters(in: .whitespaces)
            guard tag.count >= 3, tag.first == "\"", tag.last == "\"" else { continue }
            let inner = tag.dropFirst().dropLast()
            guard inner.first == prefix, let number = Int(inner.dropFirst()) else { continue }
            versions.append(number)
        }
        // Weak tags are entity tags that never match; text that is no entity tag at all is a malformed header.
        let wellFormed = header.split(separator: ",").allSatisfy { part in
            let tag = part.trimmingCharacters(in: .whitespaces)
            let opaque = tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag
            return opaque.count >= 2 && opaque.first == "\"" && opaque.last == "\""
        }
        guard wellFormed else {
            throw APIError(status: 400, code: "invalid_field", field: "If-Match",
                           arguments: ["detail": "write the ETag exactly as the server sent it, with its double quotes, for example \"\(prefix)3\""])
        }
        return versions
    }

    static func tag(_ prefix: Character, _ number: Int) -> String { "\"\(prefix)\(number)\"" }

    // MARK: Errors

    /// Maps a planning or store error to the API error shape.
    static func apiError(_ error: Error, cityID: String) -> Error {
        switch error {
        case let error as PlanServiceError:
            return apiError(error, cityID: cityID)
        case StoreError.invalidInput(let field, let reason):
            return APIError(status: 422, code: "invalid_field", field: field, arguments: ["detail": reason])
        case StoreError.notFound(let entity, let id):
            return APIError(status: 404, code: "invalid_field", field: entity, arguments: ["detail": "\(entity) \(id) not found"])
        default:
            return error
        }
    }

    static func apiError(_ error: PlanServiceError, cityID: String) -> APIError {
        switch error {
        case .planNotFound(let id, let cityID):
            return APIError(status: 404, code: "plan_not_found", field: "plan", arguments: ["plan": id, "city": cityID])
        case .catchmentNotFound(let identity, let planID):
            return APIError(status: 404, code: "catchment_not_found", field: "key", arguments: ["key": identity.description, "plan": String(planID)])
        case .ambiguousKey(let key, let languages):
            return APIError(status: 400, code: "ambiguous_key", field: "language", arguments: ["key": key, "languages": languages.joined(separator: ", ")])
        case .versionNotFound(let identity, let version):
            return APIError(status: 404, code: "version_not_found", field: "version", arguments: ["key": identity.description, "version": String(version)])
        case .planNotEditable(let planID, let status, _):
            return APIError(status: 409, code: "plan_not_editable", field: "plan", arguments: ["plan": String(planID), "status": status.rawValue])
        case .catchmentExists(let identity, let planID):
            return APIError(status: 409, code: "catchment_exists", field: "key", arguments: ["key": identity.description, "plan": String(planID)])
        case .versionMismatch(let target, _, let current):
            var error = APIError(status: 412, code: "precondition_failed", field: "If-Match", arguments: targetArguments(target).merging(["current": String(current)]) { a, _ in a },
                                 details: JSONObject(["current_version": .number(Double(current))]))
            error.messageKey = "precondition_failed_" + targetKind(target)
            return error
        case .invalidGeometry(let problems):
            return APIError(status: 422, code: "invalid_geometry", field: "geometry", arguments: ["count": String(problems.count)],
                            details: JSONObject(["problems": .array(problems.map(PlanningJSON.problem))]))
        case .invalidInput(let field, let reason):
            return APIError(status: 422, code: "invalid_field", field: field, arguments: ["detail": reason])
        case .coverageErrors(let report):
            let arguments = [
                "overlaps": String(report.overlaps.count), "gaps": String(report.gaps.count), "invalid": String(report.invalid.count),
                "uncovered": String(report.addresses?.uncovered.count ?? 0), "doubled": String(report.addresses?.multiplyCovered.count ?? 0),
            ]
            return APIError(status: 409, code: "coverage_errors", field: "override_reason", arguments: arguments,
                            details: JSONObject(["report": PlanningJSON.coverage(report, cityID: cityID)]))
        case .nothingToRollBack(let target):
            return APIError(status: 409, code: "nothing_to_roll_back", arguments: targetArguments(target), messageKey: "nothing_to_roll_back_" + targetKind(target))
        }
    }

    static func targetKind(_ target: PlanningTarget) -> String {
        if case .plan = target { return "plan" }
        return "catchment"
    }

    static func targetArguments(_ target: PlanningTarget) -> [String: String] {
        switch target {
        case .plan(let id): return ["plan": String(id)]
        case .catchment(let identity): return ["key": identity.description]
        }
    }
}
