import Catchment
import Foundation
import Gazetteer
import Geometry
import Planning
import SakuraCore
import Store
import TestSupport
import XCTest

/// The address-list import on the demo city in `geodata/demo`, against the demo catchments.
final class DemoAddressListTests: XCTestCase {
    private static let geodata = Fixtures.repositoryRoot.appendingPathComponent("geodata")

    private struct DemoCityData {
        let snapshot: CitySnapshot
        let boundary: [Polygon]
        let schools: [PlanningSchool]
        /// Language → address index → the school whose demo catchment alone covers the address's first point.
        let owners: [String: [Int: String]]
    }

    private static func load() throws -> DemoCityData {
        let store = try SakuraStore(path: try DemoCity.ensureDatabase(geodata: geodata))
        let snapshot = try CitySnapshot.load(cityID: "demo", from: store)
        let boundary = try XCTUnwrap(snapshot.city.boundary)
        let schools = snapshot.schools.values.map { school in
            PlanningSchool(id: school.id, number: school.number, names: [school.names.ru, school.names.kk], languages: school.languages)
        }

        var owners: [String: [Int: String]] = [:]
        for address in 0..<snapshot.gazetteer.addressCount {
            let point = snapshot.gazetteer.house(at: address).points[0]
            for language in ["kk", "ru"] {
                let lookup = try snapshot.index.lookup(point, language: language)
                // A house on the edge between two catchments has no single owner and is left out.
                if lookup.matches.count == 1, !lookup.onBoundary, let school = snapshot.index.catchments[lookup.matches[0].catchment].schoolID {
                    owners[language, default: [:]][address] = school
                }
            }
        }
        return DemoCityData(snapshot: snapshot, boundary: boundary, schools: schools, owners: owners)
    }

    func testWholeCityListReproducesCatchments() throws {
        let city = try Self.load()
        let text = DemoAddressListWriter.write(gazetteer: city.snapshot.gazetteer, schools: city.snapshot.schools, owners: city.owners)
        let list = AddressList(parsing: text)
        XCTAssertEqual(list.problems, [])

        let result = try AddressListImporter(gazetteer: city.snapshot.gazetteer, schools: city.schools, boundary: city.boundary).run(list)
        let report = result.report
        XCTAssertEqual(report.unresolvedSections, [])
        XCTAssertEqual(report.unmatchedStreets.map { "\($0.line): \($0.text)" }, [])
        XCTAssertEqual(report.approximateStreets.count, 0)
        XCTAssertEqual(report.linesWithoutHouses.count, 0)
        XCTAssertEqual(report.conflicts.count, 0)
        XCTAssertEqual(report.sharedBuildings.count, 0)
        XCTAssertEqual(report.outsideBoundary.count, 0)
        for unclaimed in report.unclaimed {
            let language = try XCTUnwrap(unclaimed.language)
            let expected = (0..<city.snapshot.gazetteer.addressCount).filter { city.owners[language]?[$0] == nil }
            XCTAssertEqual(unclaimed.houses.map(\.index), expected, language)
        }

        // Every house goes to the school whose demo catchment covers it.
        let catchmentCount = city.owners.values.map { Set($0.values).count }.reduce(0, +)
        XCTAssertEqual(result.catchments.count, catchmentCount)
        for catchment in result.catchments {
            let language = try XCTUnwrap(catchment.language)
            let expected = city.owners[language, default: [:]].filter { $0.value == catchment.schoolID }.keys.sorted()
            XCTAssertEqual(catchment.houses, expected, catchment.key)
        }

        try assertCatchments(result, boundary: city.boundary, gazetteer: city.snapshot.gazetteer)
    }

    func testShippedSampleListMatchesCatchments() throws {
        let file = Self.geodata.appendingPathComponent("demo/address-lists/2025-2026.txt")
        let list = AddressList(parsing: try String(contentsOf: file, encoding: .utf8))
        XCTAssertEqual(list.problems, [])
        XCTAssertGreaterThanOrEqual(list.sections.count, 4)

        let city = try Self.load()
        let result = try AddressListImporter(gazetteer: city.snapshot.gazetteer, schools: city.schools, boundary: city.boundary).run(list)
        XCTAssertEqual(result.report.unresolvedSections, [])
        XCTAssertEqual(result.report.unmatchedStreets.map { "\($0.line): \($0.text)" }, [])
        XCTAssertEqual(result.report.linesWithoutHouses.count, 0)
        XCTAssertEqual(result.report.conflicts.count, 0)
        XCTAssertFalse(result.catchments.isEmpty)
        // The generator writes exactly the houses inside each school's demo catchment.
        for catchment in result.catchments {
            let language = try XCTUnwrap(catchment.language)
            let expected = city.owners[language, default: [:]].filter { $0.value == catchment.schoolID }.keys.sorted()
            XCTAssertEqual(catchment.houses, expected, catchment.key)
        }
        try assertCatchments(result, boundary: city.boundary, gazetteer: city.snapshot.gazetteer)
    }

    /// Checks the built catchments with the coverage analyzer (valid, no same-language overlap,
    /// inside the boundary) and that each covers the points of the houses it keeps.
    private func assertCatchments(_ result: AddressListImport, boundary: [Polygon], gazetteer: GazetteerIndex,
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let catchments = result.catchments.map(\.catchment)
        let coverage = try CoverageAnalyzer().analyze(catchments: catchments, boundary: boundary)
        XCTAssertEqual(coverage.invalid.map(\.key), [], file: file, line: line)
        XCTAssertEqual(coverage.overlaps.map { "\($0.firstKey)×\($0.secondKey) \($0.areaSquareMetres) m² at \($0.location.map { "\($0)" } ?? "-")" }, [], file: file, line: line)
        // Clipping puts vertices on slanted boundary edges, which doubles can only approximate, so
        // slivers far below a square metre may stick out; nothing larger may.
        XCTAssertLessThan(coverage.outsideBoundary.map(\.areaSquareMetres).reduce(0, +), 1e-3, file: file, line: line)
        XCTAssertEqual(coverage.filtered(minimumArea: 1).outsideBoundary.count, 0, file: file, line: line)

        let index = try CatchmentIndex(catchments: catchments)
        for (position, built) in result.catchments.enumerated() {
            for house in built.houses {
                for point in gazetteer.house(at: house).points {
                    // Built keys carry the language ("demo-001-kk"), so the key alone names the catchment.
                    let coveringKeys = try index.covering(point).map { index.catchments[$0].key }
                    XCTAssertTrue(coveringKeys.contains(catchments[position].key), "\(built.key) misses \(gazetteer.house(at: house))", file: file, line: line)
                }
            }
        }
    }
}
