import CPROJ

/// Distances and areas on the WGS 84 ellipsoid, by Karney's algorithms in PROJ's `geodesic.h`.
///
/// The `geod_geodesic` parameters are computed once and only read after
/// that, and the geodesic routines keep no other state, so one instance is
/// safe to share between threads.
public struct Geodesic: Sendable {
    private let parameters: geod_geodesic

    /// The WGS 84 ellipsoid: semi-major axis 6,378,137 m, flattening 1/298.257223563.
    public static let wgs84 = Geodesic(semiMajorAxis: 6_378_137, flattening: 1 / 298.257223563)

    public init(semiMajorAxis: Double, flattening: Double) {
        var parameters = geod_geodesic()
        geod_init(&parameters, semiMajorAxis, flattening)
        self.parameters = parameters
    }

    /// Returns the geodesic distance in metres between two positions given as longitude and latitude in degrees.
    public func distance(_ from: Position, _ to: Position) -> Double {
        var distance = 0.0
        withUnsafePointer(to: parameters) { pointer in
            geod_inverse(pointer, from.y, from.x, to.y, to.x, &distance, nil, nil)
        }
        return distance
    }

    /// Returns the area in square metres enclosed by a ring, positive whatever its winding.
    ///
    /// The ring may be closed or open, because a closing position equal to the first is skipped.
    public func area(ofRing ring: [Position]) -> Double {
        var positions = ring
        if positions.count > 1, positions.first == positions.last { positions.removeLast() }
        guard positions.count >= 3 else { return 0 }
        var latitudes = positions.map(\.y)
        var longitudes = positions.map(\.x)
        var area = 0.0
        var perimeter = 0.0
        withUnsafePointer(to: parameters) { pointer in
            geod_polygonarea(pointer, &latitudes, &longitudes, Int32(positions.count), &area, &perimeter)
        }
        return abs(area)
    }

    /// Returns the area in square metres of a polygon: its shell less its holes.
    public func area(of polygon: Polygon) -> Double {
        let holes = polygon.holes.reduce(0.0) { $0 + area(ofRing: $1) }
        return max(0, area(ofRing: polygon.shell) - holes)
    }

    /// Returns the total area in square metres of the polygons of a geometry, or 0 for non-polygonal geometries.
    public func area(of geometry: Geometry) -> Double {
        switch geometry {
        case .polygon(let polygon): return area(of: polygon)
        case .multiPolygon(let polygons): return polygons.reduce(0) { $0 + area(of: $1) }
        case .collection(let members): return members.reduce(0) { $0 + area(of: $1) }
        default: return 0
        }
    }
}
