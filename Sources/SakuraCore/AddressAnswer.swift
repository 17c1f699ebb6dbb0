import Catchment
import Gazetteer
import Geometry
import JSON

/// Renders geocoding answers as JSON, the same for `sakura geocode` and the API.
extension CitySnapshot {
    /// The answer to "which school serves this address": the address found and the lookup at its
    /// buildings, or the candidates to choose from.
    ///
    /// `status` is "found", "ambiguous" (several streets or addresses fit: `candidates`, best
    /// first) or "not_found" (`candidates` may hold the closest streets). A found address with
    /// several buildings is looked up at each; `buildings_in_different_catchments` says when
    /// they fall in different catchments, and `catchments` lists every catchment of any of them.
    public func addressAnswer(_ text: String, language: String? = nil, limit: Int = 10) throws -> JSONValue {
        var object = JSONObject()
        object["query"] = .string(text)
        switch gazetteer.geocode(text, limit: limit) {
        case .found(let candidate):
            object["status"] = "found"
            object["address"] = candidateJSON(candidate)
            var catchments: [JSONValue] = []
            var seen = Set<String>()
            var buildings: [JSONValue] = []
            var keySets = Set<[String]>()
            for point in candidate.points {
                let answer = try lookupAnswer(point, language: language)
                let matched = answer["catchments"]?.arrayValue ?? []
                let keys = matched.compactMap { $0["key"]?.stringValue }
                keySets.insert(keys.sorted())
                buildings.append(["point": ["lat": .number(point.y), "lon": .number(point.x)], "catchments": .array(keys.map { .string($0) })])
                for catchment in matched {
                    guard let key = catchment["key"]?.stringValue, seen.insert(key).inserted else { continue }
                    catchments.append(catchment)
                }
                if matched.isEmpty, let nearest = answer["nearest"], object["nearest"] == nil { object["nearest"] = nearest }
            }
            object["catchments"] = .array(catchments)
            object["buildings"] = .array(buildings)
            object["buildings_in_different_catchments"] = .bool(keySets.count > 1)
        case .ambiguous(let candidates):
            object["status"] = "ambiguous"
            object["candidates"] = .array(candidates.map(candidateJSON))
        case .notFound(let suggestions):
            object["status"] = "not_found"
            object["candidates"] = .array(suggestions.map(candidateJSON))
        }
        if let plan { object["plan"] = ["id": .number(Double(plan.id)), "revision": .number(Double(plan.revision)),
                                        "school_year": plan.schoolYear.isEmpty ? .null : .string(plan.schoolYear),
                                        "effective_from": .optional(plan.effectiveFrom?.description)] }
        if city.isDemo { object["demo_data"] = ["note": "generated demo city, not real schools"] }
        return .object(object)
    }

    /// Completions for text being typed, best first.
    public func addressSearchAnswer(_ text: String, limit: Int) -> JSONValue {
        var object = JSONObject()
        object["query"] = .string(text)
        object["candidates"] = .array(gazetteer.autocomplete(text, limit: limit).map(candidateJSON))
        return .object(object)
    }

    func candidateJSON(_ candidate: AddressCandidate) -> JSONValue {
        var object = JSONObject()
        object["kind"] = .string(candidate.kind.rawValue)
        object["street"] = .string(candidate.street)
        object["street_kk"] = .optional(candidate.streetKazakh)
        object["street_type"] = .optional(candidate.streetType?.rawValue)
        object["district"] = .optional(candidate.district)
        object["house"] = .optional(candidate.house)
        object["points"] = .array(candidate.points.map { ["lat": .number($0.y), "lon": .number($0.x)] })
        object["score"] = .number(candidate.score)
        return .object(object)
    }
}
