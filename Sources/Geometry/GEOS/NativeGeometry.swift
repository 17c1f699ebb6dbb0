import CGEOS

/// A GEOS geometry owned by Swift: the one owner of a `GEOSGeometry*`, destroyed in `deinit`.
///
/// Thread safety: operations run on the geometry's own context, so an
/// instance is used by one thread at a time, like its context. Read-only
/// use from other threads goes through `PreparedPolygon`, which takes the
/// caller's context.
///
/// Error convention of the GEOS C API used throughout: functions returning
/// a geometry return NULL on failure, predicates return 2, and functions
/// returning `int` return 0; the message arrives through the context's
/// error handler.
public final class NativeGeometry {
    public let context: GEOSContext
    let pointer: OpaquePointer

    /// Takes ownership of a geometry that GEOS returned; throws when GEOS returned NULL.
    init(taking pointer: OpaquePointer?, context: GEOSContext, operation: String) throws(GeometryError) {
        guard let pointer else { throw context.failure(operation) }
        self.pointer = pointer
        self.context = context
    }

    deinit {
        let pointer = self.pointer
        context.destroy { GEOSGeom_destroy_r($0, pointer) }
    }

    /// Builds the GEOS twin of a value geometry.
    public convenience init(_ geometry: Geometry, context: GEOSContext = .current) throws(GeometryError) {
        let pointer = try Self.build(geometry, context: context)
        try self.init(taking: pointer, context: context, operation: "create geometry")
    }

    /// Returns a GEOS point. Creating it costs one allocation.
    public convenience init(point: Position, context: GEOSContext = .current) throws(GeometryError) {
        let pointer = GEOSGeom_createPointFromXY_r(context.handle, point.x, point.y)
        try self.init(taking: pointer, context: context, operation: "create point")
    }

    // MARK: Building GEOS geometries

    private static func build(_ geometry: Geometry, context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        let handle = context.handle
        switch geometry {
        case .point(let position):
            guard let point = GEOSGeom_createPointFromXY_r(handle, position.x, position.y) else {
                throw context.failure("create point")
            }
            return point
        case .multiPoint(let positions):
            var parts: [OpaquePointer?] = []
            for position in positions {
                guard let point = GEOSGeom_createPointFromXY_r(handle, position.x, position.y) else {
                    destroy(parts, context: context)
                    throw context.failure("create point")
                }
                parts.append(point)
            }
            return try collect(parts, type: GEOS_MULTIPOINT, context: context)
        case .lineString(let positions):
            let sequence = try coordinateSequence(positions, context: context)
            guard let line = GEOSGeom_createLineString_r(handle, sequence) else { throw context.failure("create line string") }
            return line
        case .multiLineString(let lines):
            var parts: [OpaquePointer?] = []
            for positions in lines {
                do throws(GeometryError) {
                    let sequence = try coordinateSequence(positions, context: context)
                    guard let line = GEOSGeom_createLineString_r(handle, sequence) else { throw context.failure("create line string") }
                    parts.append(line)
                } catch {
                    destroy(parts, context: context)
                    throw error
                }
            }
            return try collect(parts, type: GEOS_MULTILINESTRING, context: context)
        case .polygon(let polygon):
            return try buildPolygon(polygon, context: context)
        case .multiPolygon(let polygons):
            var parts: [OpaquePointer?] = []
            for polygon in polygons {
                do throws(GeometryError) {
                    parts.append(try buildPolygon(polygon, context: context))
                } catch {
                    destroy(parts, context: context)
                    throw error
                }
            }
            return try collect(parts, type: GEOS_MULTIPOLYGON, context: context)
        case .collection(let members):
            var parts: [OpaquePointer?] = []
            for member in members {
                do throws(GeometryError) {
                    parts.append(try build(member, context: context))
                } catch {
                    destroy(parts, context: context)
                    throw error
                }
            }
            return try collect(parts, type: GEOS_GEOMETRYCOLLECTION, context: context)
        }
    }

    private static func destroy(_ parts: [OpaquePointer?], context: GEOSContext) {
        for part in parts { if let part { GEOSGeom_destroy_r(context.handle, part) } }
    }

    /// Wraps parts in a collection; GEOS takes ownership of the parts only when it succeeds.
    private static func collect(_ parts: [OpaquePointer?], type: GEOSGeomTypes, context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        var parts = parts
        let collection = parts.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
        guard let collection else {
            destroy(parts, context: context)
            throw context.failure("create collection")
        }
        return collection
    }

    private static func coordinateSequence(_ positions: [Position], context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        var buffer: [Double] = []
        buffer.reserveCapacity(positions.count * 2)
        for position in positions {
            buffer.append(position.x)
            buffer.append(position.y)
        }
        let sequence = buffer.withUnsafeBufferPointer { pointer in
            GEOSCoordSeq_copyFromBuffer_r(context.handle, pointer.baseAddress, UInt32(positions.count), 0, 0)
        }
        guard let sequence else { throw context.failure("create coordinate sequence") }
        return sequence
    }

    private static func buildRing(_ positions: [Position], context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        let sequence = try coordinateSequence(positions, context: context)
        // GEOS takes the sequence even when ring creation fails, so it is not destroyed here.
        guard let ring = GEOSGeom_createLinearRing_r(context.handle, sequence) else { throw context.failure("create linear ring") }
        return ring
    }

    private static func buildPolygon(_ polygon: Polygon, context: GEOSContext) throws(GeometryError) -> OpaquePointer {
        let shell = try buildRing(polygon.shell, context: context)
        var holes: [OpaquePointer?] = []
        for ring in polygon.holes {
            do {
                holes.append(try buildRing(ring, context: context))
            } catch {
                destroy(holes + [shell], context: context)
                throw error
            }
        }
        let created = holes.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(context.handle, shell, buffer.baseAddress, UInt32(buffer.count))
        }
        guard let created else {
            destroy(holes + [shell], context: context)
            throw context.failure("create polygon")
        }
        return created
    }

    // MARK: Reading GEOS geometries back

    /// Converts the GEOS geometry back to a value geometry (2-D).
    public func toGeometry() throws(GeometryError) -> Geometry {
        try Self.read(pointer, context: context)
    }

    static func read(_ pointer: OpaquePointer, context: GEOSContext) throws(GeometryError) -> Geometry {
        let handle = context.handle
        let type = GEOSGeomTypeId_r(handle, pointer)
        switch type {
        case Int32(GEOS_POINT.rawValue):
            let positions = try readPositions(pointer, context: context)
            guard let first = positions.first else { return .multiPoint([]) }
            return .point(first)
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return .lineString(try readPositions(pointer, context: context))
        case Int32(GEOS_POLYGON.rawValue):
            return .polygon(try readPolygon(pointer, context: context))
        case Int32(GEOS_MULTIPOINT.rawValue):
            var points: [Position] = []
            for part in try parts(of: pointer, context: context) { points.append(contentsOf: try readPositions(part, context: context)) }
            return .multiPoint(points)
        case Int32(GEOS_MULTILINESTRING.rawValue):
            var lines: [[Position]] = []
            for part in try parts(of: pointer, context: context) { lines.append(try readPositions(part, context: context)) }
            return .multiLineString(lines)
        case Int32(GEOS_MULTIPOLYGON.rawValue):
            var polygons: [Polygon] = []
            for part in try parts(of: pointer, context: context) { polygons.append(try readPolygon(part, context: context)) }
            return .multiPolygon(polygons)
        case Int32(GEOS_GEOMETRYCOLLECTION.rawValue):
            var members: [Geometry] = []
            for part in try parts(of: pointer, context: context) { members.append(try read(part, context: context)) }
            return .collection(members)
        default:
            throw context.failure("read geometry type")
        }
    }

    /// The parts of a collection; borrowed pointers owned by the collection.
    static func parts(of pointer: OpaquePointer, context: GEOSContext) throws(GeometryError) -> [OpaquePointer] {
        let count = GEOSGetNumGeometries_r(context.handle, pointer)
        guard count >= 0 else { throw context.failure("count parts") }
        var result: [OpaquePointer] = []
        result.reserveCapacity(Int(count))
        for index in 0..<count {
            guard let part = GEOSGetGeometryN_r(context.handle, pointer, index) else { throw context.failure("get part") }
            result.append(part)
        }
        return result
    }

    private static func readPositions(_ pointer: OpaquePointer, context: GEOSContext) throws(GeometryError) -> [Position] {
        guard let sequence = GEOSGeom_getCoordSeq_r(context.handle, pointer) else { throw context.failure("get coordinates") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(context.handle, sequence, &size) != 0 else { throw context.failure("get coordinate count") }
        if size == 0 { return [] }
        var buffer = [Double](repeating: 0, count: Int(size) * 2)
        let status = buffer.withUnsafeMutableBufferPointer { pointer in
            GEOSCoordSeq_copyToBuffer_r(context.handle, sequence, pointer.baseAddress, 0, 0)
        }
        guard status != 0 else { throw context.failure("copy coordinates") }
        var positions: [Position] = []
        positions.reserveCapacity(Int(size))
        for index in 0..<Int(size) {
            positions.append(Position(x: buffer[2 * index], y: buffer[2 * index + 1]))
        }
        return positions
    }

    private static func readPolygon(_ pointer: OpaquePointer, context: GEOSContext) throws(GeometryError) -> Polygon {
        guard let shellPointer = GEOSGetExteriorRing_r(context.handle, pointer) else { throw context.failure("get exterior ring") }
        let shell = try readPositions(shellPointer, context: context)
        let holeCount = GEOSGetNumInteriorRings_r(context.handle, pointer)
        guard holeCount >= 0 else { throw context.failure("count interior rings") }
        var holes: [[Position]] = []
        for index in 0..<holeCount {
            guard let ring = GEOSGetInteriorRingN_r(context.handle, pointer, index) else { throw context.failure("get interior ring") }
            holes.append(try readPositions(ring, context: context))
        }
        return Polygon(shell: shell, holes: holes)
    }
}
