import CGEOS

/// A GEOS prepared geometry (`GEOSPreparedGeometry*`) over a polygon, for fast repeated point queries.
///
/// GEOS builds the point-location index of a prepared polygon lazily on
/// the first query. `init` runs one query so the index exists before the
/// object is shared; after that, queries only read it.
///
/// Thread safety: `@unchecked Sendable` because after `init` no method
/// mutates GEOS state reachable from this object (the lazy index is built
/// in `init`), and every query takes the calling thread's own context.
/// The owning context is used only in `init`, on one thread, and in `deinit`,
/// which takes the context's destruction lock because catchment indexes may
/// share a prepared polygon and drop it on different threads.
public final class PreparedPolygon: @unchecked Sendable {
    public let geometry: NativeGeometry
    @usableFromInline let prepared: OpaquePointer
    public let envelope: Envelope

    public init(_ geometry: NativeGeometry) throws(GeometryError) {
        let context = geometry.context
        guard let prepared = GEOSPrepare_r(context.handle, geometry.pointer) else { throw context.failure("prepare") }
        self.geometry = geometry
        self.prepared = prepared

        guard let envelope = try geometry.toGeometry().envelope else {
            GEOSPreparedGeom_destroy_r(context.handle, prepared)
            throw GeometryError.unexpectedType(expected: "a non-empty polygon", found: "an empty geometry")
        }
        self.envelope = envelope

        // Warm the lazy point locator with a point inside the envelope (outside it GEOS returns early).
        let probe = try NativeGeometry(point: envelope.center, context: context)
        _ = GEOSPreparedCovers_r(context.handle, prepared, probe.pointer)
    }

    deinit {
        let prepared = self.prepared
        geometry.context.destroy { GEOSPreparedGeom_destroy_r($0, prepared) }
    }

    /// True when the polygon covers the point: the point lies in the interior or on the boundary.
    public func covers(_ point: NativeGeometry, context: GEOSContext) throws(GeometryError) -> Bool {
        let result = GEOSPreparedCovers_r(context.handle, prepared, point.pointer)
        guard result != 2 else { throw context.failure("prepared covers") }
        return result == 1
    }

    /// True when the point lies in the interior, not on the boundary.
    public func containsProperly(_ point: NativeGeometry, context: GEOSContext) throws(GeometryError) -> Bool {
        let result = GEOSPreparedContainsProperly_r(context.handle, prepared, point.pointer)
        guard result != 2 else { throw context.failure("prepared contains properly") }
        return result == 1
    }
}

/// A GEOS point lent to the body of `GEOSContext.withPoint`; it must not be used after the body returns.
public struct PointProbe {
    @usableFromInline let pointer: OpaquePointer
    @usableFromInline let handle: GEOSContextHandle_t
    public let context: GEOSContext
}

extension GEOSContext {
    /// Creates a GEOS point, passes it to `body` and destroys it afterwards, without a Swift allocation.
    public func withPoint<Result>(_ position: Position, _ body: (PointProbe) throws(GeometryError) -> Result) throws(GeometryError) -> Result {
        guard let point = GEOSGeom_createPointFromXY_r(handle, position.x, position.y) else { throw failure("create point") }
        defer { GEOSGeom_destroy_r(handle, point) }
        return try body(PointProbe(pointer: point, handle: handle, context: self))
    }
}

extension PreparedPolygon {
    /// True when the polygon covers the probe point (interior or boundary).
    @inlinable
    public func covers(_ probe: PointProbe) throws(GeometryError) -> Bool {
        let result = GEOSPreparedCovers_r(probe.handle, prepared, probe.pointer)
        guard result != 2 else { throw probe.context.failure("prepared covers") }
        return result == 1
    }
}
