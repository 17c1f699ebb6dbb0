import CGEOS

/// The outcome of an OGC validity check.
public struct Validity: Sendable, Equatable {
    public var isValid: Bool
    /// GEOS's reason, for example "Self-intersection"; nil when valid.
    public var reason: String?
    /// The location of the problem as GEOS reports it; nil when valid.
    public var location: Position?
}

/// The algorithms of GEOS's make-valid (`GEOSMakeValidWithParams_r`, GEOS 3.10 and later).
public enum MakeValidMethod: Sendable {
    /// Rebuilds polygons from all the input line work; keeps both lobes of a bow-tie.
    case linework
    /// Treats shells and holes structurally; a doubly covered area becomes a hole.
    case structure
}

extension NativeGeometry {
    /// Checks OGC validity and returns GEOS's reason and location for an invalid geometry.
    public func validity() throws(GeometryError) -> Validity {
        var reason: UnsafeMutablePointer<CChar>? = nil
        var location: OpaquePointer? = nil
        let result = GEOSisValidDetail_r(context.handle, pointer, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(context.handle, reason) }
            if let location { GEOSGeom_destroy_r(context.handle, location) }
        }
        switch result {
        case 1:
            return Validity(isValid: true, reason: nil, location: nil)
        case 0:
            var position: Position? = nil
            if let location, case .point(let point)? = try? Self.read(location, context: context) { position = point }
            return Validity(isValid: false, reason: reason.map { String(cString: $0) } ?? "invalid", location: position)
        default:
            throw context.failure("validity check")
        }
    }

    public func makeValid(method: MakeValidMethod) throws(GeometryError) -> NativeGeometry {
        guard let parameters = GEOSMakeValidParams_create_r(context.handle) else { throw context.failure("make-valid parameters") }
        defer { GEOSMakeValidParams_destroy_r(context.handle, parameters) }
        let geosMethod = method == .linework ? GEOS_MAKE_VALID_LINEWORK : GEOS_MAKE_VALID_STRUCTURE
        guard GEOSMakeValidParams_setMethod_r(context.handle, parameters, geosMethod) != 0 else {
            throw context.failure("make-valid method")
        }
        // Dropping collapsed parts (zero-area rings) keeps the output polygonal.
        guard GEOSMakeValidParams_setKeepCollapsed_r(context.handle, parameters, 0) != 0 else {
            throw context.failure("make-valid keep-collapsed")
        }
        let result = GEOSMakeValidWithParams_r(context.handle, pointer, parameters)
        return try NativeGeometry(taking: result, context: context, operation: "make-valid")
    }

    public func unaryUnion() throws(GeometryError) -> NativeGeometry {
        try NativeGeometry(taking: GEOSUnaryUnion_r(context.handle, pointer), context: context, operation: "union")
    }

    public func union(_ other: NativeGeometry) throws(GeometryError) -> NativeGeometry {
        try NativeGeometry(taking: GEOSUnion_r(context.handle, pointer, other.pointer), context: context, operation: "union")
    }

    public func intersection(_ other: NativeGeometry) throws(GeometryError) -> NativeGeometry {
        try NativeGeometry(taking: GEOSIntersection_r(context.handle, pointer, other.pointer), context: context, operation: "intersection")
    }

    public func difference(_ other: NativeGeometry) throws(GeometryError) -> NativeGeometry {
        try NativeGeometry(taking: GEOSDifference_r(context.handle, pointer, other.pointer), context: context, operation: "difference")
    }

    /// Simplifies without creating self-intersections (Douglas–Peucker with topology checks); `tolerance` is in coordinate units.
    public func simplifyPreservingTopology(tolerance: Double) throws(GeometryError) -> NativeGeometry {
        try NativeGeometry(taking: GEOSTopologyPreserveSimplify_r(context.handle, pointer, tolerance), context: context, operation: "simplify")
    }

    /// Planar area in squared coordinate units; use `Geodesic.area` for square metres.
    public func planarArea() throws(GeometryError) -> Double {
        var area = 0.0
        guard GEOSArea_r(context.handle, pointer, &area) != 0 else { throw context.failure("area") }
        return area
    }

    public var isEmpty: Bool {
        GEOSisEmpty_r(context.handle, pointer) == 1
    }

    /// Planar distance in coordinate units.
    public func distance(to other: NativeGeometry) throws(GeometryError) -> Double {
        var distance = 0.0
        guard GEOSDistance_r(context.handle, pointer, other.pointer, &distance) != 0 else { throw context.failure("distance") }
        return distance
    }

    /// Returns the closest pair of points, the first on this geometry and the second on `other`.
    public func nearestPoints(to other: NativeGeometry) throws(GeometryError) -> (Position, Position) {
        guard let sequence = GEOSNearestPoints_r(context.handle, pointer, other.pointer) else { throw context.failure("nearest points") }
        defer { GEOSCoordSeq_destroy_r(context.handle, sequence) }
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        guard GEOSCoordSeq_getXY_r(context.handle, sequence, 0, &x0, &y0) != 0,
              GEOSCoordSeq_getXY_r(context.handle, sequence, 1, &x1, &y1) != 0
        else { throw context.failure("nearest points") }
        return (Position(x: x0, y: y0), Position(x: x1, y: y1))
    }

    public func covers(_ other: NativeGeometry) throws(GeometryError) -> Bool {
        let result = GEOSCovers_r(context.handle, pointer, other.pointer)
        guard result != 2 else { throw context.failure("covers") }
        return result == 1
    }

    public func intersects(_ other: NativeGeometry) throws(GeometryError) -> Bool {
        let result = GEOSIntersects_r(context.handle, pointer, other.pointer)
        guard result != 2 else { throw context.failure("intersects") }
        return result == 1
    }

    /// True when the interiors intersect (DE-9IM `T********`), so the overlap has area for polygons.
    public func interiorsIntersect(_ other: NativeGeometry) throws(GeometryError) -> Bool {
        let result = GEOSRelatePattern_r(context.handle, pointer, other.pointer, "T********")
        guard result != 2 else { throw context.failure("relate") }
        return result == 1
    }

    /// Well-known text with the given number of decimals, for messages and tests.
    public func wkt(decimals: Int = 7) throws(GeometryError) -> String {
        guard let writer = GEOSWKTWriter_create_r(context.handle) else { throw context.failure("WKT writer") }
        defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
        GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
        GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, Int32(decimals))
        guard let text = GEOSWKTWriter_write_r(context.handle, writer, pointer) else { throw context.failure("WKT write") }
        defer { GEOSFree_r(context.handle, text) }
        return String(cString: text)
    }

    /// Parses well-known text.
    public static func fromWKT(_ text: String, context: GEOSContext = .current) throws(GeometryError) -> NativeGeometry {
        guard let reader = GEOSWKTReader_create_r(context.handle) else { throw context.failure("WKT reader") }
        defer { GEOSWKTReader_destroy_r(context.handle, reader) }
        return try NativeGeometry(taking: GEOSWKTReader_read_r(context.handle, reader, text), context: context, operation: "WKT read")
    }

    /// Returns the non-empty polygonal parts of the geometry (Polygon, MultiPolygon, or the polygons inside a collection).
    public func polygonalParts() throws(GeometryError) -> [Polygon] {
        func collect(_ geometry: Geometry) -> [Polygon] {
            switch geometry {
            case .polygon(let polygon): return polygon.shell.isEmpty ? [] : [polygon]
            case .multiPolygon(let polygons): return polygons.filter { !$0.shell.isEmpty }
            case .collection(let members): return members.flatMap(collect)
            default: return []
            }
        }
        return collect(try toGeometry())
    }
}

extension NativeGeometry {
    /// Returns a point guaranteed to lie in the interior of a polygonal geometry (GEOS point-on-surface).
    public func pointOnSurface() throws(GeometryError) -> Position {
        let point = try NativeGeometry(taking: GEOSPointOnSurface_r(context.handle, pointer), context: context, operation: "point on surface")
        guard case .point(let position) = try point.toGeometry() else {
            throw GeometryError.geosFailure(operation: "point on surface", message: "empty result")
        }
        return position
    }

    /// Builds a collection of the polygons and unions it, the usual way to merge many polygons at once.
    public static func union(of polygons: [Polygon], context: GEOSContext = .current) throws(GeometryError) -> NativeGeometry {
        try NativeGeometry(.multiPolygon(polygons), context: context).unaryUnion()
    }
}
