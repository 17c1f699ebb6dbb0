import CGEOS

extension NativeGeometry {
    /// Splits a polygonal geometry along a line and returns the pieces, largest first.
    ///
    /// The rings of the geometry and the line are noded together by union, GEOS polygonizes the
    /// line work into faces, and the faces whose interior point the geometry covers are the pieces,
    /// so holes stay holes. A line that does not cross the geometry from edge to edge leaves it
    /// whole: the result is then one piece.
    public func split(by line: NativeGeometry) throws(GeometryError) -> [Polygon] {
        let boundary = try NativeGeometry(taking: GEOSBoundary_r(context.handle, pointer), context: context, operation: "boundary")
        let noded = try boundary.union(line)

        // GEOSPolygonize_r borrows the input array and returns a new GeometryCollection of faces.
        var inputs: [OpaquePointer?] = [noded.pointer]
        let faces = try inputs.withUnsafeMutableBufferPointer { buffer throws(GeometryError) in
            try NativeGeometry(taking: GEOSPolygonize_r(context.handle, buffer.baseAddress, 1), context: context, operation: "polygonize")
        }

        var pieces: [(polygon: Polygon, area: Double)] = []
        for face in try faces.polygonalParts() {
            let native = try NativeGeometry(.polygon(face), context: context)
            let inside = try NativeGeometry(point: try native.pointOnSurface(), context: context)
            guard try covers(inside) else { continue }
            pieces.append((RingOrientation.oriented(face), try native.planarArea()))
        }
        return pieces.sorted { $0.area > $1.area }.map(\.polygon)
    }
}
