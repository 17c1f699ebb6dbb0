import Catchment
import Foundation
import Geometry
import HTTPServer
import JSON
import Localization
import SakuraCore
import Store

/// The public API v1 and the operational endpoints, as routes for `HTTPServer`.
public enum SakuraAPI {
    /// The maximum number of schools one nearby request returns.
    public static let maxNearbyLimit = 50
    /// How far outside a city's extent a point may lie before lookups reject it, in metres.
    public static let maxDistanceOutsideCity = 30_000.0

    /// Builds the router; `metrics` is read by `/metrics` once the server exists. Without `planning`
    /// the planner endpoints are left out, and without `identity` the parent login and settings endpoints.
    public static func router(catalog: CityCatalog, planning: PlanningDesk? = nil, identity: IdentityServices? = nil,
                              metrics: @escaping @Sendable () -> ServerMetrics?) -> Router {
        var router = Router()
        if let planning { PlanningAPI.register(into: &router, desk: planning) }
        if let identity { IdentityAPI.register(into: &router, identity) }
        router.get("/health") { _ in
            .json(["status": "ok", "cities": .number(Double(catalog.cityCount))])
        }
        router.get("/metrics") { _ in
            var response = HTTPResponse(status: 200, body: Array((metrics()?.prometheusText() ?? "").utf8))
            response.headers.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            return response
        }
        router.get("/api/v1/cities") { request in
            handle(request) { _ in citiesAnswer(catalog) }
        }
        router.get("/api/v1/cities/{city}/lookup") { request in
            handle(request) { request in try lookup(request, city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/addresses/search") { request in
            handle(request) { request in try addressSearch(request, city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/schools/nearby") { request in
            handle(request) { request in try nearby(request, city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/schools") { request in
            handle(request) { request in try SchoolsList.response(request, city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/teachers") { request in
            handle(request) { request in try TeachersList.list(request, city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/teachers/{id}") { request in
            handle(request) { request in try TeachersList.card(request, city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/reference") { request in
            handle(request) { request in ReferenceAnswer.response(city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/schools/{id}") { request in
            handle(request) { request in try passport(request, city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/layers/schools.geojson") { request in
            handle(request) { request in try SchoolLayer.response(request, city: try city(request, catalog)) }
        }
        router.get("/api/v1/cities/{city}/layers/catchments.geojson") { request in
            handle(request) { request in try catchmentLayer(request, city: try city(request, catalog)) }
        }
        return router
    }

    /// Runs an API handler and turns an `APIError` into the error shape in the request's language.
    static func handle(_ request: HTTPRequest, _ body: (HTTPRequest) throws -> HTTPResponse) -> HTTPResponse {
        do {
            var response = try body(request)
            response.headers.set("Content-Language", language(of: request).rawValue)
            // Names sort and messages read differently per language, so caches must key on it.
            response.headers.set("Vary", "Accept-Language")
            return response
        } catch let error as APIError {
            return error.response(language: language(of: request))
        } catch {
            // Unexpected: the detail goes to the log through the server, never into the body.
            return apiErrorResponder(status: 500, reason: "\(error)", request: request)
        }
    }

    /// Returns the city of the request with the catchments of the plan in force on the `at` day (default today).
    static func city(_ request: HTTPRequest, _ catalog: CityCatalog) throws -> CityEntry {
        let id = request.pathParameters["city"] ?? ""
        guard let holder = catalog.cities[id] else { throw APIError(status: 404, code: "city_not_found", field: "city", arguments: ["city": id]) }
        let day = try QueryParameters(request: request).day("at") ?? .today()
        return try holder.entry(on: day)
    }

    // MARK: Cities

    static func citiesAnswer(_ catalog: CityCatalog) -> HTTPResponse {
        let cities: [JSONValue] = catalog.orderedIDs.compactMap { id in
            guard let entry = try? catalog.cities[id]!.entry(on: .today()) else { return nil }
            var object = JSONObject()
            object["id"] = .string(id)
            object["names"] = ["kk": .string(entry.city.names.kk), "ru": .string(entry.city.names.ru), "en": .string(entry.city.names.en)]
            if let envelope = entry.envelope {
                object["bbox"] = [.number(envelope.minX), .number(envelope.minY), .number(envelope.maxX), .number(envelope.maxY)]
            } else {
                object["bbox"] = .null
            }
            object["schools"] = .number(Double(entry.snapshot.schools.count))
            object["catchments"] = .number(Double(entry.snapshot.index.catchments.count))
            object["demo"] = .bool(entry.city.isDemo)
            return .object(object)
        }
        return .json(["cities": .array(cities)], isCacheable: true)
    }

    // MARK: Points

    /// Reads `lat` and `lon` and checks that the point lies near the city.
    static func point(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> Position {
        let parameters = QueryParameters(request: request)
        let latitude = try parameters.requiredDouble("lat", range: -90...90)
        let longitude = try parameters.requiredDouble("lon", range: -180...180)
        let point = Position(longitude: longitude, latitude: latitude)
        guard let envelope = city.envelope else { return point }
        guard distance(from: point, to: envelope) > maxDistanceOutsideCity else { return point }

        var arguments = ["lat": String(latitude), "lon": String(longitude), "city": city.city.names.text(for: language(of: request).rawValue)]
        let swapped = Position(longitude: latitude, latitude: longitude)
        let swapHelps = abs(longitude) <= 90 && distance(from: swapped, to: envelope) <= maxDistanceOutsideCity
        arguments["lat"] = String(latitude)
        throw APIError(status: 400, code: "outside_city", field: "lat", arguments: arguments, messageKey: swapHelps ? "outside_city_swapped" : "outside_city")
    }

    /// Metres from a point to the nearest point of an envelope (0 inside), on the local projection.
    static func distance(from point: Position, to envelope: Envelope) -> Double {
        let nearest = Position(x: min(max(point.x, envelope.minX), envelope.maxX), y: min(max(point.y, envelope.minY), envelope.maxY))
        return Geodesic.wgs84.distance(point, nearest)
    }

    /// The most candidates one address search returns.
    public static let maxAddressCandidates = 50

    static func lookup(_ request: HTTPRequest, city: CityEntry) throws -> HTTPResponse {
        let language = try QueryParameters(request: request).code("language", allowed: Codes.languages)
        if request.queryValue("address") != nil {
            guard let address = QueryParameters(request: request).text("address") else { throw APIError.missing("address") }
            return .json(try city.snapshot.addressAnswer(address, language: language), isCacheable: true)
        }
        let point = try point(request, city: city)
        var writer = JSONWriter(reservingCapacity: 1024)
        try city.snapshot.writeLookupAnswer(point, language: language, into: &writer)
        var response = HTTPResponse(status: 200, body: writer.bytes, isCacheable: true)
        response.headers.set("Content-Type", "application/json; charset=utf-8")
        return response
    }

    static func nearby(_ request: HTTPRequest, city: CityEntry) throws -> HTTPResponse {
        let parameters = QueryParameters(request: request)
        let limit = try parameters.integer("limit", default: 5, range: 1...maxNearbyLimit, code: "invalid_limit")!
        let filter = SchoolFilter(
            language: try parameters.code("language", allowed: Codes.languages),
            type: try parameters.code("type", allowed: Codes.schoolTypes),
            ownership: try parameters.code("ownership", allowed: Codes.ownership))
        let point = try point(request, city: city)
        return .json(city.snapshot.nearbyAnswer(point, limit: limit, filter: filter), isCacheable: true)
    }

    static func addressSearch(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> HTTPResponse {
        let parameters = QueryParameters(request: request)
        guard let text = parameters.text("q") else { throw APIError.missing("q") }
        let limit = try parameters.integer("limit", default: 10, range: 1...maxAddressCandidates, code: "invalid_limit")!
        return .json(city.snapshot.addressSearchAnswer(text, limit: limit), isCacheable: true)
    }

    // MARK: Schools and layers

    static func passport(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> HTTPResponse {
        let id = request.pathParameters["id"] ?? ""
        guard let school = city.snapshot.schools[id] else {
            throw APIError(status: 404, code: "school_not_found", field: "id", arguments: ["school": id, "city": city.city.id])
        }
        var object = SchoolJSON.passport(school, districts: city.districts)
        let catchments = city.snapshot.index.catchments.filter { $0.schoolID == id }
        object["catchments"] = .array(catchments.map { ["key": .string($0.key), "language": .optional($0.language)] })
        let encodedID = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id
        object["catchments_layer"] = .string("/api/v1/cities/\(city.city.id)/layers/catchments.geojson?school=\(encodedID)")
        if city.city.isDemo { object["demo_data"] = true }
        return .json(.object(object), isCacheable: true)
    }

    static func catchmentLayer(_ request: HTTPRequest, city: CityEntry) throws(APIError) -> HTTPResponse {
        let parameters = QueryParameters(request: request)
        let language = try parameters.code("language", allowed: Codes.languages)
        let zoom = try parameters.integer("zoom", default: nil, range: 0...22)
        let bbox = try parameters.boundingBox()
        let school = parameters.text("school")
        if let school, city.snapshot.schools[school] == nil {
            throw APIError(status: 404, code: "school_not_found", field: "school", arguments: ["school": school, "city": city.city.id])
        }
        return city.catchmentLayer.response(language: language, school: school, bbox: bbox, zoom: zoom)
    }
}
