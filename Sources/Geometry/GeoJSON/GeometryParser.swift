import JSON

/// Parses one GeoJSON geometry object into a `Geometry`, checking every position.
///
/// Positions need at least two numbers. Values past the second (Z, M) are
/// dropped. With `geographic` set, longitudes must lie within ±180,
/// latitudes within ±90, and consecutive points of a line or ring may not
/// jump more than 180° in longitude (RFC 7946 asks writers to split
/// geometries at the antimeridian instead).
struct GeometryParser {
    let geographic: Bool

    func parse(_ value: JSONValue) throws(GeometryError) -> Geometry {
        guard let object = value.objectValue else { throw problem("geometry is a \(value.typeName), expected an object") }
        guard let type = object["type"]?.stringValue else { throw problem("geometry has no \"type\"") }

        if type == "GeometryCollection" {
            guard let members = object["geometries"]?.arrayValue else { throw problem("GeometryCollection needs a \"geometries\" array") }
            var geometries: [Geometry] = []
            for member in members { geometries.append(try parse(member)) }
            return .collection(geometries)
        }

        guard let coordinates = object["coordinates"] else { throw problem("\(type) has no \"coordinates\"") }
        switch type {
        case "Point":
            return .point(try position(coordinates, path: "coordinates"))
        case "MultiPoint":
            return .multiPoint(try positions(coordinates, path: "coordinates", isLine: false))
        case "LineString":
            let line = try positions(coordinates, path: "coordinates", isLine: true)
            guard line.count >= 2 else { throw problem("LineString needs at least 2 positions, found \(line.count)") }
            return .lineString(line)
        case "MultiLineString":
            return .multiLineString(try list(coordinates, path: "coordinates") { value, path throws(GeometryError) in
                try positions(value, path: path, isLine: true)
            })
        case "Polygon":
            return .polygon(try polygon(coordinates, path: "coordinates"))
        case "MultiPolygon":
            return .multiPolygon(try list(coordinates, path: "coordinates") { value, path throws(GeometryError) in
                try polygon(value, path: path)
            })
        default:
            throw problem("unknown geometry type \"\(type)\"")
        }
    }

    /// Checks ranges and antimeridian jumps of a geometry that was converted from another CRS.
    func checkRanges(_ geometry: Geometry) throws(GeometryError) {
        switch geometry {
        case .point(let point): try checkRange(point, path: "coordinates")
        case .multiPoint(let points): for point in points { try checkRange(point, path: "coordinates") }
        case .lineString(let line): try checkLine(line, path: "coordinates")
        case .multiLineString(let lines): for line in lines { try checkLine(line, path: "coordinates") }
        case .polygon(let polygon): for ring in polygon.rings { try checkLine(ring, path: "coordinates") }
        case .multiPolygon(let polygons): for ring in polygons.flatMap(\.rings) { try checkLine(ring, path: "coordinates") }
        case .collection(let members): for member in members { try checkRanges(member) }
        }
    }

    private func problem(_ reason: String) -> GeometryError {
        .invalidGeoJSON(featureIndex: nil, reason: reason)
    }

    private func list<T>(_ value: JSONValue, path: String, _ element: (JSONValue, String) throws(GeometryError) -> T) throws(GeometryError) -> [T] {
        guard let array = value.arrayValue else { throw problem("\(path) is a \(value.typeName), expected an array") }
        var result: [T] = []
        result.reserveCapacity(array.count)
        for (index, item) in array.enumerated() { result.append(try element(item, "\(path)[\(index)]")) }
        return result
    }

    private func polygon(_ value: JSONValue, path: String) throws(GeometryError) -> Polygon {
        let rings = try list(value, path: path) { value, path throws(GeometryError) in try positions(value, path: path, isLine: true) }
        guard let shell = rings.first else { throw problem("\(path): a polygon needs at least one ring") }
        return Polygon(shell: shell, holes: Array(rings.dropFirst()))
    }

    private func positions(_ value: JSONValue, path: String, isLine: Bool) throws(GeometryError) -> [Position] {
        let result = try list(value, path: path) { value, path throws(GeometryError) in try position(value, path: path) }
        if isLine && geographic { try checkJumps(result, path: path) }
        return result
    }

    private func position(_ value: JSONValue, path: String) throws(GeometryError) -> Position {
        guard let numbers = value.arrayValue else { throw problem("\(path): position is a \(value.typeName), expected an array of numbers") }
        guard numbers.count >= 2 else { throw problem("\(path): position has \(numbers.count) number(s), needs at least 2") }
        var values: [Double] = []
        for (axis, number) in numbers.enumerated() {
            guard let double = number.doubleValue else { throw problem("\(path)[\(axis)]: \(number.typeName) is not a number") }
            guard double.isFinite else { throw problem("\(path)[\(axis)]: non-finite value \(double)") }
            if axis < 2 { values.append(double) }
        }
        let position = Position(x: values[0], y: values[1])
        if geographic { try checkRange(position, path: path) }
        return position
    }

    private func checkRange(_ position: Position, path: String) throws(GeometryError) {
        guard (-180...180).contains(position.x) else {
            throw problem("\(path): longitude \(position.x) is outside -180…180 (are the coordinates projected? name the CRS with --crs)")
        }
        guard (-90...90).contains(position.y) else {
            throw problem("\(path): latitude \(position.y) is outside -90…90 (are longitude and latitude swapped?)")
        }
    }

    private func checkLine(_ line: [Position], path: String) throws(GeometryError) {
        for position in line { try checkRange(position, path: path) }
        try checkJumps(line, path: path)
    }

    private func checkJumps(_ line: [Position], path: String) throws(GeometryError) {
        for index in line.indices.dropFirst() where abs(line[index].x - line[index - 1].x) > 180 {
            throw problem("\(path)[\(index)]: longitude jumps by more than 180° from the previous position; split the geometry at the antimeridian")
        }
    }
}
