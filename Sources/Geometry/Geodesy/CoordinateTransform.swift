import CPROJ

/// A PROJ transformation between two CRSs, by default from a source CRS to WGS 84 longitude/latitude
/// (the PROJ context and `PJ*`).
///
/// Thread safety: PROJ objects belong to their context, which must be used
/// by one thread at a time, so an instance is not shared between threads.
/// Create one per import.
public final class CoordinateTransform {
    private let context: OpaquePointer
    private let transformation: OpaquePointer
    public let sourceCRS: String
    /// True when the source CRS is projected (coordinates in metres or feet rather than degrees).
    public let sourceIsProjected: Bool

    /// Creates a transformation from `source` (for example "EPSG:32643") to `target`, with axes in
    /// GIS order (longitude, latitude; easting, northing).
    public init(from source: String, to target: String = "EPSG:4326") throws(GeometryError) {
        // proj_context_create returns NULL only when out of memory.
        guard let context = proj_context_create() else {
            throw GeometryError.projFailure(operation: "create context", message: "out of memory")
        }
        // PROJ also resolves loose object names by searching its database, so only AUTHORITY:CODE
        // names (EPSG:32643, ESRI:102024), OGC URNs and URLs, and "+proj=" strings are accepted.
        let isAuthorityCode = source.split(separator: ":").count == 2 && source.split(separator: ":")[1].allSatisfy(\.isNumber)
        guard isAuthorityCode || source.hasPrefix("urn:ogc:def:crs:") || source.hasPrefix("http") || source.hasPrefix("+proj=") else {
            proj_context_destroy(context)
            throw GeometryError.projFailure(
                operation: "look up CRS \(source)",
                message: "not a known coordinate reference system; name it as EPSG:CODE, for example EPSG:32643 for UTM zone 43N")
        }

        // PROJ would print its own diagnostics on standard error; errors are reported through the thrown error instead.
        proj_log_level(context, PJ_LOG_NONE)

        // A name PROJ cannot resolve to a CRS is rejected before any transformation is built.
        guard let sourceObject = proj_create(context, source), proj_is_crs(sourceObject) != 0 else {
            proj_context_destroy(context)
            throw GeometryError.projFailure(
                operation: "look up CRS \(source)",
                message: "not a known coordinate reference system; name it as EPSG:CODE, for example EPSG:32643 for UTM zone 43N")
        }
        let type = proj_get_type(sourceObject)
        proj_destroy(sourceObject)

        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            let message = Self.lastError(context)
            proj_context_destroy(context)
            throw GeometryError.projFailure(operation: "create transformation from \(source)", message: message)
        }
        // The EPSG definition of 4326 is latitude first; normalising gives GeoJSON's longitude, latitude order.
        let normalised = proj_normalize_for_visualization(context, raw)
        proj_destroy(raw)
        guard let normalised else {
            let message = Self.lastError(context)
            proj_context_destroy(context)
            throw GeometryError.projFailure(operation: "normalise axis order", message: message)
        }
        self.context = context
        self.transformation = normalised
        self.sourceCRS = source
        self.sourceIsProjected = type == PJ_TYPE_PROJECTED_CRS
    }

    deinit {
        proj_destroy(transformation)
        proj_context_destroy(context)
    }

    private static func lastError(_ context: OpaquePointer) -> String {
        let code = proj_context_errno(context)
        guard code != 0, let text = proj_context_errno_string(context, code) else { return "unknown PROJ error" }
        return String(cString: text)
    }

    /// Transforms one position from the source CRS to the target CRS.
    public func transform(_ position: Position) throws(GeometryError) -> Position {
        var coordinate = PJ_COORD()
        coordinate.xy = PJ_XY(x: position.x, y: position.y)
        proj_errno_reset(transformation)
        let output = proj_trans(transformation, PJ_FWD, coordinate)
        // proj_trans signals failure with HUGE_VAL coordinates and sets the error number.
        guard output.lp.lam.isFinite, output.lp.phi.isFinite, proj_errno(transformation) == 0 else {
            throw GeometryError.projFailure(operation: "transform \(position)", message: Self.lastError(context))
        }
        return Position(x: output.xy.x, y: output.xy.y)
    }

    public func transform(_ geometry: Geometry) throws(GeometryError) -> Geometry {
        do {
            return try geometry.mapPositions { try self.transform($0) }
        } catch let error as GeometryError {
            throw error
        } catch {
            throw GeometryError.projFailure(operation: "transform", message: "\(error)")
        }
    }
}
