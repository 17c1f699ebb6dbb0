import Foundation

/// Areas in square metres of polygons whose edges are straight lines in longitude/latitude,
/// the way GEOS and GeoJSON treat them, on the WGS 84 authalic sphere.
///
/// `Geodesic.area` follows geodesics between vertices instead. For a
/// long, thin sliver between two nearly collinear edges the two shapes
/// differ by far more than the sliver itself, so overlaps and gaps
/// computed by GEOS are measured here.
///
/// Each edge contributes −R²·∫ sin β dλ, where β is the authalic latitude
/// of the geodetic latitude, which varies linearly along the edge, and R is
/// the authalic radius (Green's theorem with the ellipsoid's area element).
/// The integral is taken by three-point Gauss–Legendre quadrature, so
/// splitting an edge at a collinear vertex leaves the area unchanged up to
/// rounding.
public enum PlanarEdgeArea {
    private static let semiMajorAxis = 6_378_137.0
    private static let flattening = 1 / 298.257223563
    private static let eccentricity = (flattening * (2 - flattening)).squareRoot()
    private static let qPole = q(sinLatitude: 1)
    /// Authalic radius of WGS 84, about 6,371,007.2 m.
    public static let authalicRadius = semiMajorAxis * (qPole / 2).squareRoot()

    private static func q(sinLatitude s: Double) -> Double {
        let e = eccentricity
        let e2 = e * e
        return (1 - e2) * (s / (1 - e2 * s * s) - (1 / (2 * e)) * log((1 - e * s) / (1 + e * s)))
    }

    /// Converts a geodetic latitude in degrees to the authalic latitude in radians.
    static func authalicLatitude(_ latitude: Double) -> Double {
        let ratio = q(sinLatitude: sin(latitude * .pi / 180)) / qPole
        return asin(max(-1, min(1, ratio)))
    }

    /// sin β for a geodetic latitude in degrees.
    private static func sinAuthalic(_ latitude: Double) -> Double {
        q(sinLatitude: sin(latitude * .pi / 180)) / qPole
    }

    /// Gauss–Legendre nodes on [0, 1] and their weights.
    private static let nodes = [0.5 - 0.5 * (0.6).squareRoot(), 0.5, 0.5 + 0.5 * (0.6).squareRoot()]
    private static let weights = [5.0 / 18, 8.0 / 18, 5.0 / 18]

    /// Area of one ring in square metres, positive whatever its winding.
    public static func area(ofRing ring: [Position]) -> Double {
        guard ring.count >= 4 else { return 0 }
        // Subtracting the first vertex's sin β changes nothing around a closed ring but limits cancellation.
        let reference = sinAuthalic(ring[0].y)
        var sum = 0.0
        for index in 0..<(ring.count - 1) {
            let a = ring[index], b = ring[index + 1]
            let dLambda = (b.x - a.x) * .pi / 180
            if dLambda == 0 { continue }
            var mean = 0.0
            for (node, weight) in zip(nodes, weights) {
                mean += weight * (sinAuthalic(a.y + node * (b.y - a.y)) - reference)
            }
            sum += mean * dLambda
        }
        return abs(sum) * authalicRadius * authalicRadius
    }

    public static func area(of polygon: Polygon) -> Double {
        max(0, area(ofRing: polygon.shell) - polygon.holes.reduce(0) { $0 + area(ofRing: $1) })
    }

    public static func area(of geometry: Geometry) -> Double {
        switch geometry {
        case .polygon(let polygon): return area(of: polygon)
        case .multiPolygon(let polygons): return polygons.reduce(0) { $0 + area(of: $1) }
        case .collection(let members): return members.reduce(0) { $0 + area(of: $1) }
        default: return 0
        }
    }
}
