import Catchment
import Geometry
import JSON
import Store

/// Renders the answers of `lookup` and `nearby` as JSON, the same for the command line and the API.
extension CitySnapshot {
    /// The lookup answer: covering catchments with their schools, the boundary flag and, when nothing covers the point, the nearest catchment.
    public func lookupAnswer(_ point: Position, language: String? = nil) throws -> JSONValue {
        var writer = JSONWriter()
        try writeLookupAnswer(point, language: language, into: &writer)
        return try JSONParser.parse(bytes: writer.bytes)
    }

    /// Writes the lookup answer straight to JSON text, the form the HTTP API sends.
    ///
    /// School and catchment members are spliced in from fragments rendered when the snapshot was
    /// built, so an answer costs a few appends instead of a tree of JSON values.
    public func writeLookupAnswer(_ point: Position, language: String? = nil, into writer: inout JSONWriter) throws {
        let result = try index.lookup(point, language: language)
        writer.writeRaw("{\"point\":{\"lat\":")
        writer.write(number: point.y)
        writer.writeRaw(",\"lon\":")
        writer.write(number: point.x)
        writer.writeRaw("},\"catchments\":[")
        for (position, match) in result.matches.enumerated() {
            if position > 0 { writer.writeRaw(",") }
            writeCatchment(match.catchment, from: point, into: &writer)
            writer.writeRaw(",\"on_boundary\":")
            writer.writeRaw(match.onBoundary ? "true}" : "false}")
        }
        writer.writeRaw("],\"on_boundary\":")
        writer.writeRaw(result.onBoundary ? "true" : "false")
        if let nearest = result.nearest {
            writer.writeRaw(",\"nearest\":")
            writeCatchment(nearest.catchment, from: point, into: &writer)
            writer.writeRaw(",\"distance_m\":")
            writer.write(number: Self.round(nearest.distanceMetres))
            writer.writeRaw("}")
        }
        writer.append(fragments.plan)
        if city.isDemo { writer.writeRaw(",\"demo_data\":{\"note\":\"generated demo city, not real schools\"}") }
        writer.writeRaw("}")
    }

    /// Writes a catchment object without its closing brace, so the caller can add members.
    private func writeCatchment(_ catchmentIndex: Int, from point: Position, into writer: inout JSONWriter) {
        let catchment = index.catchments[catchmentIndex]
        writer.append(fragments.catchmentOpenings[catchmentIndex])
        if let schoolID = catchment.schoolID, let fragment = fragments.schools[schoolID] {
            writer.writeRaw(",\"school\":")
            writer.append(fragment)
            if let location = schools[schoolID]?.location {
                writer.writeRaw(",\"distance_m\":")
                writer.write(number: Self.round(Geodesic.wgs84.distance(point, location)))
            }
            writer.writeRaw("}")
        } else {
            writer.writeRaw(",\"school\":null")
            if let reference = catchment.schoolKey {
                writer.writeRaw(",\"school_reference\":")
                writer.write(string: reference)
            }
        }
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

    func schoolJSON(id: String) -> JSONValue {
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
