import Foundation
import Geometry

/// The Voronoi cells of a city's building points: each cell is the part of the plane nearer to
/// its building than to any other, so cells tile the plane without overlaps.
///
/// Cells are computed in metres around the city (an equirectangular ``LocalProjection``), so
/// that "nearer" means the same in every direction, and unions of cells come back in
/// longitude/latitude. Not thread-safe: use it from the thread that owns its GEOS context.
struct BuildingCells {
    /// Distinct building points, longitude/latitude.
    let sites: [Position]
    /// The cell of each site, in projected metres.
    private let cells: [Polygon]
    private let projection: LocalProjection
    /// The projected centre of the extent; projected coordinates are taken relative to it.
    private let origin: Position
    private let context: GEOSContext

    /// Builds the cells of `sites`, which must be distinct. The cells cover at least `extent`
    /// (longitude/latitude) with a margin, so clipping them to a boundary inside it leaves no gap.
    init(sites: [Position], extent: Envelope, context: GEOSContext) throws(GeometryError) {
        let projection = LocalProjection(referenceLatitude: extent.center.y)
        let origin = projection.project(extent.center)
        self.sites = sites
        self.projection = projection
        self.origin = origin
        self.context = context

        func project(_ position: Position) -> Position {
            let projected = projection.project(position)
            return Position(x: projected.x - origin.x, y: projected.y - origin.y)
        }
        let projectedSites = sites.map(project)
        guard var bounds = Envelope(of: projectedSites.isEmpty ? [project(extent.center)] : projectedSites) else {
            self.cells = []
            return
        }
        bounds.expand(toInclude: project(Position(x: extent.minX, y: extent.minY)))
        bounds.expand(toInclude: project(Position(x: extent.maxX, y: extent.maxY)))
        // The margin keeps the diagram's own clipping, which may cut shared edges slightly
        // differently in neighbouring cells, well outside the city.
        let margin = max(bounds.width, bounds.height) * 0.1 + 100
        let diagramExtent = Envelope(minX: bounds.minX - margin, minY: bounds.minY - margin, maxX: bounds.maxX + margin, maxY: bounds.maxY + margin)

        switch projectedSites.count {
        case 0:
            self.cells = []
        case 1:
            self.cells = [Polygon(shell: Self.rectangle(diagramExtent))]
        default:
            let diagram = try NativeGeometry(.multiPoint(projectedSites), context: context).voronoiDiagram(extent: diagramExtent)
            self.cells = try Self.assign(try diagram.polygonalParts(), to: projectedSites, extent: diagramExtent)
        }
    }

    /// Unites the cells of the sites and returns the result in longitude/latitude, not clipped.
    func union(ofSites indices: [Int]) throws(GeometryError) -> NativeGeometry {
        let parts = indices.map { Geometry.polygon(cells[$0]) }
        let united = try NativeGeometry(.collection(parts), context: context).unaryUnion().toGeometry()
        let geographic = united.mapPositions { position in
            projection.unproject(Position(x: position.x + origin.x, y: position.y + origin.y))
        }
        return try NativeGeometry(geographic, context: context)
    }

    /// Orders the diagram's cells like the sites, by finding the one site inside each cell.
    ///
    /// GEOS 3.11 returns cells in its own order. Every site lies strictly inside its convex
    /// cell, so a grid of the sites and a point-in-ring test find it.
    private static func assign(_ diagramCells: [Polygon], to sites: [Position], extent: Envelope) throws(GeometryError) -> [Polygon] {
        let grid = SiteGrid(sites: sites, extent: extent)
        var cells = [Polygon?](repeating: nil, count: sites.count)
        for cell in diagramCells {
            guard let envelope = cell.envelope else {
                continue
            }
            let site = grid.first(in: envelope) { site in cells[site] == nil && Self.ring(cell.shell, contains: sites[site]) }
            if let site {
                cells[site] = cell
            }
        }

        var result: [Polygon] = []
        result.reserveCapacity(sites.count)
        for (site, cell) in cells.enumerated() {
            guard let cell else {
                throw GeometryError.geosFailure(operation: "Voronoi diagram", message: "no cell contains site \(site) at \(sites[site])")
            }
            result.append(cell)
        }
        return result
    }

    /// Returns whether the point lies inside the closed ring (crossing-number test).
    private static func ring(_ ring: [Position], contains point: Position) -> Bool {
        var inside = false
        var previous = ring[ring.count - 1]
        for current in ring {
            if (current.y > point.y) != (previous.y > point.y) {
                let crossingX = previous.x + (point.y - previous.y) / (current.y - previous.y) * (current.x - previous.x)
                if point.x < crossingX {
                    inside.toggle()
                }
            }
            previous = current
        }
        return inside
    }

    private static func rectangle(_ envelope: Envelope) -> [Position] {
        [
            Position(x: envelope.minX, y: envelope.minY), Position(x: envelope.maxX, y: envelope.minY),
            Position(x: envelope.maxX, y: envelope.maxY), Position(x: envelope.minX, y: envelope.maxY),
            Position(x: envelope.minX, y: envelope.minY),
        ]
    }
}

/// A uniform grid of points for finding the points inside an envelope.
private struct SiteGrid {
    private let minX: Double
    private let minY: Double
    private let size: Double
    private let columns: Int
    private let rows: Int
    private let buckets: [[Int]]

    init(sites: [Position], extent: Envelope) {
        // About two sites a bucket on average.
        let area = max(extent.width * extent.height, 1)
        let size = max(sqrt(area / Double(max(sites.count, 1)) * 2), 1e-9)
        let columns = max(1, min(Int((extent.width / size).rounded(.up)), 1 << 14))
        let rows = max(1, min(Int((extent.height / size).rounded(.up)), 1 << 14))
        self.minX = extent.minX
        self.minY = extent.minY
        self.size = size
        self.columns = columns
        self.rows = rows

        var buckets = [[Int]](repeating: [], count: columns * rows)
        for (index, site) in sites.enumerated() {
            let column = Self.cell(of: site.x, from: extent.minX, size: size, count: columns)
            let row = Self.cell(of: site.y, from: extent.minY, size: size, count: rows)
            buckets[row * columns + column].append(index)
        }
        self.buckets = buckets
    }

    /// The first site in the envelope for which `accept` returns true.
    func first(in envelope: Envelope, where accept: (Int) -> Bool) -> Int? {
        for row in row(of: envelope.minY)...row(of: envelope.maxY) {
            for column in column(of: envelope.minX)...column(of: envelope.maxX) {
                if let site = buckets[bucket(column: column, row: row)].first(where: accept) {
                    return site
                }
            }
        }
        return nil
    }

    private func column(of x: Double) -> Int {
        Self.cell(of: x, from: minX, size: size, count: columns)
    }

    private func row(of y: Double) -> Int {
        Self.cell(of: y, from: minY, size: size, count: rows)
    }

    private func bucket(column: Int, row: Int) -> Int {
        row * columns + column
    }

    /// The grid column or row of a coordinate, clamped to the grid.
    private static func cell(of value: Double, from start: Double, size: Double, count: Int) -> Int {
        let position = ((value - start) / size).rounded(.down)
        guard position.isFinite else {
            return 0
        }
        return Int(min(max(position, 0), Double(count - 1)))
    }
}
