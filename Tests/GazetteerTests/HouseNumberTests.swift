@testable import Gazetteer
import XCTest

final class HouseNumberTests: XCTestCase {
    func testCanonicalForms() {
        let cases: [(text: String, expected: String)] = [
            ("12", "12"),
            ("12а", "12А"),
            ("12А", "12А"),
            ("12 А", "12А"),
            ("12-а", "12А"),
            ("12ё", "12Е"),
            ("12/1", "12/1"),
            ("12 / 1", "12/1"),
            ("12А/1", "12А/1"),
            ("12/1А", "12А/1"),
            ("12 корп. 2", "12к2"),
            ("12к2", "12к2"),
            ("12 к 2", "12к2"),
            ("12 к. 2", "12к2"),
            ("12 корпус 2", "12к2"),
            ("12, корп. 2", "12к2"),
            ("12 стр. 1", "12с1"),
            ("12с1", "12с1"),
            ("12 строение 1", "12с1"),
            ("12к2с1", "12к2с1"),
            ("5 литера Б", "5Б"),
            ("5 лит. Б", "5Б"),
            ("5 лит Б", "5Б"),
            ("5 литер Б", "5Б"),
            ("15А к3", "15Ак3"),
            ("15Ак3", "15Ак3"),
            ("15Бс2", "15Бс2"),
            ("3А", "3А"),
            ("10А", "10А"),
            ("12В", "12В"),
            ("15Б к4", "15Бк4"),
            ("12 к", "12К"),
            ("12с", "12С"),
            ("д. 12", "12"),
            ("дом 12", "12"),
            ("№12", "12"),
            ("150 үй", "150"),
            ("150-үй", "150"),
            ("99999", "99999"),
            ("  12а  ", "12А"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(HouseNumber(text)?.description, expected, "\"\(text)\"")
        }
    }

    func testParts() {
        let house = HouseNumber("15Б/2 корпус 3 строение 4")
        XCTAssertEqual(house?.number, 15)
        XCTAssertEqual(house?.letter, "Б")
        XCTAssertEqual(house?.fraction, 2)
        XCTAssertEqual(house?.building, 3)
        XCTAssertEqual(house?.structure, 4)
    }

    func testPlainNumberHasNoParts() {
        let house = HouseNumber("12")
        XCTAssertNil(house?.letter)
        XCTAssertNil(house?.fraction)
        XCTAssertNil(house?.building)
        XCTAssertNil(house?.structure)
    }

    func testLatinLookalikeLetters() {
        let cases: [(latin: String, cyrillic: String)] = [
            ("12a", "12а"), ("12A", "12А"), ("12B", "12В"), ("12c", "12с"), ("12C", "12С"),
            ("12e", "12е"), ("12E", "12Е"), ("12H", "12Н"), ("12K", "12К"), ("12k", "12к"),
            ("12M", "12М"), ("12o", "12о"), ("12O", "12О"), ("12p", "12р"), ("12P", "12Р"),
            ("12T", "12Т"), ("12x", "12х"), ("12X", "12Х"), ("12y", "12у"), ("12Y", "12У"),
            ("12k2", "12к2"), ("12c1", "12с1"), ("15Ak3", "15Ак3"),
        ]
        for (latin, cyrillic) in cases {
            XCTAssertNotNil(HouseNumber(latin), latin)
            XCTAssertEqual(HouseNumber(latin), HouseNumber(cyrillic), "\(latin) and \(cyrillic)")
        }
    }

    func testLatinWithoutTwinRejected() {
        for text in ["12b", "12m", "12t", "12h", "12i", "12d", "12z", "12Z"] {
            XCTAssertNil(HouseNumber(text), text)
        }
    }

    func testFractionDiffersFromNumber() {
        XCTAssertNotEqual(HouseNumber("12/1"), HouseNumber("12"))
        XCTAssertNotEqual(HouseNumber("12/1"), HouseNumber("12/2"))
        XCTAssertNotEqual(HouseNumber("12к1"), HouseNumber("12с1"))
        XCTAssertNotEqual(HouseNumber("12А"), HouseNumber("12"))
    }

    func testUnreadableRejected() {
        let cases = [
            "", "   ", "абв", "А12", "0", "00", "0/1", "12/0", "12к0", "100000", "123456789012345678901234567890",
            "12аб", "12 корп", "12 корп 2 корп 3", "12А Б", "12/1/2", "12-1", "12 1", "12, а", "12.5",
            "12ә", "12Й", "12ы", "12ь", "12 лит.", "12 кв 5", "д.", "дом", "үй 12", "12 үй 5",
            "12/10000", "12к10000",
            "1" + String(repeating: " ", count: 60),
        ]
        for text in cases {
            XCTAssertNil(HouseNumber(text), "\"\(text)\"")
        }
    }

    func testLengthLimit() {
        let padding = String(repeating: " ", count: HouseNumber.maximumTextLength - 2)
        XCTAssertNotNil(HouseNumber("12" + padding))
        XCTAssertNil(HouseNumber("12" + padding + " "))
    }

    func testDescriptionRoundTrips() {
        let texts = ["12", "12А", "12/1", "12к2", "12с1", "15Ак3", "12Кк2", "12Сс1", "12Ск2", "12А/1к2с1", "99999Я/9999к9999с9999"]
        for text in texts {
            let house = HouseNumber(text)
            XCTAssertNotNil(house, text)
            XCTAssertEqual(house.flatMap { HouseNumber($0.description) }, house, text)
        }
    }

    func testOrdering() {
        let ordered = ["2", "10", "12", "12с1", "12к1", "12к1с1", "12к2", "12/1", "12/2", "12А", "12А/1", "12Б", "12Бк1", "13"]
        let houses = ordered.compactMap { HouseNumber($0) }
        XCTAssertEqual(houses.count, ordered.count)
        for (lower, higher) in zip(houses, houses.dropFirst()) {
            XCTAssertLessThan(lower, higher)
        }
    }

    func testOrderingBeforeFraction() {
        XCTAssertLessThan(HouseNumber("12")!, HouseNumber("12/1")!)
        XCTAssertFalse(HouseNumber("12/1")! < HouseNumber("12")!)
        XCTAssertFalse(HouseNumber("12")! < HouseNumber("12")!)
    }

    func testLetterOrderIsAlphabetical() {
        let letters = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ".map(String.init)
        let houses = letters.compactMap { HouseNumber("7" + $0) }
        XCTAssertEqual(houses.count, letters.count)
        XCTAssertEqual(houses.sorted(), houses)
    }

    func testHashingMatchesEquality() {
        let set: Set<HouseNumber?> = [HouseNumber("12a"), HouseNumber("12А"), HouseNumber("12 а"), HouseNumber("12-A")]
        XCTAssertEqual(set.count, 1)
    }
}
