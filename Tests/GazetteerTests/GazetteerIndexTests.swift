import Foundation
import Gazetteer
import Geometry
import TestSupport
import XCTest

final class GazetteerIndexTests: XCTestCase {
    /// A small city: streets with Russian and Kazakh names, one former name, two streets Достык.
    static let index: GazetteerIndex = {
        let streets = [
            GazetteerStreet(id: 1, names: ["проспект Абая", "Абай даңғылы"], type: "проспект"),
            GazetteerStreet(id: 2, names: ["микрорайон Самал-2", "Самал-2 шағын ауданы"], type: "микрорайон"),
            GazetteerStreet(id: 3, names: ["проспект Кабанбай батыра", "Қабанбай батыр даңғылы", "улица Калинина"], type: "проспект"),
            GazetteerStreet(id: 4, names: ["улица Берёзовая"], type: "улица"),
            GazetteerStreet(id: 5, names: ["улица Сатпаева", "Сәтбаев көшесі"], type: "улица"),
            GazetteerStreet(id: 6, names: ["проспект Достык", "Достық даңғылы"], type: "проспект", district: "Медеуский"),
            GazetteerStreet(id: 7, names: ["улица Достык", "Достық көшесі"], type: "улица", district: "Алатауский"),
            GazetteerStreet(id: 8, names: ["переулок Иманова"], type: "переулок"),
        ]
        func at(_ x: Double) -> Position { Position(x: 76.9 + x / 1000, y: 43.25) }
        let addresses = [
            GazetteerAddress(street: "проспект Абая", house: "150", location: at(1)),
            GazetteerAddress(street: "Самал-2 мкр.", house: "58", location: at(2)),
            GazetteerAddress(street: "пр. Кабанбай батыра", house: "53", location: at(3)),
            GazetteerAddress(street: "ул. Берёзовая", house: "5", location: at(4)),
            GazetteerAddress(street: "улица Сатпаева", house: "12к2", location: at(5)),
            GazetteerAddress(street: "улица Сатпаева", house: "12", location: at(6)),
            GazetteerAddress(street: "улица Сатпаева", house: "12/1", location: at(7)),
            GazetteerAddress(street: "улица Сатпаева", house: "12а", location: at(8)),
            GazetteerAddress(street: "проспект Достык", house: "5", location: at(9)),
            GazetteerAddress(street: "улица Достык", house: "5", location: at(10)),
            GazetteerAddress(street: "переулок Иманова", house: "7", location: at(11)),
            GazetteerAddress(street: "проспект Абая", house: "150", location: at(12)),
        ]
        return GazetteerIndex(streets: streets, addresses: addresses)
    }()

    private func found(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> AddressCandidate? {
        guard case .found(let candidate) = Self.index.geocode(text) else {
            XCTFail("\(text): \(Self.index.geocode(text))", file: file, line: line)
            return nil
        }
        return candidate
    }

    private func assertSameHouse(_ texts: [String], street: String, house: String, file: StaticString = #filePath, line: UInt = #line) {
        for text in texts {
            let candidate = found(text, file: file, line: line)
            XCTAssertEqual(candidate?.street, street, text, file: file, line: line)
            XCTAssertEqual(candidate?.house, house, text, file: file, line: line)
        }
    }

    func testAbayFormsFindOneHouse() {
        assertSameHouse(["ул. Абая, д. 150", "Абай 150", "абая150", "пр Абая 150", "Абай даңғылы 150"], street: "проспект Абая", house: "150")
    }

    func testSamalFormsFindOneHouse() {
        assertSameHouse(["мкр. Самал-2, д. 58", "мкрн Самал-2 58", "микрорайон Самал-2, дом 58", "Самал-2 шағын ауданы 58"],
                        street: "микрорайон Самал-2", house: "58")
    }

    func testKabanbayFormsFindOneHouse() {
        assertSameHouse(["Қабанбай батыр даңғылы 53", "пр. Кабанбай батыра 53", "просп. Кабанбай Батыра, 53"],
                        street: "проспект Кабанбай батыра", house: "53")
    }

    func testFormerNameFindsStreet() {
        assertSameHouse(["ул. Калинина 53"], street: "проспект Кабанбай батыра", house: "53")
    }

    func testYoFormsFindOneHouse() {
        assertSameHouse(["ул. Берёзовая 5", "Березовая ул., д.5"], street: "улица Берёзовая", house: "5")
    }

    func testBuildingPartsKeptApart() {
        assertSameHouse(["Сатпаева 12 к2", "ул. Сатпаева, д. 12, корп. 2", "улица Сатпаева 12к2"], street: "улица Сатпаева", house: "12к2")
        assertSameHouse(["Сатпаева 12"], street: "улица Сатпаева", house: "12")
        assertSameHouse(["Сатпаева 12/1"], street: "улица Сатпаева", house: "12/1")
    }

    func testLatinAndCyrillicLetterSame() {
        assertSameHouse(["Сатпаева 12а", "Сатпаева 12a", "Сатпаева 12 А"], street: "улица Сатпаева", house: "12А")
    }

    func testTypoRanksBelowExact() {
        guard case .ambiguous(let candidates) = Self.index.geocode("Абйа 150") else { return XCTFail("typo geocoded without doubt") }
        XCTAssertEqual(candidates.first?.street, "проспект Абая")
        XCTAssertEqual(candidates.first?.house, "150")
        let exact = found("Абая 150")
        XCTAssertLessThan(candidates.first?.score ?? 1, exact?.score ?? 0)
    }

    func testSameNameDifferentTypesAmbiguous() {
        guard case .ambiguous(let candidates) = Self.index.geocode("Достык 5") else { return XCTFail("Достык 5 resolved to one street") }
        let streets = Set(candidates.filter { $0.house == "5" }.map(\.street))
        XCTAssertEqual(streets, ["проспект Достык", "улица Достык"])
        XCTAssertEqual(found("пр. Достык 5")?.street, "проспект Достык")
        XCTAssertEqual(found("ул. Достык 5")?.street, "улица Достык")
    }

    func testBuildingsOfOneAddressGrouped() {
        XCTAssertEqual(found("Абая 150")?.points.count, 2)
    }

    func testMissingWordStillFound() {
        let candidates = Self.index.search("Кабанбай 53", limit: 5)
        XCTAssertEqual(candidates.first?.street, "проспект Кабанбай батыра")
        XCTAssertEqual(candidates.first?.house, "53")
    }

    func testUnknownStreetNotFound() {
        guard case .notFound = Self.index.geocode("Тверская 1") else { return XCTFail("\(Self.index.geocode("Тверская 1"))") }
    }

    func testAutocompleteByPrefix() {
        let streets = Self.index.autocomplete("Сатп", limit: 5)
        XCTAssertEqual(streets.first?.street, "улица Сатпаева")
        let houses = Self.index.autocomplete("Сатпаева 12", limit: 10).compactMap(\.house)
        XCTAssertEqual(Set(houses), ["12", "12А", "12/1", "12к2"])
    }
}
