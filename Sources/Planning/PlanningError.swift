import Geometry

/// Errors of the Planning module.
public enum PlanningError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The city boundary cannot bound catchments: empty, or not a valid polygon.
    case invalidBoundary(reason: String)
    /// A GEOS failure while building polygons.
    case geometry(GeometryError)

    public var description: String {
        switch self {
        case .invalidBoundary(let reason): return "invalid city boundary: \(reason); import a valid boundary for the city first"
        case .geometry(let error): return error.description
        }
    }
}
