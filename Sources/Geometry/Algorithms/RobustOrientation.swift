/// Orientation of three points with double-double arithmetic, after GEOS's
/// `CGAlgorithmsDD::orientationIndex`: a fast filter in plain doubles, then
/// an exact-difference, 106-bit-product evaluation when the filter cannot
/// decide. Boundary decisions made here agree with GEOS's point locators.
public enum RobustOrientation {
    /// The side of `q` relative to the directed line `p1`→`p2`: 1 left, -1 right, 0 collinear.
    public static func index(_ p1: Position, _ p2: Position, _ q: Position) -> Int {
        if let filtered = filter(p1, p2, q) { return filtered }

        let dx1 = DoubleDouble.difference(p2.x, p1.x)
        let dy1 = DoubleDouble.difference(p2.y, p1.y)
        let dx2 = DoubleDouble.difference(q.x, p2.x)
        let dy2 = DoubleDouble.difference(q.y, p2.y)
        let determinant = dx1 * dy2 - dy1 * dx2
        return determinant.signum
    }

    /// True when `q` lies on the closed segment `a`–`b`.
    public static func isOnSegment(_ q: Position, _ a: Position, _ b: Position) -> Bool {
        guard q.x >= min(a.x, b.x), q.x <= max(a.x, b.x), q.y >= min(a.y, b.y), q.y <= max(a.y, b.y) else { return false }
        return index(a, b, q) == 0
    }

    /// Decides the sign in plain doubles when the error bound allows; nil otherwise.
    private static func filter(_ pa: Position, _ pb: Position, _ pc: Position) -> Int? {
        // Error bound from Shewchuk's orient2d filter, as used by GEOS.
        let safeEpsilon = 1e-15
        let detLeft = (pa.x - pc.x) * (pb.y - pc.y)
        let detRight = (pa.y - pc.y) * (pb.x - pc.x)
        let determinant = detLeft - detRight
        let detSum: Double
        if detLeft > 0 {
            if detRight <= 0 { return determinant > 0 ? 1 : (determinant < 0 ? -1 : 0) }
            detSum = detLeft + detRight
        } else if detLeft < 0 {
            if detRight >= 0 { return determinant > 0 ? 1 : (determinant < 0 ? -1 : 0) }
            detSum = -detLeft - detRight
        } else {
            return determinant > 0 ? 1 : (determinant < 0 ? -1 : 0)
        }
        let errorBound = safeEpsilon * detSum
        if determinant >= errorBound || -determinant >= errorBound {
            return determinant > 0 ? 1 : -1
        }
        return nil
    }
}

/// A double-double number (hi + lo, about 106 bits of precision).
struct DoubleDouble {
    var hi: Double
    var lo: Double

    /// The exact difference of two doubles (Knuth's two-sum).
    static func difference(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a - b
        let bb = s - a
        let error = (a - (s - bb)) + (-b - bb)
        return DoubleDouble(hi: s, lo: error)
    }

    static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let product = a.hi * b.hi
        // fma gives the exact rounding error of the leading product.
        let error = (-product).addingProduct(a.hi, b.hi)
        let lo = error + (a.hi * b.lo + a.lo * b.hi)
        let hi = product + lo
        return DoubleDouble(hi: hi, lo: lo - (hi - product))
    }

    static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = a.hi - b.hi
        let bb = s - a.hi
        var error = (a.hi - (s - bb)) + (-b.hi - bb)
        error += a.lo - b.lo
        let hi = s + error
        return DoubleDouble(hi: hi, lo: error - (hi - s))
    }

    var signum: Int {
        if hi > 0 { return 1 }
        if hi < 0 { return -1 }
        if lo > 0 { return 1 }
        if lo < 0 { return -1 }
        return 0
    }
}
