import Geometry

/// Errors of the Catchment module.
public enum CatchmentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A catchment whose geometry cannot be indexed.
    case invalidCatchment(key: String, reason: String)
    /// Two catchments with the same key and language.
    case duplicateKey(key: String, language: String?)
    /// A GEOS or PROJ failure while indexing or querying.
    case geometry(GeometryError)

    public var description: String {
        switch self {
        case .invalidCatchment(let key, let reason): return "catchment \(key): \(reason)"
        case .duplicateKey(let key, let language): return "catchment key \(key) appears twice for language \(language ?? "(none)")"
        case .geometry(let error): return error.description
        }
    }
}
