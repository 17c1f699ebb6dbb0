// The generated city of the planner benchmarks (`sakura-bench plan-city`).

import Catchment
import Foundation
import Geometry
import Store

/// A SplitMix64 generator: small, seedable, and the same sequence on every platform.
struct SplitMix64 {
    private var state: UInt64

    /// Seeds the generator from several numbers, so each grid element gets its own stream
    /// that does not depend on the order in which elements are generated.
    init(_ parts: UInt64...) {
        state = 0x5EED
        for part in parts {
            state = (state ^ part) &* 0x9E37_79B9_7F4A_7C15
            _ = next()
        }
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A uniform number in [-1, 1).
    mutating func signed() -> Double { unit() * 2 - 1 }

    /// A uniform integer in `range`.
    mutating func integer(in range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}

/// A fictional city whose catchments tile it the way traced micro-districts do: for each language, a
/// grid of cells whose corners are moved at random and whose borders are wavy lines of 10 to 45
/// vertices. Neighbouring cells of one language share each border vertex for vertex, so a language's
/// catchments cover the city boundary without gaps or overlaps.
///
/// Every nominal grid cell has one school teaching every language, located near the cell's centre,
/// and the same number of addresses near the centre, so each address lies in exactly one catchment
/// of each language. The outer border is the same for every language and is the city boundary.
struct PlanCity {
    /// Grid cells along x and y; each language has `columns × rows` catchments.
    let columns: Int
    let rows: Int
    let languages: [String]
    /// Nominal cell side in metres.
    let cellSize: Double
    let seed: UInt64

    /// Longitude and latitude of the grid's lower-left nominal corner: empty steppe, as for the demo city.
    static let origin = Position(x: 68.5, y: 47.5)
    static let metresPerDegreeLatitude = 111_195.0
    static let metresPerDegreeLongitude = metresPerDegreeLatitude * cos(47.5 * Double.pi / 180)

    /// Chooses the grid nearest to a square whose cells, over all languages, number exactly `catchments`.
    init(catchments: Int, languages: [String], cellSize: Double = 400, seed: UInt64 = 2026) throws {
        guard !languages.isEmpty, catchments >= languages.count, catchments % languages.count == 0 else {
            throw BenchError("--catchments \(catchments) must be a positive multiple of the \(languages.count) languages")
        }
        let cells = catchments / languages.count
        var columns = Int(Double(cells).squareRoot())
        while cells % columns != 0 { columns -= 1 }
        self.columns = columns
        self.rows = cells / columns
        self.languages = languages
        self.cellSize = cellSize
        self.seed = seed
    }

    var schoolCount: Int { columns * rows }

    static func schoolID(column: Int, row: Int) -> String { String(format: "plan-%03d-%03d", row, column) }

    /// Rounds a position in metres from the origin to longitude/latitude with 7 decimals, as GeoJSON sources write them.
    static func lonLat(_ x: Double, _ y: Double) -> Position {
        func round7(_ value: Double) -> Double { (value * 1e7).rounded() / 1e7 }
        return Position(x: round7(origin.x + x / metresPerDegreeLongitude), y: round7(origin.y + y / metresPerDegreeLatitude))
    }

    // MARK: Borders

    /// Returns the moved corner (column, row) of the grid, in metres. Corners on the outer border are
    /// the same for every language, and inner ones differ by language.
    private func corner(_ column: Int, _ row: Int, language: Int) -> (x: Double, y: Double) {
        let outer = column == 0 || row == 0 || column == columns || row == rows
        var random = SplitMix64(seed, 1, outer ? 0 : UInt64(language + 1), UInt64(column), UInt64(row))
        // Up to 15 % of a cell in each direction, so borders meeting at a corner keep apart.
        return (x: (Double(column) + 0.15 * random.signed()) * cellSize, y: (Double(row) + 0.15 * random.signed()) * cellSize)
    }

    /// Returns the border from corner `from` to corner `to` without its end points: a wavy line whose
    /// offset from the straight line is at most 8 % of its length. The offset falls to zero at both
    /// ends, so the line never crosses the borders that meet it at a corner.
    private func border(from: (Int, Int), to: (Int, Int), language: Int, seedParts: [UInt64]) -> [(x: Double, y: Double)] {
        let start = corner(from.0, from.1, language: language)
        let end = corner(to.0, to.1, language: language)
        let outer = (from.0 == to.0 && (from.0 == 0 || from.0 == columns)) || (from.1 == to.1 && (from.1 == 0 || from.1 == rows))
        var random = SplitMix64(seed, 2, outer ? 0 : UInt64(language + 1), seedParts[0], seedParts[1], seedParts[2])
        let count = random.integer(in: 10...45)
        let frequency = 0.5 + 2 * random.unit()
        let phase = 2 * Double.pi * random.unit()
        let dx = end.x - start.x, dy = end.y - start.y
        let length = (dx * dx + dy * dy).squareRoot()
        let normal = (x: -dy / length, y: dx / length)
        var points: [(x: Double, y: Double)] = []
        for index in 1...count {
            // Parameters stay increasing: each moves by at most 0.3 of the spacing.
            let t = (Double(index) + 0.3 * (random.unit() - 0.5)) / Double(count + 1)
            let wave = 0.06 * sin(2 * Double.pi * frequency * t + phase) + 0.02 * random.signed()
            let offset = length * sin(Double.pi * t) * wave
            points.append((x: start.x + t * dx + offset * normal.x, y: start.y + t * dy + offset * normal.y))
        }
        return points
    }

    /// Returns the border along the bottom of cell (column, row), from left to right, corners included.
    private func horizontal(_ column: Int, _ row: Int, language: Int) -> [(x: Double, y: Double)] {
        [corner(column, row, language: language)]
            + border(from: (column, row), to: (column + 1, row), language: language, seedParts: [0, UInt64(column), UInt64(row)])
            + [corner(column + 1, row, language: language)]
    }

    /// Returns the border along the left of cell (column, row), from bottom to top, corners included.
    private func vertical(_ column: Int, _ row: Int, language: Int) -> [(x: Double, y: Double)] {
        [corner(column, row, language: language)]
            + border(from: (column, row), to: (column, row + 1), language: language, seedParts: [1, UInt64(column), UInt64(row)])
            + [corner(column, row + 1, language: language)]
    }

    /// Returns the cell's shell, counter-clockwise and closed: bottom, right, top reversed, left reversed.
    func cell(column: Int, row: Int, language: Int) -> Polygon {
        var ring = horizontal(column, row, language: language)
        ring += vertical(column + 1, row, language: language).dropFirst()
        ring += horizontal(column, row + 1, language: language).reversed().dropFirst()
        ring += vertical(column, row, language: language).reversed().dropFirst()
        return Polygon(shell: ring.map { Self.lonLat($0.x, $0.y) })
    }

    /// Returns the city boundary: the outer border of the grid, counter-clockwise.
    func boundary() -> Polygon {
        var ring: [(x: Double, y: Double)] = [corner(0, 0, language: 0)]
        for column in 0..<columns { ring += horizontal(column, 0, language: 0).dropFirst() }
        for row in 0..<rows { ring += vertical(columns, row, language: 0).dropFirst() }
        for column in (0..<columns).reversed() { ring += horizontal(column, rows, language: 0).reversed().dropFirst() }
        for row in (0..<rows).reversed() { ring += vertical(0, row, language: 0).reversed().dropFirst() }
        return Polygon(shell: ring.map { Self.lonLat($0.x, $0.y) })
    }

    // MARK: Contents

    func catchments() -> [Catchment] {
        var result: [Catchment] = []
        result.reserveCapacity(schoolCount * languages.count)
        for row in 0..<rows {
            for column in 0..<columns {
                let school = Self.schoolID(column: column, row: row)
                for (index, language) in languages.enumerated() {
                    result.append(Catchment(key: school, schoolKey: school, schoolID: school, language: language,
                                            polygons: [cell(column: column, row: row, language: index)]))
                }
            }
        }
        return result
    }

    /// Returns a point within `spread` cells of the nominal centre of cell (column, row). A border
    /// strays at most 0.15 + 0.08 × 1.34 < 0.26 cells from its nominal grid line (corner move plus
    /// wave on a border at most 1.34 cells long), so a spread up to 0.24 keeps the point inside.
    private func nearCentre(column: Int, row: Int, spread: Double, random: inout SplitMix64) -> Position {
        Self.lonLat((Double(column) + 0.5 + spread * random.signed()) * cellSize, (Double(row) + 0.5 + spread * random.signed()) * cellSize)
    }

    func schools() -> [School] {
        var result: [School] = []
        for row in 0..<rows {
            for column in 0..<columns {
                let id = Self.schoolID(column: column, row: row)
                var random = SplitMix64(seed, 3, UInt64(column), UInt64(row))
                let number = row * columns + column + 1
                result.append(School(id: id, number: number, names: LocalizedName(kk: "№\(number) мектеп", ru: "Школа №\(number)", en: "School No. \(number)"),
                                     languages: languages, type: "general", ownership: "state",
                                     location: nearCentre(column: column, row: row, spread: 0.1, random: &random)))
            }
        }
        return result
    }

    /// Returns one street per grid row.
    func streets() -> [StreetRecord] {
        (0..<rows).map { row in StreetRecord(id: row + 1, nameRU: "улица Линия \(row + 1)", nameKK: "\(row + 1) Желі көшесі", type: "улица") }
    }

    /// Returns `count` addresses spread evenly over the cells, within 0.2 cells of each centre, numbered along each row's street.
    func addresses(count: Int) -> [AddressRecord] {
        var result: [AddressRecord] = []
        result.reserveCapacity(count)
        let cells = schoolCount
        for row in 0..<rows {
            var house = 0
            for column in 0..<columns {
                let cellIndex = row * columns + column
                let addressesInCell = count / cells + (cellIndex < count % cells ? 1 : 0)
                var random = SplitMix64(seed, 4, UInt64(column), UInt64(row))
                for _ in 0..<addressesInCell {
                    house += 1
                    result.append(AddressRecord(id: result.count + 1, street: "улица Линия \(row + 1)", house: String(house),
                                                location: nearCentre(column: column, row: row, spread: 0.2, random: &random)))
                }
            }
        }
        return result
    }

    /// Writes the city into the store: names, boundary, schools, streets, addresses, and the catchments
    /// as the plan in force since always. Returns the catchments written.
    func write(to store: SakuraStore, cityID: String, addressCount: Int) throws -> [Catchment] {
        let catchments = self.catchments()
        try store.database.transaction {
            try store.saveCity(City(id: cityID, names: LocalizedName(kk: "Жоспар қаласы", ru: "Город планов", en: "Plan City"), isDemo: true))
            try store.setBoundary(cityID: cityID, polygons: [boundary()])
            try store.replaceSchools(cityID: cityID, schools())
            try store.replaceStreets(cityID: cityID, streets())
            try store.replaceAddresses(cityID: cityID, addresses(count: addressCount))
            try store.replaceCatchments(cityID: cityID, catchments)
        }
        return catchments
    }
}
