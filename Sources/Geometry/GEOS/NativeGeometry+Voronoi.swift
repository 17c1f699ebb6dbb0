import CGEOS

extension NativeGeometry {
    /// Builds the Voronoi diagram of the geometry's vertices (`GEOSVoronoiDiagram_r`): a
    /// GeometryCollection with one polygon cell per distinct vertex.
    ///
    /// The cells partition the diagram's extent: they meet along shared edges and do not
    /// overlap. In GEOS 3.11 the cells come in no particular order, so the caller finds each
    /// cell's site by locating the sites in the cells. Duplicate vertices give one cell.
    ///
    /// - Parameters:
    ///   - extent: the area the diagram must cover; GEOS clips the cells to the larger of this
    ///     envelope and one a little larger than the sites. Nil leaves the choice to GEOS.
    ///   - tolerance: the distance, in coordinate units, within which GEOS snaps sites together
    ///     for robustness; 0 keeps every distinct site.
    /// - Throws: `GeometryError.geosFailure` when GEOS fails.
    public func voronoiDiagram(extent: Envelope?, tolerance: Double = 0) throws(GeometryError) -> NativeGeometry {
        var extentGeometry: NativeGeometry?
        if let extent {
            let corners = [
                Position(x: extent.minX, y: extent.minY), Position(x: extent.maxX, y: extent.minY),
                Position(x: extent.maxX, y: extent.maxY), Position(x: extent.minX, y: extent.maxY),
                Position(x: extent.minX, y: extent.minY),
            ]
            extentGeometry = try NativeGeometry(.polygon(Polygon(shell: corners)), context: context)
        }
        let result = GEOSVoronoiDiagram_r(context.handle, pointer, extentGeometry?.pointer, tolerance, 0)
        return try NativeGeometry(taking: result, context: context, operation: "Voronoi diagram")
    }
}
