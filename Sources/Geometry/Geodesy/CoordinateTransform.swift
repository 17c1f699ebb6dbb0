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

    /// Creates a transformation from `source` (for example "EPSG:32643") to `target`, with axes in
    /// GIS order (longitude, latitude; easting, northing).
    public init(from source: String, to target: String = "EPSG:4326") throws(GeometryError) {
        // proj_context_create returns NULL only when out of memory.
        guard let context = proj_context_create() else {
            throw GeometryError.projFailure(operation: "create context", message: "out of memory")
        }
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
