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
    /// Whether neighbouring cells share exact vertices along every shared edge, so that the
    /// fast coverage union applies.
    let formsExactCoverage: Bool
    private let projection: LocalProjection
    /// The projected centre of the extent; projected coordinates are taken relative to it.
    private let origin: Position
    private let context: GEOSContext

    /// Sites added on a circle far around the city. Every building then has bounded neighbours
    /// on all sides, so no building's cell reaches the diagram's extent, where GEOS clips cells
    /// one by one and neighbours may no longer share exact vertices.
    private static let frameSiteCount = 16

    /// Builds the cells of `sites`, which must be distinct. Together the cells cover at least
    /// `extent` (longitude/latitude), so clipping them to a boundary inside it leaves no gap.
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
        var bounds = Envelope(of: projectedSites) ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        bounds.expand(toInclude: project(Position(x: extent.minX, y: extent.minY)))
        bounds.expand(toInclude: project(Position(x: extent.maxX, y: extent.maxY)))

        // The frame circle lies four half-diagonals from the centre and the diagram extent
        // reaches twice as far. A point of the bounds is then at most two half-diagonals from a
        // building but at least three from the frame, so the buildings' cells cover the bounds.
        // They end about halfway to the frame, well inside the extent; the check after the
        // diagram confirms it.
        let halfDiagonal = max((bounds.width * bounds.width + bounds.height * bounds.height).squareRoot() / 2, 100)
        let radius = 4 * halfDiagonal
        let centre = bounds.center
        let frame = (0..<Self.frameSiteCount).map { index in
            let angle = 2 * Double.pi * Double(index) / Double(Self.frameSiteCount)
            return Position(x: centre.x + radius * cos(angle), y: centre.y + radius * sin(angle))
        }
        let diagramExtent = Envelope(minX: centre.x - 2 * radius, minY: centre.y - 2 * radius, maxX: centre.x + 2 * radius, maxY: centre.y + 2 * radius)

        if projectedSites.isEmpty {
            self.cells = []
            self.formsExactCoverage = true
            return
        }
        let diagram = try NativeGeometry(.multiPoint(projectedSites + frame), context: context).voronoiDiagram(extent: diagramExtent)
        let cells = try Self.assign(try diagram.polygonalParts(), to: projectedSites + frame, extent: diagramExtent)
        self.cells = Array(cells.prefix(projectedSites.count))
        self.formsExactCoverage = self.cells.allSatisfy { cell in
            guard let envelope = cell.envelope else { return false }
            return envelope.minX > diagramExtent.minX && envelope.maxX < diagramExtent.maxX
                && envelope.minY > diagramExtent.minY && envelope.maxY < diagramExtent.maxY
        }
    }

    /// Unites the cells of the sites and returns the result in longitude/latitude, not clipped.
    ///
    /// The cells form an exact coverage, so GEOS's coverage union does the work. Should GEOS
    /// reject it or return an invalid result, the general union is used instead.
    func union(ofSites indices: [Int]) throws(GeometryError) -> NativeGeometry {
        let parts = try NativeGeometry(.multiPolygon(indices.map { cells[$0] }), context: context)
        var united: NativeGeometry
        if formsExactCoverage, let fast = try? parts.coverageUnion(), (try? fast.validity().isValid) == true {
            united = fast
        } else {
            united = try parts.unaryUnion()
        }
        let projected = try united.toGeometry()
        let geographic = projected.mapPositions { position in
            projection.unproject(Position(x: position.x + origin.x, y: position.y + origin.y))
        }
        return try NativeGeometry(geographic, context: context)
    }

    /// Orders the diagram's cells like the sites, by finding the one site inside each cell.
    ///
    /// GEOS 3.11 returns cells in its own order. Every site lies strictly inside its convex
    /// cell, so a grid of the sites and a point-in-ring test find it.
    private static func assign(_ diagramCells: [Polygon], to sites: [Position], extent: Envelope) throws(GeometryError) -> [Polygon] {
        // The grid spans the sites, not the far larger extent, so its buckets stay small where the buildings are.
        let grid = SiteGrid(sites: sites, extent: Envelope(of: sites) ?? extent)
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

    /// Returns the grid column or row of a coordinate, clamped to the grid.
    private static func cell(of value: Double, from start: Double, size: Double, count: Int) -> Int {
        let position = ((value - start) / size).rounded(.down)
        guard position.isFinite else {
            return 0
        }
        return Int(min(max(position, 0), Double(count - 1)))
    }
}
