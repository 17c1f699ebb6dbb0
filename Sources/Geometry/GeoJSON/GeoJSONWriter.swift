import JSON

/// Writes value geometries as RFC 7946 GeoJSON.
public enum GeoJSONWriter {
    public static func json(_ geometry: Geometry) -> JSONValue {
        switch geometry {
        case .point(let position):
            return ["type": "Point", "coordinates": json(position)]
        case .multiPoint(let positions):
            return ["type": "MultiPoint", "coordinates": .array(positions.map(json))]
        case .lineString(let positions):
            return ["type": "LineString", "coordinates": json(line: positions)]
        case .multiLineString(let lines):
            return ["type": "MultiLineString", "coordinates": .array(lines.map { json(line: $0) })]
        case .polygon(let polygon):
            return ["type": "Polygon", "coordinates": json(polygon)]
        case .multiPolygon(let polygons):
            return ["type": "MultiPolygon", "coordinates": .array(polygons.map(json))]
        case .collection(let members):
            return ["type": "GeometryCollection", "geometries": .array(members.map(json))]
        }
    }

    public static func feature(_ geometry: Geometry?, properties: JSONObject, id: JSONValue? = nil) -> JSONValue {
        var object = JSONObject()
        object["type"] = "Feature"
        if let id { object["id"] = id }
        object["geometry"] = geometry.map(json) ?? .null
        object["properties"] = .object(properties)
        return .object(object)
    }

    public static func featureCollection(_ features: [JSONValue]) -> JSONValue {
        ["type": "FeatureCollection", "features": .array(features)]
    }

    private static func json(_ position: Position) -> JSONValue {
        [.number(position.x), .number(position.y)]
    }

    private static func json(line: [Position]) -> JSONValue {
        .array(line.map(json))
    }

    private static func json(_ polygon: Polygon) -> JSONValue {
        .array(polygon.rings.map { json(line: $0) })
    }
}
