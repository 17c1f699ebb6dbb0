import Foundation

/// An equirectangular projection to metres around a reference latitude, for short-range planar work
/// (nearest-point searches, simplification tolerances).
///
/// At city scale (tens of kilometres) its distances differ from geodesic
/// ones by well under one per cent; callers that report distances measure
/// the final pair of points with `Geodesic` instead.
public struct LocalProjection: Sendable {
    public let referenceLatitude: Double
    /// Metres per degree of latitude and of longitude at the reference latitude.
    public let metresPerDegreeY: Double
    public let metresPerDegreeX: Double

    /// WGS 84 mean radius in metres (IUGG).
    public static let meanEarthRadius = 6_371_008.8

    public init(referenceLatitude: Double) {
        self.referenceLatitude = referenceLatitude
        metresPerDegreeY = Self.meanEarthRadius * .pi / 180
        metresPerDegreeX = metresPerDegreeY * cos(referenceLatitude * .pi / 180)
    }

    public func project(_ position: Position) -> Position {
        Position(x: position.x * metresPerDegreeX, y: position.y * metresPerDegreeY)
    }

    public func unproject(_ position: Position) -> Position {
        Position(x: position.x / metresPerDegreeX, y: position.y / metresPerDegreeY)
    }
}
