/// Ring winding by the sign of the shoelace area, in the plane of the coordinates.
public enum RingOrientation {
    /// Twice the signed planar area of a closed ring: positive when counter-clockwise.
    public static func signedDoubleArea(_ ring: [Position]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        // Coordinates are taken relative to the first position to limit cancellation.
        let origin = ring[0]
        for index in 0..<(ring.count - 1) {
            let a = ring[index], b = ring[index + 1]
            sum += (a.x - origin.x) * (b.y - origin.y) - (b.x - origin.x) * (a.y - origin.y)
        }
        return sum
    }

    public static func isCounterClockwise(_ ring: [Position]) -> Bool {
        signedDoubleArea(ring) > 0
    }

    /// Returns the polygon with its shell counter-clockwise and its holes clockwise (the RFC 7946 right-hand rule).
    ///
    /// Which ring is the shell comes from the structure (the first ring), never from the winding.
    public static func oriented(_ polygon: Polygon) -> Polygon {
        var result = polygon
        if !isCounterClockwise(result.shell) { result.shell.reverse() }
        for index in result.holes.indices where isCounterClockwise(result.holes[index]) {
            result.holes[index].reverse()
        }
        return result
    }
}
