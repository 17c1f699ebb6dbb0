/// A polygon: one exterior ring (the shell) and zero or more interior rings (holes).
///
/// Rings are stored closed (first position equal to the last). The type
/// itself does not enforce validity: `PolygonCleaner` checks and repairs
/// polygons on import, and after import shells run counter-clockwise and
/// holes clockwise.
public struct Polygon: Hashable, Sendable {
    public var shell: [Position]
    public var holes: [[Position]]

    public init(shell: [Position], holes: [[Position]] = []) {
        self.shell = shell
        self.holes = holes
    }

    /// All rings, shell first.
    public var rings: [[Position]] { [shell] + holes }

    public var envelope: Envelope? { Envelope(of: shell) }

    public var vertexCount: Int { rings.reduce(0) { $0 + $1.count } }
}

/// A GeoJSON geometry as a value, without any GEOS resources behind it.
public indirect enum Geometry: Hashable, Sendable {
    case point(Position)
    case multiPoint([Position])
    case lineString([Position])
    case multiLineString([[Position]])
    case polygon(Polygon)
    case multiPolygon([Polygon])
    case collection([Geometry])

    /// The GeoJSON type name ("Point", "MultiPolygon", …).
    public var typeName: String {
        switch self {
        case .point: return "Point"
        case .multiPoint: return "MultiPoint"
        case .lineString: return "LineString"
        case .multiLineString: return "MultiLineString"
        case .polygon: return "Polygon"
        case .multiPolygon: return "MultiPolygon"
        case .collection: return "GeometryCollection"
        }
    }

    /// Every position of the geometry, in order.
    public var positions: [Position] {
        switch self {
        case .point(let position): return [position]
        case .multiPoint(let positions), .lineString(let positions): return positions
        case .multiLineString(let lines): return lines.flatMap { $0 }
        case .polygon(let polygon): return polygon.rings.flatMap { $0 }
        case .multiPolygon(let polygons): return polygons.flatMap { $0.rings.flatMap { $0 } }
        case .collection(let members): return members.flatMap(\.positions)
        }
    }

    public var envelope: Envelope? { Envelope(of: positions) }

    /// The polygons of a Polygon or MultiPolygon; nil for every other type.
    public var polygons: [Polygon]? {
        switch self {
        case .polygon(let polygon): return [polygon]
        case .multiPolygon(let polygons): return polygons
        default: return nil
        }
    }

    /// Applies `transform` to every position, keeping the structure.
    public func mapPositions(_ transform: (Position) throws -> Position) rethrows -> Geometry {
        func mapRing(_ ring: [Position]) throws -> [Position] { try ring.map(transform) }
        func mapPolygon(_ polygon: Polygon) throws -> Polygon {
            Polygon(shell: try mapRing(polygon.shell), holes: try polygon.holes.map(mapRing))
        }
        switch self {
        case .point(let position): return .point(try transform(position))
        case .multiPoint(let positions): return .multiPoint(try mapRing(positions))
        case .lineString(let positions): return .lineString(try mapRing(positions))
        case .multiLineString(let lines): return .multiLineString(try lines.map(mapRing))
        case .polygon(let polygon): return .polygon(try mapPolygon(polygon))
        case .multiPolygon(let polygons): return .multiPolygon(try polygons.map(mapPolygon))
        case .collection(let members): return .collection(try members.map { try $0.mapPositions(transform) })
        }
    }
}
