import CGEOS

extension NativeGeometry {
    /// Unites polygons that form a coverage (`GEOSCoverageUnion_r`): they do not overlap, and
    /// where two meet they share the same vertices along the whole shared edge, as the cells of a
    /// Voronoi diagram do. Much faster than `unaryUnion()` because no noding is done.
    ///
    /// GEOS 3.11 documents that it returns NULL for input that is not such a coverage, which
    /// this method throws. Callers that cannot be sure of their input should check the result's
    /// validity and fall back to `unaryUnion()`.
    ///
    /// - Throws: `GeometryError.geosFailure` when GEOS rejects the input or fails.
    public func coverageUnion() throws(GeometryError) -> NativeGeometry {
        try NativeGeometry(taking: GEOSCoverageUnion_r(context.handle, pointer), context: context, operation: "coverage union")
    }
}
