import Catchment
import Geometry
import JSON
import Store

/// Renders the answers of `lookup` and `nearby` as JSON, the same for the command line and the API.
extension CitySnapshot {
    /// The lookup answer: covering catchments with their schools, the boundary flag and, when nothing covers the point, the nearest catchment.
    public func lookupAnswer(_ point: Position, language: String? = nil) throws -> JSONValue {
        let result = try index.lookup(point, language: language)
        var object = JSONObject()
        object["point"] = ["lat": .number(point.y), "lon": .number(point.x)]
        object["catchments"] = .array(result.matches.map { match in
            catchmentJSON(index.catchments[match.catchment], from: point, onBoundary: match.onBoundary)
        })
        object["on_boundary"] = .bool(result.onBoundary)
        if let nearest = result.nearest {
            var entry = catchmentJSON(index.catchments[nearest.catchment], from: point, onBoundary: nil).objectValue!
            entry["distance_m"] = .number(Self.round(nearest.distanceMetres))
            object["nearest"] = .object(entry)
        }
        markDemo(&object)
        return .object(object)
    }

    /// The nearest schools answer, nearest first.
    public func nearbyAnswer(_ point: Position, limit: Int, filter: SchoolFilter) -> JSONValue {
        let found = locator.nearest(to: point, limit: limit, filter: filter)
        let schoolsJSON: [JSONValue] = found.map { entry in
            let site = locator.schools[entry.school]
            var object = schoolJSON(id: site.id).objectValue!
            object["distance_m"] = .number(Self.round(entry.distanceMetres))
            return .object(object)
        }
        var object = JSONObject()
        object["point"] = ["lat": .number(point.y), "lon": .number(point.x)]
        object["schools"] = .array(schoolsJSON)
        markDemo(&object)
        return .object(object)
    }

    /// Labels answers about the generated demo city, so nobody mistakes them for real schools.
    private func markDemo(_ object: inout JSONObject) {
        if city.isDemo { object["demo_data"] = ["note": "generated demo city, not real schools"] }
    }

    private func catchmentJSON(_ catchment: Catchment, from point: Position, onBoundary: Bool?) -> JSONValue {
        var object = JSONObject()
        object["key"] = .string(catchment.key)
        object["language"] = .optional(catchment.language)
        if let schoolID = catchment.schoolID, schools[schoolID] != nil {
            var school = schoolJSON(id: schoolID).objectValue!
            if let location = schools[schoolID]?.location {
                school["distance_m"] = .number(Self.round(Geodesic.wgs84.distance(point, location)))
            }
            object["school"] = .object(school)
        } else {
            object["school"] = .null
            if let reference = catchment.schoolKey { object["school_reference"] = .string(reference) }
        }
        if let onBoundary { object["on_boundary"] = .bool(onBoundary) }
        return .object(object)
    }

    private func schoolJSON(id: String) -> JSONValue {
        guard let school = schools[id] else { return ["id": .string(id)] }
        var object = JSONObject()
        object["id"] = .string(school.id)
        object["number"] = .optional(school.number)
        object["name"] = ["kk": .string(school.names.kk), "ru": .string(school.names.ru), "en": .string(school.names.en)]
        object["languages"] = .array(school.languages.map { .string($0) })
        object["type"] = .optional(school.type)
        object["ownership"] = .optional(school.ownership)
        if let location = school.location {
            object["location"] = ["lat": .number(location.y), "lon": .number(location.x)]
        }
        return .object(object)
    }

    /// Distances are reported to the centimetre.
    static func round(_ metres: Double) -> Double {
        (metres * 100).rounded() / 100
    }
}
