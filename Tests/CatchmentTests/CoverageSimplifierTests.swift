import Catchment
import Foundation
import Geometry
import TestSupport
import XCTest

final class CoverageSimplifierTests: XCTestCase {
    // MARK: Builders

    /// Returns a path from `start` to `end` with `count` interior vertices offset sideways by up to `amplitude`
    /// (never exactly 0, so no interior vertex is collinear with its neighbours).
    private func wigglyPath(from start: Position, to end: Position, count: Int, amplitude: Double, generator: inout SeededGenerator) -> [Position] {
        let dx = end.x - start.x, dy = end.y - start.y
        let length = (dx * dx + dy * dy).squareRoot()
        let normal = Position(x: -dy / length, y: dx / length)
        var path = [start]
        for step in 1...count {
            let t = Double(step) / Double(count + 1)
            let sign: Double = Bool.random(using: &generator) ? 1 : -1
            let offset = sign * amplitude * Double.random(in: 0.2...1, using: &generator)
            path.append(Position(x: start.x + t * dx + offset * normal.x, y: start.y + t * dy + offset * normal.y))
        }
        path.append(end)
        return path
    }

    /// Joins paths that each start where the previous one ended into a closed ring.
    private func ring(_ paths: [[Position]]) -> [Position] {
        var positions: [Position] = []
        for path in paths { positions.append(contentsOf: positions.isEmpty ? path : Array(path.dropFirst())) }
        return positions
    }

    /// Returns the positions of a closed ring from the first occurrence of `start` to the next occurrence of `end`, wrapping around.
    private func path(in ring: [Position], from start: Position, to end: Position) -> [Position]? {
        let open = Array(ring.dropLast())
        guard let first = open.firstIndex(of: start) else { return nil }
        var result = [start]
        var index = first
        repeat {
            index = (index + 1) % open.count
            result.append(open[index])
            if open[index] == end { return result }
        } while index != first
        return nil
    }

    /// True when two closed rings have the same vertices in the same cyclic order, whatever their start.
    private func areCyclicallyEqual(_ a: [Position], _ b: [Position]) -> Bool {
        let first = Array(a.dropLast()), second = Array(b.dropLast())
        guard first.count == second.count, let start = second.firstIndex(of: first[0]) else { return false }
        return first.indices.allSatisfy { first[$0] == second[(start + $0) % second.count] }
    }

    private func catchments(_ areas: [[Polygon]], language: String = "kk") -> [Catchment] {
        areas.enumerated().map { Catchment(key: "area-\($0.offset)", language: language, polygons: $0.element) }
    }

    private func vertexCount(_ areas: [[Polygon]]) -> Int {
        areas.reduce(0) { $0 + $1.reduce(0) { $0 + $1.vertexCount } }
    }

    private func geometry(_ polygons: [Polygon]) -> Geometry {
        polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
    }

    /// Names of the areas that GEOS finds invalid or that have no polygon left.
    private func invalidAreas(_ areas: [[Polygon]]) throws -> [String] {
        var result: [String] = []
        for (index, polygons) in areas.enumerated() {
            if polygons.isEmpty {
                result.append("area \(index): no polygons")
                continue
            }
            if polygons.contains(where: { $0.rings.contains { $0.count < 4 } }) {
                result.append("area \(index): a ring has fewer than 4 positions")
                continue
            }
            let validity = try NativeGeometry(geometry(polygons)).validity()
            if !validity.isValid { result.append("area \(index): \(validity.reason ?? "invalid") at \(validity.location.map(\.description) ?? "?")") }
        }
        return result
    }

    /// Pairs of areas whose interiors intersect, checked for every pair with intersecting envelopes.
    private func overlappingPairs(_ areas: [[Polygon]]) throws -> [String] {
        let natives = try areas.map { try NativeGeometry(geometry($0)) }
        let envelopes = areas.map { Envelope(of: $0.flatMap(\.shell))! }
        let tree = STRTree(envelopes: envelopes)
        var result: [String] = []
        for first in areas.indices {
            var candidates: [Int] = []
            tree.query(envelopes[first]) { if $0 > first { candidates.append($0) } }
            for second in candidates.sorted() where try natives[first].interiorsIntersect(natives[second]) {
                result.append("\(first)×\(second)")
            }
        }
        return result
    }

    private func unionArea(_ areas: [[Polygon]]) throws -> Double {
        PlanarEdgeArea.area(of: try NativeGeometry.union(of: areas.flatMap { $0 }).toGeometry())
    }

    /// Two squares (about 1.6 km wide near Almaty) whose shared border has 200 wiggles of up to 1 m.
    private func squaresWithWigglyBorder() -> (areas: [[Polygon]], bottom: Position, top: Position) {
        var generator = SeededGenerator(seed: 7)
        let bottom = Position(x: 76.92, y: 43.24), top = Position(x: 76.92, y: 43.26)
        let border = wigglyPath(from: bottom, to: top, count: 200, amplitude: 0.00001, generator: &generator)
        let west = [Position(x: 76.90, y: 43.24)] + border + [Position(x: 76.90, y: 43.26), Position(x: 76.90, y: 43.24)]
        let east = [bottom, Position(x: 76.94, y: 43.24), Position(x: 76.94, y: 43.26)] + border.reversed()
        return ([[Polygon(shell: west)], [Polygon(shell: east)]], bottom, top)
    }

    /// Builds a brick wall of 0.01° cells in two rows: row 0 has cells [0,2], [2,4], [4,6] and row 1 has
    /// [0,2], [2,3], [3,5], [5,6] (in cell units), so 3 areas meet at x = 3, 4, 5 and 4 areas at x = 2
    /// on the middle line. Every unit edge has 12 wiggly vertices, the same for both cells beside it.
    private func brickWall() -> (areas: [[Polygon]], junctions: [Position]) {
        let size = 0.01, originX = 76.9, originY = 43.2
        func point(_ i: Int, _ j: Int) -> Position { Position(x: originX + Double(i) * size, y: originY + Double(j) * size) }
        var generator = SeededGenerator(seed: 11)
        var edges: [[Int]: [Position]] = [:]
        func edge(_ a: (Int, Int), _ b: (Int, Int)) -> [Position] {
            let forward = (a.0, a.1) < (b.0, b.1)
            let key = forward ? [a.0, a.1, b.0, b.1] : [b.0, b.1, a.0, a.1]
            if edges[key] == nil {
                let (start, end) = forward ? (a, b) : (b, a)
                edges[key] = wigglyPath(from: point(start.0, start.1), to: point(end.0, end.1), count: 12, amplitude: size / 200, generator: &generator)
            }
            return forward ? edges[key]! : edges[key]!.reversed()
        }
        func cell(_ minX: Int, _ maxX: Int, _ row: Int) -> [Polygon] {
            // Counter-clockwise through every grid point on the cell's boundary, so consecutive points are one unit apart.
            var boundary: [(Int, Int)] = (minX...maxX).map { ($0, row) }
            boundary.append(contentsOf: (minX...maxX).reversed().map { ($0, row + 1) })
            boundary.append((minX, row))
            let paths = (0..<(boundary.count - 1)).map { edge(boundary[$0], boundary[$0 + 1]) }
            return [Polygon(shell: ring(paths))]
        }
        let areas = [cell(0, 2, 0), cell(2, 4, 0), cell(4, 6, 0), cell(0, 2, 1), cell(2, 3, 1), cell(3, 5, 1), cell(5, 6, 1)]
        let junctions = [point(2, 1), point(3, 1), point(4, 1), point(5, 1)]
        return (areas, junctions)
    }

    /// Builds a square with a round hole, and an island area that fills the hole with the same ring drawn the other way.
    private func holeAndIsland() -> [[Polygon]] {
        var generator = SeededGenerator(seed: 3)
        let center = Position(x: 76.95, y: 43.25)
        var circle: [Position] = []
        for step in 0..<240 {
            let angle = Double(step) / 240 * 2 * .pi
            let radius = 0.004 + Double.random(in: -0.00002...0.00002, using: &generator)
            circle.append(Position(x: center.x + radius * cos(angle), y: center.y + radius * sin(angle)))
        }
        let island = circle + [circle[0]]
        // The hole runs clockwise and starts at another vertex than the island, as independent sources would draw it.
        let rotated = Array(circle[100...] + circle[..<100])
        let hole = Array((rotated + [rotated[0]]).reversed())
        let outer = Polygon(shell: Fixtures.rectangle(minX: 76.94, minY: 43.24, maxX: 76.96, maxY: 43.26), holes: [hole])
        return [[outer], [Polygon(shell: island)]]
    }

    // MARK: Shared borders

    func testSharedBorderSimplifiedOnce() throws {
        let (areas, bottom, top) = squaresWithWigglyBorder()
        let result = CoverageSimplifier(areas: areas).simplified(tolerance: 0.0001)

        let westBorder = try XCTUnwrap(path(in: result[0][0].shell, from: bottom, to: top))
        let eastBorder = try XCTUnwrap(path(in: result[1][0].shell, from: top, to: bottom))
        XCTAssertEqual(westBorder, Array(eastBorder.reversed()))
        XCTAssertLessThan(westBorder.count, 202, "the border keeps all its vertices")
        XCTAssertLessThan(vertexCount(result), vertexCount(areas))

        let report = try CoverageAnalyzer().analyze(catchments: catchments(result))
        XCTAssertTrue(report.invalid.isEmpty, "\(report.invalid.map(\.reason))")
        XCTAssertTrue(report.overlaps.isEmpty, "\(report.overlaps.map(\.areaSquareMetres))")
        XCTAssertTrue(report.gaps.isEmpty, "\(report.gaps.map(\.areaSquareMetres))")
    }

    func testJunctionNodesKeptExactly() throws {
        let (areas, junctions) = brickWall()
        let result = CoverageSimplifier(areas: areas).simplified(tolerance: 0.001)

        for junction in junctions {
            let before = areas.indices.filter { areas[$0][0].shell.contains(junction) }
            let after = result.indices.filter { result[$0][0].shell.contains(junction) }
            XCTAssertGreaterThanOrEqual(before.count, 3, "junction \(junction)")
            XCTAssertEqual(after, before, "junction \(junction)")
        }
        XCTAssertLessThan(vertexCount(result), vertexCount(areas) / 4)

        let report = try CoverageAnalyzer().analyze(catchments: catchments(result))
        XCTAssertTrue(report.invalid.isEmpty, "\(report.invalid.map(\.reason))")
        XCTAssertTrue(report.overlaps.isEmpty, "\(report.overlaps.map(\.areaSquareMetres))")
        XCTAssertTrue(report.gaps.isEmpty, "\(report.gaps.map(\.areaSquareMetres))")
    }

    func testHoleAndIslandStayIdentical() throws {
        let areas = holeAndIsland()
        let result = CoverageSimplifier(areas: areas).simplified(tolerance: 0.0002)

        let hole = try XCTUnwrap(result[0][0].holes.first)
        let island = result[1][0].shell
        XCTAssertTrue(areCyclicallyEqual(Array(hole.reversed()), island), "hole \(hole.count) vs island \(island.count) positions")
        XCTAssertLessThan(island.count, areas[1][0].shell.count)
        XCTAssertGreaterThanOrEqual(island.count, 4)

        let report = try CoverageAnalyzer().analyze(catchments: catchments(result))
        XCTAssertTrue(report.invalid.isEmpty, "\(report.invalid.map(\.reason))")
        XCTAssertTrue(report.overlaps.isEmpty, "\(report.overlaps.map(\.areaSquareMetres))")
        XCTAssertTrue(report.gaps.isEmpty, "\(report.gaps.map(\.areaSquareMetres))")
    }

    // MARK: Tolerance limits

    func testZeroToleranceReturnsInput() {
        let areas = brickWall().areas + holeAndIsland()
        XCTAssertEqual(CoverageSimplifier(areas: areas).simplified(tolerance: 0), areas)
    }

    func testTinyToleranceRebuildsInput() {
        // Every vertex is farther than 1e-12° from its neighbours' segment, so all are kept and the
        // rings rebuilt from arcs must start where the input rings start.
        let areas = brickWall().areas + holeAndIsland() + squaresWithWigglyBorder().areas
        XCTAssertEqual(CoverageSimplifier(areas: areas).simplified(tolerance: 1e-12), areas)
    }

    func testHugeToleranceKeepsAreasValid() throws {
        let areas = brickWall().areas + holeAndIsland()
        let simplifier = CoverageSimplifier(areas: areas)
        for tolerance in [0.01, 1.0, 100.0] {
            let result = simplifier.simplified(tolerance: tolerance)
            XCTAssertEqual(result.count, areas.count)
            XCTAssertEqual(try invalidAreas(result), [], "tolerance \(tolerance)")
            XCTAssertEqual(try overlappingPairs(result), [], "tolerance \(tolerance)")
            for (index, polygons) in result.enumerated() {
                XCTAssertGreaterThan(PlanarEdgeArea.area(of: geometry(polygons)), 0, "area \(index) at tolerance \(tolerance)")
            }
        }
    }

    func testEmptyAreaStaysEmpty() {
        let square = [Polygon(shell: Fixtures.rectangle(minX: 76.9, minY: 43.2, maxX: 76.91, maxY: 43.21))]
        let result = CoverageSimplifier(areas: [[], square]).simplified(tolerance: 0.001)
        XCTAssertEqual(result, [[], square])
    }

    // MARK: Repairs

    func testHoleOutsideShellRepaired() throws {
        // Dropping the apex (5, 11) of the shell would leave the hole outside the shell.
        let shell = [Position(x: 0, y: 0), Position(x: 10, y: 0), Position(x: 10, y: 10), Position(x: 5, y: 11),
                     Position(x: 0, y: 10), Position(x: 0, y: 0)]
        let hole = Array(Fixtures.rectangle(minX: 4.8, minY: 10.2, maxX: 5.2, maxY: 10.5).reversed())
        let areas = [[Polygon(shell: shell, holes: [hole])]]
        let result = CoverageSimplifier(areas: areas).simplified(tolerance: 2)

        XCTAssertEqual(try invalidAreas(result), [])
        XCTAssertTrue(result[0][0].shell.contains(Position(x: 5, y: 11)))
        XCTAssertEqual(result[0][0].holes.first?.count, 5)
    }

    func testOverlapWithNeighbourRepaired() throws {
        // Area 1 sits in a notch of area 0 without touching it. Dropping the notch's tip (5, 8)
        // would make area 0 cover area 1.
        let notched = [Position(x: 0, y: 0), Position(x: 10, y: 0), Position(x: 10, y: 10), Position(x: 6, y: 10),
                       Position(x: 5, y: 8), Position(x: 4, y: 10), Position(x: 0, y: 10), Position(x: 0, y: 0)]
        let inNotch = Fixtures.rectangle(minX: 4.9, minY: 9.2, maxX: 5.1, maxY: 9.8)
        let areas = [[Polygon(shell: notched)], [Polygon(shell: inNotch)]]
        let result = CoverageSimplifier(areas: areas).simplified(tolerance: 3)

        XCTAssertEqual(try overlappingPairs(result), [])
        XCTAssertEqual(try invalidAreas(result), [])
        XCTAssertTrue(result[0][0].shell.contains(Position(x: 5, y: 8)))
    }

    // MARK: Determinism

    func testOutputIndependentOfInputOrder() {
        let areas = brickWall().areas + holeAndIsland()
        let reference = CoverageSimplifier(areas: areas).simplified(tolerance: 0.0005)
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<5 {
            let order = Array(areas.indices).shuffled(using: &generator)
            let result = CoverageSimplifier(areas: order.map { areas[$0] }).simplified(tolerance: 0.0005)
            for (position, area) in order.enumerated() {
                XCTAssertEqual(result[position], reference[area], "area \(area) at position \(position)")
            }
        }
    }

    func testConcurrentCallsMatchSerialCalls() {
        let simplifier = CoverageSimplifier(areas: brickWall().areas + holeAndIsland())
        let tolerances = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05, 1.0]
        let expected = tolerances.map { simplifier.simplified(tolerance: $0) }

        let results = ConcurrentResults(count: tolerances.count)
        DispatchQueue.concurrentPerform(iterations: tolerances.count) { index in
            results.store(simplifier.simplified(tolerance: tolerances[index]), at: index)
        }
        for index in tolerances.indices {
            XCTAssertEqual(results.value(at: index), expected[index], "tolerance \(tolerances[index])")
        }
    }

    func testToleranceForZoom() {
        XCTAssertEqual(CoverageSimplifier.tolerance(forZoom: 0), 180.0 / 256)
        XCTAssertEqual(CoverageSimplifier.tolerance(forZoom: 12), 180.0 / 256 / 4096)
        XCTAssertEqual(CoverageSimplifier.tolerance(forZoom: 12, latitude: 60), 180.0 / 256 / 4096 * cos(.pi / 3), accuracy: 1e-15)
    }

    // MARK: Size

    func testSevenThousandCellsSimplified() throws {
        // An 84 × 84 grid of 0.002° cells (about 200 m) whose edges have 3 wiggly vertices each.
        let side = 84, size = 0.002, originX = 76.8, originY = 43.1
        var generator = SeededGenerator(seed: 13)
        func point(_ i: Int, _ j: Int) -> Position { Position(x: originX + Double(i) * size, y: originY + Double(j) * size) }
        var horizontal: [[[Position]]] = []
        for j in 0...side {
            horizontal.append((0..<side).map { wigglyPath(from: point($0, j), to: point($0 + 1, j), count: 3, amplitude: size / 20, generator: &generator) })
        }
        var vertical: [[[Position]]] = []
        for i in 0...side {
            vertical.append((0..<side).map { wigglyPath(from: point(i, $0), to: point(i, $0 + 1), count: 3, amplitude: size / 20, generator: &generator) })
        }
        var areas: [[Polygon]] = []
        for j in 0..<side {
            for i in 0..<side {
                let shell = ring([horizontal[j][i], vertical[i + 1][j], horizontal[j + 1][i].reversed(), vertical[i][j].reversed()])
                areas.append([Polygon(shell: shell)])
            }
        }

        let start = Date()
        let simplifier = CoverageSimplifier(areas: areas)
        let built = Date()
        let result = simplifier.simplified(tolerance: CoverageSimplifier.tolerance(forZoom: 14))
        let finished = Date()
        print("\(areas.count) cells: topology \(String(format: "%.3f", built.timeIntervalSince(start))) s, "
              + "zoom 14 \(String(format: "%.3f", finished.timeIntervalSince(built))) s, "
              + "\(vertexCount(areas)) → \(vertexCount(result)) positions")

        XCTAssertEqual(result.count, areas.count)
        XCTAssertLessThan(vertexCount(result), vertexCount(areas))
        XCTAssertEqual(try invalidAreas(result), [])
        XCTAssertEqual(try overlappingPairs(result), [])
    }

    // MARK: Real data

    private func realData(_ name: String) throws -> URL {
        if let url = Fixtures.realData(name) { return url }
        if Fixtures.isCI { XCTFail("real data \(name) missing under \(Fixtures.realDataFolder.path), required when CI=true") }
        throw XCTSkip("real data folder \(Fixtures.realDataFolder.path) is absent; set SAKURA_REALDATA to run this test")
    }

    /// Reads a GeoJSON file and cleans each feature's geometry. Returns each accepted feature's polygons and
    /// `language` property, and fails the test for each rejected feature.
    private func readAreas(_ url: URL) throws -> [(polygons: [Polygon], language: String?)] {
        let document = try GeoJSONReader.read(contentsOf: url)
        XCTAssertEqual(document.problems, [], url.lastPathComponent)
        var result: [(polygons: [Polygon], language: String?)] = []
        for feature in document.features {
            guard case .accepted(let polygons, _) = PolygonCleaner().clean(feature.geometry) else {
                XCTFail("feature \(feature.index) of \(url.lastPathComponent) was rejected by PolygonCleaner")
                continue
            }
            let language: String? = if case .string(let code)? = feature.properties["language"] { code } else { nil }
            result.append((polygons, language))
        }
        return result
    }

    /// Simplifies a coverage at zooms 10, 12 and 14 and checks validity, overlaps, union area and vertex count.
    private func checkCoverage(_ areas: [[Polygon]], name: String) throws {
        let simplifier = CoverageSimplifier(areas: areas)
        let inputArea = try unionArea(areas)
        for zoom in [10, 12, 14] {
            let start = Date()
            let result = simplifier.simplified(tolerance: CoverageSimplifier.tolerance(forZoom: zoom))
            let seconds = Date().timeIntervalSince(start)
            print("\(name) zoom \(zoom): \(vertexCount(areas)) → \(vertexCount(result)) positions in \(String(format: "%.3f", seconds)) s")

            XCTAssertEqual(result.count, areas.count, "\(name) zoom \(zoom)")
            XCTAssertEqual(try invalidAreas(result), [], "\(name) zoom \(zoom)")
            XCTAssertEqual(try overlappingPairs(result), [], "\(name) zoom \(zoom)")
            XCTAssertEqual(try unionArea(result), inputArea, accuracy: inputArea * 0.005, "\(name) zoom \(zoom)")
            XCTAssertLessThan(vertexCount(result), vertexCount(areas), "\(name) zoom \(zoom)")
        }
    }

    func testSeattleElementaryAreas() throws {
        let url = try realData("us_wa_seattle_sps_attendance_area_ES.geojson")
        let areas = try readAreas(url).map(\.polygons)
        XCTAssertEqual(areas.count, 57)
        try checkCoverage(areas, name: "Seattle elementary")
    }

    func testDemoCityPerLanguage() throws {
        let url = Fixtures.repositoryRoot.appendingPathComponent("geodata/demo/catchments.geojson")
        let features = try readAreas(url)
        let languages = Set(features.compactMap(\.language)).sorted()
        XCTAssertEqual(languages, ["kk", "ru"])
        for language in languages {
            let areas = features.filter { $0.language == language }.map(\.polygons)
            try checkCoverage(areas, name: "demo \(language)")
        }
    }
}

/// Results written by concurrent workers, one slot each.
private final class ConcurrentResults: @unchecked Sendable {
    // Guarded by `lock`.
    private var slots: [[[Polygon]]?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: [[Polygon]], at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func value(at index: Int) -> [[Polygon]]? {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}
