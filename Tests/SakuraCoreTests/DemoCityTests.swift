import Catchment
import Foundation
import Geometry
import JSON
import SakuraCore
import Store
import TestSupport
import XCTest

final class DemoCityTests: XCTestCase {
    private static let geodata = Fixtures.repositoryRoot.appendingPathComponent("geodata")

    func testDemoCityBuildsWithoutGapsOrOverlaps() throws {
        let path = try DemoCity.ensureDatabase(geodata: Self.geodata)
        let store = try SakuraStore(path: path)
        let city = try XCTUnwrap(try store.city(id: "demo"))
        XCTAssertTrue(city.isDemo)
        XCTAssertNotNil(city.boundary)
        let schools = try store.schools(cityID: "demo")
        XCTAssertGreaterThanOrEqual(schools.count, 150)
        let catchments = try store.catchments(cityID: "demo")
        XCTAssertTrue(catchments.allSatisfy { $0.schoolID != nil })

        let report = try CoverageAnalyzer().analyze(catchments: catchments, boundary: city.boundary, schools: schools.map(\.site))
        XCTAssertTrue(report.invalid.isEmpty)
        XCTAssertTrue(report.overlaps.isEmpty, "\(report.overlaps.map { "\($0.firstKey)×\($0.secondKey) \($0.areaSquareMetres)" })")
        // The generator puts boundary split points on the boundary in decimal; as doubles they may sit a
        // few nanodegrees off it, so only slivers far below a square metre are tolerated.
        XCTAssertLessThan(report.gaps.map(\.areaSquareMetres).reduce(0, +), 1)
        XCTAssertTrue(report.filtered(minimumArea: 1).gaps.isEmpty)
        XCTAssertTrue(report.schoolsOutsideOwnCatchment.isEmpty)
    }

    func testEveryDemoSchoolInsideItsOwnCatchment() throws {
        let store = try SakuraStore(path: try DemoCity.ensureDatabase(geodata: Self.geodata))
        let snapshot = try CitySnapshot.load(cityID: "demo", from: store)
        for school in snapshot.schools.values {
            guard let location = school.location else { continue }
            for language in school.languages where ["kk", "ru"].contains(language) {
                let result = try snapshot.index.lookup(location, language: language)
                XCTAssertEqual(result.matches.map { snapshot.index.catchments[$0.catchment].schoolID }, [school.id], "\(school.id) \(language)")
            }
        }
    }

    func testLookupAnswerShape() throws {
        let store = try SakuraStore(path: try DemoCity.ensureDatabase(geodata: Self.geodata))
        let snapshot = try CitySnapshot.load(cityID: "demo", from: store)
        let school = try XCTUnwrap(snapshot.schools.values.sorted { $0.id < $1.id }.first { $0.location != nil })
        let answer = try snapshot.lookupAnswer(school.location!)
        let catchments = try XCTUnwrap(answer["catchments"]?.arrayValue)
        XCTAssertFalse(catchments.isEmpty)
        XCTAssertNotNil(catchments[0]["key"]?.stringValue)
        XCTAssertNotNil(catchments[0]["school"]?["id"]?.stringValue)
        XCTAssertNotNil(catchments[0]["school"]?["distance_m"]?.doubleValue)
        XCTAssertEqual(answer["on_boundary"], false)
        XCTAssertNil(answer["nearest"])
        XCTAssertNotNil(answer["demo_data"], "answers about the demo city are labelled")

        let outside = try snapshot.lookupAnswer(Position(longitude: 60, latitude: 40))
        XCTAssertEqual(outside["catchments"], [])
        XCTAssertNotNil(outside["nearest"]?["distance_m"]?.doubleValue)
    }

    func testDemoAddressesFindSchools() throws {
        let store = try SakuraStore(path: try DemoCity.ensureDatabase(geodata: Self.geodata))
        let snapshot = try CitySnapshot.load(cityID: "demo", from: store)
        XCTAssertGreaterThan(snapshot.gazetteer.streetCount, 100)
        XCTAssertGreaterThan(snapshot.gazetteer.addressCount, 10_000)
        XCTAssertTrue(snapshot.gazetteer.unreadableHouses.isEmpty, "\(snapshot.gazetteer.unreadableHouses.prefix(5))")
        let answer = try snapshot.addressAnswer("ул. Абая, д. 150")
        XCTAssertEqual(answer["status"], "found")
        XCTAssertEqual(answer["catchments"]?.arrayValue?.count, 2, "a kk and a ru catchment cover every demo home")
    }

    func testUnknownCityNamed() throws {
        let store = try SakuraStore(path: try DemoCity.ensureDatabase(geodata: Self.geodata))
        XCTAssertThrowsError(try CitySnapshot.load(cityID: "atlantis", from: store)) { error in
            XCTAssertTrue("\(error)".contains("demo"))
        }
    }
}
