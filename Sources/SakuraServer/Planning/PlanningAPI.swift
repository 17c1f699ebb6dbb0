import Foundation
import HTTPServer
import JSON
import SakuraCore
import Store

/// The planner endpoints under `/api/v1/cities/{city}/plans`: drafts, catchment edits, history,
/// coverage and impact reports, publishing and rollback.
///
/// Every endpoint needs a staff bearer token of a planner or admin of the city. Handlers run on
/// worker threads, so a long report never holds up an event loop serving parents' lookups.
public enum PlanningAPI {
    /// The largest request body a planner endpoint accepts: a detailed catchment in GeoJSON.
    public static let maxBodyBytes = 8 * 1024 * 1024

    /// Adds the planner routes to `router`.
    public static func register(into router: inout Router, desk: PlanningDesk) {
        let base = "/api/v1/cities/{city}/plans"
        func route(_ method: String, _ path: String, _ body: @escaping @Sendable (HTTPRequest, PlanService, StaffUser) throws -> HTTPResponse) {
            router.add(method, base + path, maxBodyBytes: maxBodyBytes, runsOnWorker: true) { request in
                SakuraAPI.handle(request) { request in
                    let cityID = request.pathParameters["city"] ?? ""
                    do {
                        return try desk.run { service in
                            let user = try authorize(request, service: service)
                            return try body(request, service, user)
                        }
                    } catch {
                        throw apiError(error, cityID: cityID)
                    }
                }
            }
        }

        route("GET", "") { request, service, _ in try listPlans(request, service) }
        route("POST", "") { request, service, user in try createPlan(request, service, user) }
        route("GET", "/{plan}") { request, service, _ in
            let plan = try plan(request, service: service)
            return planResponse(plan, service: service)
        }
        route("DELETE", "/{plan}") { request, service, user in try retirePlan(request, service, user, desk: desk, expected: .draft) }
        route("POST", "/{plan}/withdraw") { request, service, user in try retirePlan(request, service, user, desk: desk, expected: .published) }
        route("GET", "/{plan}/revisions") { request, service, _ in
            let plan = try plan(request, service: service)
            return .json(["plan": .number(Double(plan.id)), "revisions": .array(try service.revisions(of: plan).map(PlanningJSON.revision))])
        }
        route("POST", "/{plan}/publish") { request, service, user in try publish(request, service, user, desk: desk) }
        route("POST", "/{plan}/rollback") { request, service, user in try rollbackPlan(request, service, user, desk: desk) }
        route("GET", "/{plan}/coverage") { request, service, _ in
            let plan = try plan(request, service: service)
            let revision = try QueryParameters(request: request).integer("revision", default: nil, range: 0...Int.max)
            return .json(PlanningJSON.coverage(try service.coverage(of: plan, revision: revision), cityID: plan.cityID))
        }
        route("GET", "/{plan}/impact") { request, service, _ in try impact(request, service) }
        route("POST", "/{plan}/address-lists") { request, service, user in try importAddressList(request, service, user) }

        route("GET", "/{plan}/catchments") { request, service, _ in try catchmentCollection(request, service) }
        route("POST", "/{plan}/catchments") { request, service, user in try createCatchment(request, service, user) }
        route("POST", "/{plan}/catchments/merge") { request, service, user in try mergeCatchments(request, service, user) }
        route("GET", "/{plan}/catchments/{key}") { request, service, _ in try readCatchment(request, service) }
        route("PUT", "/{plan}/catchments/{key}") { request, service, user in try replaceCatchment(request, service, user) }
        route("PATCH", "/{plan}/catchments/{key}") { request, service, user in try patchCatchment(request, service, user) }
        route("DELETE", "/{plan}/catchments/{key}") { request, service, user in try deleteCatchment(request, service, user) }
        route("POST", "/{plan}/catchments/{key}/split") { request, service, user in try splitCatchment(request, service, user) }
        route("POST", "/{plan}/catchments/{key}/rollback") { request, service, user in try rollbackCatchment(request, service, user) }
        route("GET", "/{plan}/catchments/{key}/history") { request, service, _ in try history(request, service) }
        route("GET", "/{plan}/catchments/{key}/versions/{version}") { request, service, _ in try version(request, service) }
        route("GET", "/{plan}/catchments/{key}/diff") { request, service, _ in try difference(request, service) }

        router.add("GET", "/api/v1/cities/{city}/audit", runsOnWorker: true) { request in
            SakuraAPI.handle(request) { request in
                let cityID = request.pathParameters["city"] ?? ""
                do {
                    return try desk.run { service in
                        _ = try authorize(request, service: service)
                        let parameters = QueryParameters(request: request)
                        let limit = try parameters.integer("limit", default: 100, range: 1...1000, code: "invalid_limit")!
                        let before = try parameters.integer("before", default: nil, range: 1...Int.max)
                        return .json(["entries": .array(try service.store.auditEntries(cityID: cityID, limit: limit, beforeID: before).map(auditJSON))])
                    }
                } catch {
                    throw apiError(error, cityID: cityID)
                }
            }
        }
    }

    // MARK: Plans

    /// The plan as JSON with its ETag; `lookupsSwitched` reports whether lookups follow a change
    /// of a published plan at once (false when the snapshot rebuild failed).
    static func planResponse(_ plan: Plan, service: PlanService, status: Int = 200, lookupsSwitched: Bool? = nil) -> HTTPResponse {
        let inForce = (try? service.planInForce(cityID: plan.cityID))??.id == plan.id
        var object = PlanningJSON.plan(plan, inForceToday: inForce).objectValue!
        if let lookupsSwitched { object["lookups_switched"] = .bool(lookupsSwitched) }
        var response = HTTPResponse.json(.object(object), status: status)
        response.headers.set("ETag", tag("r", plan.revision))
        return response
    }

    static func listPlans(_ request: HTTPRequest, _ service: PlanService) throws -> HTTPResponse {
        let cityID = request.pathParameters["city"] ?? ""
        let inForce = try service.planInForce(cityID: cityID)?.id
        return .json(["plans": .array(try service.plans(cityID: cityID).map { PlanningJSON.plan($0, inForceToday: $0.id == inForce) })])
    }

    static func createPlan(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let body = try body(request)
        let schoolYear = try string(body, "school_year", required: true)!
        let name = try string(body, "name") ?? ""
        let basedOn = try integer(body, "based_on")
        let plan = try service.createDraft(cityID: request.pathParameters["city"] ?? "", schoolYear: schoolYear, name: name, basedOn: basedOn, actor: Actor(user: user))
        var response = planResponse(plan, service: service, status: 201)
        response.headers.set("Location", "/api/v1/cities/\(plan.cityID)/plans/\(plan.id)")
        return response
    }

    static func retirePlan(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser, desk: PlanningDesk, expected: Plan.Status) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        guard plan.status == expected else {
            throw PlanServiceError.planNotEditable(planID: plan.id, status: plan.status, operation: expected == .draft ? "discarding" : "withdrawal")
        }
        try service.checkRevision(plan, expected: try ifMatch(request, prefix: "r"))
        let reason = try string(try body(request), "reason") ?? ""
        let retired = try service.retire(plan, reason: reason, actor: Actor(user: user))
        guard expected == .published else { return planResponse(retired, service: service) }
        let switched = desk.reloadPlans(cityID: plan.cityID, requestID: request.requestID)
        return planResponse(retired, service: service, lookupsSwitched: switched)
    }

    static func publish(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser, desk: PlanningDesk) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let expected = try ifMatch(request, prefix: "r")
        let body = try body(request)
        let day = try string(body, "effective_from").map { text in
            do { return try CalendarDay(text, field: "effective_from") } catch {
                throw APIError(status: 422, code: "invalid_date", field: "effective_from", arguments: ["value": text])
            }
        }
        let (published, report) = try service.publish(plan, expectedRevision: expected, effectiveFrom: day,
                                                      overrideReason: try string(body, "override_reason"), actor: Actor(user: user))
        let switched = desk.reloadPlans(cityID: plan.cityID, requestID: request.requestID)
        var object = PlanningJSON.plan(published, inForceToday: try service.planInForce(cityID: plan.cityID)?.id == plan.id).objectValue!
        object["coverage_errors_overridden"] = .bool(report.hasErrors)
        object["lookups_switched"] = .bool(switched)
        var response = HTTPResponse.json(.object(object))
        response.headers.set("ETag", tag("r", published.revision))
        return response
    }

    static func rollbackPlan(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser, desk: PlanningDesk) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let expected = try ifMatch(request, prefix: "r")
        let body = try body(request)
        let revision = try integer(body, "revision", required: true)!
        let updated = try service.rollback(plan, expectedRevision: expected, toRevision: revision, comment: try comment(body), actor: Actor(user: user))
        guard updated.status == .published else { return planResponse(updated, service: service) }
        let switched = desk.reloadPlans(cityID: plan.cityID, requestID: request.requestID)
        return planResponse(updated, service: service, lookupsSwitched: switched)
    }

    static func impact(_ request: HTTPRequest, _ service: PlanService) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        let parameters = QueryParameters(request: request)
        let against = try parameters.integer("against", default: nil, range: 1...Int.max).map { try service.plan(cityID: plan.cityID, id: $0) }
        let limit = try parameters.integer("limit", default: 1_000, range: 0...100_000, code: "invalid_limit")!
        let (base, report) = try service.impact(of: plan, against: against)
        return .json(PlanningJSON.impact(report, plan: plan, base: base, limit: limit))
    }

    /// Builds catchments from an address list sent as UTF-8 text; `dry_run=true` only reports.
    static func importAddressList(_ request: HTTPRequest, _ service: PlanService, _ user: StaffUser) throws -> HTTPResponse {
        let plan = try plan(request, service: service)
        if let type = request.headers["Content-Type"] {
            let media = type.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
            guard media == "text/plain" else {
                throw APIError(status: 415, code: "unsupported_media_type", field: "Content-Type", arguments: ["value": media, "expected": "text/plain; charset=utf-8"])
            }
        }
        guard let text = String(validating: request.body, as: UTF8.self), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError(status: 422, code: "invalid_field", field: "body", arguments: ["detail": "send the address list as UTF-8 text, one school section after another"])
        }
        let parameters = QueryParameters(request: request)
        let dryRun = try parameters.code("dry_run", allowed: ["true", "false"]) == "true"
        let outcome = try service.importAddressList(text, into: plan, dryRun: dryRun, comment: parameters.text("comment") ?? "", actor: Actor(user: user))

        var object = JSONObject()
        object["plan"] = PlanningJSON.plan(outcome.edit?.plan ?? plan)
        object["dry_run"] = .bool(dryRun)
        object["built"] = .array(outcome.result.catchments.map {
            ["key": .string($0.key), "school": .string($0.schoolID), "language": .optional($0.language), "houses": .number(Double($0.houses.count))]
        })
        object["catchments"] = .array((outcome.edit?.versions ?? []).map(PlanningJSON.feature))
        object["replaced"] = .array(outcome.replaced.map { ["key": .string($0.key), "language": .optional($0.language)] })
        object["warnings"] = .array((outcome.edit?.warnings ?? []).map(PlanningJSON.warning))
        object["report"] = PlanningJSON.addressListReport(outcome.result.report)
        return .json(.object(object))
    }

    static func auditJSON(_ entry: AuditEntry) -> JSONValue {
        ["id": .number(Double(entry.id)), "at": .string(entry.at), "user_id": .optional(entry.userID.map(Double.init)), "user": .string(entry.userName),
         "action": .string(entry.action), "target": .string(entry.target), "before_version": .optional(entry.beforeVersion.map(Double.init)),
         "after_version": .optional(entry.afterVersion.map(Double.init)), "detail": (try? JSONParser.parse(entry.detail)) ?? .null]
    }
}
