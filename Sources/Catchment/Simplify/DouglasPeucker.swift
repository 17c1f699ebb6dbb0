import Geometry

/// Douglas–Peucker simplification of a polyline, computed once for every tolerance.
enum DouglasPeucker {
    /// Returns, for each position, the tolerance below which Douglas–Peucker keeps it.
    ///
    /// Douglas–Peucker at tolerance `t` keeps exactly the positions whose
    /// significance is greater than `t`. The first and last positions get
    /// infinity. An interior position gets its distance from the current
    /// segment when the recursion picks it as the farthest one. That value is
    /// capped by the significance of the position that split its range,
    /// because the recursion reaches a range only when that split was kept. Distances
    /// are to the segment (not its line), with longitudes multiplied by
    /// `longitudeScale`, in degrees of latitude. When the first and last
    /// positions coincide (a closed arc), the first split is at the position
    /// farthest from them. Ties go to the lower index.
    static func significance(of positions: [Position], longitudeScale: Double) -> [Double] {
        let count = positions.count
        var result = [Double](repeating: .infinity, count: count)
        guard count > 2 else { return result }
        let xs = positions.map { $0.x * longitudeScale }
        let ys = positions.map(\.y)

        var stack: [(first: Int, last: Int, cap: Double)] = [(0, count - 1, .infinity)]
        while let (first, last, cap) = stack.popLast() {
            guard last - first >= 2 else { continue }
            var farthest = first + 1
            var maximum = -1.0
            for index in (first + 1)..<last {
                let distance = squaredSegmentDistance(
                    x: xs[index], y: ys[index], fromX: xs[first], fromY: ys[first], toX: xs[last], toY: ys[last])
                if distance > maximum {
                    maximum = distance
                    farthest = index
                }
            }
            let value = min(maximum.squareRoot(), cap)
            result[farthest] = value
            stack.append((first, farthest, value))
            stack.append((farthest, last, value))
        }
        return result
    }

    /// Returns the squared distance from a point to the segment between two points.
    private static func squaredSegmentDistance(
        x: Double, y: Double, fromX: Double, fromY: Double, toX: Double, toY: Double
    ) -> Double {
        let dx = toX - fromX, dy = toY - fromY
        let lengthSquared = dx * dx + dy * dy
        var t = 0.0
        if lengthSquared > 0 {
            t = min(1, max(0, ((x - fromX) * dx + (y - fromY) * dy) / lengthSquared))
        }
        let offsetX = x - (fromX + t * dx), offsetY = y - (fromY + t * dy)
        return offsetX * offsetX + offsetY * offsetY
    }
}
