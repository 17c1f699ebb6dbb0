/// Errors of the Geometry module, with the structured fields a caller needs
/// to point a user at the problem.
public enum GeometryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// GeoJSON that does not follow RFC 7946; `featureIndex` is 0-based, nil for document-level problems.
    case invalidGeoJSON(featureIndex: Int?, reason: String)
    /// A coordinate reference system that the reader cannot use without the caller naming it.
    case unsupportedCRS(name: String)
    /// The file's `crs` member and the CRS named by the caller disagree.
    case conflictingCRS(declared: String, requested: String)
    /// A geometry that is invalid in the OGC sense, with GEOS's reason and the location it reports.
    case invalidGeometry(reason: String, location: Position?)
    /// A ring that is not closed, or that has fewer than four positions after removing repeats.
    case invalidRing(reason: String, ringIndex: Int)
    /// A geometry of a type the operation cannot use (for example a Point where a polygon is required).
    case unexpectedType(expected: String, found: String)
    /// A GEOS call failed; `message` is GEOS's own error text.
    case geosFailure(operation: String, message: String)
    /// A PROJ call failed, for example an unknown CRS code.
    case projFailure(operation: String, message: String)
    /// A WKB blob that cannot be decoded.
    case invalidWKB(reason: String)

    public var description: String {
        switch self {
        case .invalidGeoJSON(let index, let reason):
            if let index { return "feature \(index): \(reason)" }
            return "invalid GeoJSON: \(reason)"
        case .unsupportedCRS(let name):
            return "unsupported CRS \(name): name the source CRS with --crs (for example --crs EPSG:32643) to convert it"
        case .conflictingCRS(let declared, let requested):
            return "the file declares CRS \(declared) but --crs \(requested) was given; drop --crs, or name the file's own CRS"
        case .invalidGeometry(let reason, let location):
            if let location { return "invalid geometry: \(reason) at \(location)" }
            return "invalid geometry: \(reason)"
        case .invalidRing(let reason, let ringIndex):
            return "ring \(ringIndex): \(reason)"
        case .unexpectedType(let expected, let found):
            return "expected \(expected), found \(found)"
        case .geosFailure(let operation, let message):
            return "GEOS \(operation) failed: \(message)"
        case .projFailure(let operation, let message):
            return "PROJ \(operation) failed: \(message)"
        case .invalidWKB(let reason):
            return "invalid WKB: \(reason)"
        }
    }
}
