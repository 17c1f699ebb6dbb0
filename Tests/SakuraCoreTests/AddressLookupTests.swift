import Foundation
import Gazetteer
import Geometry
import JSON
import SakuraCore
import Store
import TestSupport
import XCTest

/// Addresses imported from real OpenStreetMap data and found by their own text and shorter forms.
final class AddressLookupTests: XCTestCase {
    private func vladivostok() throws -> (SakuraStore, CitySnapshot, ImportSummary) {
        guard let file = Fixtures.realData("ru_vladivostok_osm_buildings_streets_addr.geojson") else {
            if Fixtures.isCI { XCTFail("real data missing under \(Fixtures.realDataFolder.path), required when CI=true") }
            throw XCTSkip("real data folder \(Fixtures.realDataFolder.path) is absent; set SAKURA_REALDATA to run this test")
        }
        let store = try SakuraStore(path: Fixtures.temporaryFolder().appendingPathComponent("vl.sqlite").path)
        let importer = AddressImporter(store: store, options: ImportOptions())
        let summary = try importer.runAddresses(file: file, cityID: "vladivostok")
        let streets = try importer.runStreets(file: file, cityID: "vladivostok")
        XCTAssertEqual(streets.imported, 11, "the named roads; the named kindergarten and hospital are not streets")
        return (store, try CitySnapshot.load(cityID: "vladivostok", from: store), summary)
    }

    func testEveryAddressImportsAndIsFound() throws {
        let (store, snapshot, summary) = try vladivostok()
        XCTAssertEqual(summary.imported, 39, "39 addressed buildings")
        XCTAssertEqual(summary.notAddresses, 41, "roads and unaddressed buildings")
        XCTAssertTrue(snapshot.gazetteer.unreadableHouses.isEmpty, "\(snapshot.gazetteer.unreadableHouses)")
        for address in try store.addresses(cityID: "vladivostok") {
            let text = "\(address.street) \(address.house)"
            guard case .found(let candidate) = snapshot.gazetteer.geocode(text) else {
                XCTFail("\(text): \(snapshot.gazetteer.geocode(text))")
                continue
            }
            XCTAssertTrue(candidate.points.contains(address.location), text)
        }
    }

    func testShortFormsFindSharedAddress() throws {
        let (_, snapshot, _) = try vladivostok()
        guard case .found(let zavoyko) = snapshot.gazetteer.geocode("Адмирала Завойко 10") else { return XCTFail("Завойко 10 not found") }
        XCTAssertEqual(zavoyko.points.count, 3, "three buildings share the address")
        guard case .found(let karbysheva) = snapshot.gazetteer.geocode("Карбышева 12в") else { return XCTFail("Карбышева 12в not found") }
        XCTAssertEqual(karbysheva.house, "12В")
        XCTAssertEqual(karbysheva.points.count, 2)
        for text in ["Корнилова 15А к3", "Адмирала Корнилова, 15а корп. 3", "ул Адмирала Корнилова 15Ак3"] {
            guard case .found(let kornilova) = snapshot.gazetteer.geocode(text) else { XCTFail(text); continue }
            XCTAssertEqual(kornilova.house, "15Ак3", text)
        }
        guard case .found(let uralskaya) = snapshot.gazetteer.geocode("Южно-Уральская 4") else { return XCTFail("Южно-Уральская 4") }
        XCTAssertEqual(uralskaya.street, "Южно-Уральская улица")
    }

    func testAddressAnswerShape() throws {
        let (_, snapshot, _) = try vladivostok()
        let answer = try snapshot.addressAnswer("Адмирала Завойко 10")
        XCTAssertEqual(answer["status"], "found")
        XCTAssertEqual(answer["address"]?["points"]?.arrayValue?.count, 3)
        XCTAssertEqual(answer["buildings"]?.arrayValue?.count, 3)
        XCTAssertEqual(answer["buildings_in_different_catchments"], false)
        let ambiguous = try snapshot.addressAnswer("Адмирала 4")
        XCTAssertEqual(ambiguous["status"], "ambiguous")
        XCTAssertGreaterThan(ambiguous["candidates"]?.arrayValue?.count ?? 0, 1)
    }
}
