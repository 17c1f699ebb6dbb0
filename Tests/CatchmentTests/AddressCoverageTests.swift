import Catchment
import Geometry
import TestSupport
import XCTest

final class AddressCoverageTests: XCTestCase {
    private func square(_ key: String, _ minX: Double, _ maxX: Double, language: String? = "ru", school: String? = nil) -> Catchment {
        Catchment(key: key, schoolID: school, language: language, polygons: [Polygon(shell: Fixtures.rectangle(minX: minX, minY: 43.2, maxX: maxX, maxY: 43.21))])
    }

    func testUncoveredAndDoublyCoveredAddresses() throws {
        let index = try CatchmentIndex(catchments: [square("a", 76.90, 76.92), square("b", 76.91, 76.93), square("k", 76.90, 76.93, language: "kk")])
        let inOne = AddressPoint(label: "one", location: Position(x: 76.905, y: 43.205))
        let inTwo = AddressPoint(label: "two", location: Position(x: 76.915, y: 43.205))
        let outside = AddressPoint(label: "out", location: Position(x: 76.95, y: 43.205))
        let coverage = try AddressCoverage.check([inOne, inTwo, outside], index: index)

        XCTAssertEqual(coverage.addressCount, 3)
        XCTAssertEqual(coverage.multiplyCovered.map(\.address.label), ["two"])
        XCTAssertEqual(coverage.multiplyCovered.first?.catchmentKeys.sorted(), ["a", "b"])
        XCTAssertEqual(coverage.uncovered.map(\.address.label), ["out", "out"], "outside both the kk and the ru catchments")
    }

    func testSharedBorderIsNotDoubleCover() throws {
        let index = try CatchmentIndex(catchments: [square("a", 76.90, 76.91), square("b", 76.91, 76.92)])
        let onBorder = AddressPoint(label: "border", location: Position(x: 76.91, y: 43.205))
        let coverage = try AddressCoverage.check([onBorder], index: index)
        XCTAssertEqual(coverage.multiplyCovered.count, 0)
        XCTAssertEqual(coverage.uncovered.count, 0)
    }
}

final class ImpactAnalyzerTests: XCTestCase {
    private func square(_ key: String, _ minX: Double, _ maxX: Double, school: String?) -> Catchment {
        Catchment(key: key, schoolID: school, language: "ru", polygons: [Polygon(shell: Fixtures.rectangle(minX: minX, minY: 43.2, maxX: maxX, maxY: 43.21))])
    }

    func testMovedAddressesAndSchoolCounts() throws {
        let before = try CatchmentIndex(catchments: [square("a", 76.90, 76.91, school: "s1"), square("b", 76.91, 76.92, school: "s2")])
        // The border moves east: the addresses between 76.91 and 76.915 change from s2 to s1.
        let after = try CatchmentIndex(catchments: [square("a", 76.90, 76.915, school: "s1"), square("b", 76.915, 76.92, school: "s2")])
        let addresses = [76.905, 76.912, 76.913, 76.918].enumerated().map { AddressPoint(label: "house \($0.offset)", location: Position(x: $0.element, y: 43.205)) }
        let report = try ImpactAnalyzer.compare(addresses, before: before, after: after)

        XCTAssertEqual(report.changes.map(\.address.label), ["house 1", "house 2"])
        XCTAssertEqual(report.changes.first?.from, ["s2"])
        XCTAssertEqual(report.changes.first?.to, ["s1"])
        let s1 = report.schools.first { $0.school == "s1" }
        XCTAssertEqual(s1?.before, 1)
        XCTAssertEqual(s1?.after, 3)
        XCTAssertEqual(s1?.gained, 2)
        let s2 = report.schools.first { $0.school == "s2" }
        XCTAssertEqual(s2?.lost, 2)
        XCTAssertEqual(s2?.difference, -2)
    }

    func testCatchmentWithoutSchoolNamedByKey() throws {
        let before = try CatchmentIndex(catchments: [])
        let after = try CatchmentIndex(catchments: [square("new", 76.90, 76.91, school: nil)])
        let report = try ImpactAnalyzer.compare([AddressPoint(label: "h", location: Position(x: 76.905, y: 43.205))], before: before, after: after)
        XCTAssertEqual(report.changes.first?.from, [])
        XCTAssertEqual(report.changes.first?.to, ["catchment:new"])
    }
}
