import Catchment
import Gazetteer
import Geometry
import Planning
import XCTest

final class AddressListImporterTests: XCTestCase {
    // MARK: A small hand-made city, 1,000 m × 600 m, positions given in metres from its corner

    private static func at(_ x: Double, _ y: Double) -> Position {
        Position(x: 76.9 + x / 81_000, y: 43.2 + y / 111_195)
    }

    private static let boundary = [Polygon(shell: [at(0, 0), at(1000, 0), at(1000, 600), at(0, 600), at(0, 0)])]

    /// Streets and houses: Абая along y = 300 (odd houses north, even south), Сатпаева along
    /// y = 100 with house 12 outside the city, an avenue and a street Достык, and Самал-2.
    private static let gazetteer: GazetteerIndex = {
        let streets = [
            GazetteerStreet(id: 1, names: ["улица Абая", "Абай көшесі"], type: "улица"),
            GazetteerStreet(id: 2, names: ["улица Сатпаева", "Сәтбаев көшесі"], type: "улица"),
            GazetteerStreet(id: 3, names: ["проспект Достык", "Достық даңғылы"], type: "проспект"),
            GazetteerStreet(id: 4, names: ["улица Достык", "Достық көшесі"], type: "улица"),
            GazetteerStreet(id: 5, names: ["микрорайон Самал-2", "Самал-2 шағын ауданы"], type: "микрорайон"),
        ]
        var addresses: [GazetteerAddress] = []
        for number in 1...30 {
            addresses.append(GazetteerAddress(street: "улица Абая", house: "\(number)", location: at(Double(number) * 30, number % 2 == 1 ? 320 : 280)))
        }
        addresses.append(GazetteerAddress(street: "улица Абая", house: "7/1", location: at(215, 340)))
        addresses.append(GazetteerAddress(street: "улица Абая", house: "12А", location: at(365, 260)))
        addresses.append(GazetteerAddress(street: "улица Абая", house: "12/1", location: at(355, 250)))
        for number in 1...10 {
            addresses.append(GazetteerAddress(street: "улица Сатпаева", house: "\(number)", location: at(Double(number) * 80, number % 2 == 1 ? 120 : 80)))
        }
        addresses.append(GazetteerAddress(street: "улица Сатпаева", house: "12", location: at(1100, 80)))
        for number in 1...10 {
            addresses.append(GazetteerAddress(street: "проспект Достык", house: "\(number)", location: at(number % 2 == 1 ? 970 : 930, Double(number) * 50)))
        }
        for number in 1...8 {
            addresses.append(GazetteerAddress(street: "улица Достык", house: "\(number)", location: at(Double(number) * 90, number % 2 == 1 ? 520 : 480)))
        }
        for number in 1...12 {
            let column = Double((number - 1) % 4), row = Double((number - 1) / 4)
            addresses.append(GazetteerAddress(street: "микрорайон Самал-2", house: "\(number)", location: at(120 + column * 60, 380 + row * 30)))
        }
        return GazetteerIndex(streets: streets, addresses: addresses)
    }()

    private static let schools = [
        PlanningSchool(id: "s25", number: 25, names: ["Общеобразовательная школа № 25"], languages: ["kk", "ru"]),
        PlanningSchool(id: "s12g", number: 12, names: ["Гимназия № 12"], languages: ["ru"]),
        PlanningSchool(id: "s12", number: 12, names: ["Общеобразовательная школа № 12"], languages: ["kk"]),
        PlanningSchool(id: "s7", number: 7, names: ["Школа-лицей № 7"], languages: ["kk"]),
    ]

    private func run(_ text: String) throws -> AddressListImport {
        try AddressListImporter(gazetteer: Self.gazetteer, schools: Self.schools, boundary: Self.boundary).run(AddressList(parsing: text))
    }

    /// Returns the house numbers a matched line claims, as written in the gazetteer.
    private func houses(_ result: AddressListImport, line: Int) -> [String] {
        result.entries.filter { $0.line == line }.flatMap(\.houses).map { Self.gazetteer.house(at: $0).house.description }
    }

    /// Returns the house numbers a catchment keeps, ordered by house number.
    private func houseNumbers(_ catchment: BuiltCatchment) -> [String] {
        catchment.houses.map { Self.gazetteer.house(at: $0).house }.sorted().map(\.description)
    }

    private func street(_ result: AddressListImport, line: Int) -> String? {
        result.entries.first { $0.line == line }?.street.street
    }

    // MARK: Matching

    func testLineFormsClaimExactHouses() throws {
        let result = try run("""
        Школа № 25
        ул. Абая, 1–25 (нечётные)
        ул. Абая, чётная сторона с 2 по 12
        ул. Абая, 26 и далее
        ул. Сатпаева (все дома)
        мкр. Самал-2, дома 1–6
        ул. Достык, 1, 3, 5
        пр. Достык, с 2 по 4; 8 и далее
        Абай көшесі, 12А, 12/1
        Абая 13-15
        ул. Абая, нечетные с 27 до конца
        Сәтбаев көшесі, жұп жағы 2-ден 6-ға дейін
        """)
        XCTAssertEqual(result.report.unreadableLines, [])
        XCTAssertEqual(result.report.unmatchedStreets, [])
        XCTAssertEqual(houses(result, line: 2), ["1", "3", "5", "7", "7/1", "9", "11", "13", "15", "17", "19", "21", "23", "25"])
        XCTAssertEqual(houses(result, line: 3), ["2", "4", "6", "8", "10", "12", "12/1", "12А"])
        XCTAssertEqual(houses(result, line: 4), ["26", "27", "28", "29", "30"])
        XCTAssertEqual(houses(result, line: 5), ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "12"])
        XCTAssertEqual(houses(result, line: 6), ["1", "2", "3", "4", "5", "6"])
        XCTAssertEqual(houses(result, line: 7), ["1", "3", "5"])
        XCTAssertEqual(houses(result, line: 8), ["2", "3", "4", "8", "9", "10"])
        XCTAssertEqual(houses(result, line: 9), ["12/1", "12А"])
        XCTAssertEqual(houses(result, line: 10), ["13", "14", "15"])
        XCTAssertEqual(houses(result, line: 11), ["27", "29"])
        XCTAssertEqual(houses(result, line: 12), ["2", "4", "6"])

        XCTAssertEqual(street(result, line: 2), "улица Абая")
        XCTAssertEqual(street(result, line: 5), "улица Сатпаева")
        XCTAssertEqual(street(result, line: 6), "микрорайон Самал-2")
        XCTAssertEqual(street(result, line: 7), "улица Достык", "the type word picks the street, not the avenue")
        XCTAssertEqual(street(result, line: 8), "проспект Достык")
        XCTAssertEqual(street(result, line: 9), "улица Абая", "the Kazakh name finds the same street")
        XCTAssertEqual(street(result, line: 12), "улица Сатпаева")
    }

    func testHouseClaimedByTwoSchoolsReported() throws {
        let result = try run("""
        Школа № 25
        язык: казахский
        ул. Абая, 1–25 (нечётные)
        Школа-лицей № 7
        ул. Абая, 21 и далее
        """)
        let conflicts = result.report.conflicts
        XCTAssertEqual(conflicts.map(\.house.house.description), ["21", "23", "25"])
        XCTAssertEqual(conflicts.map(\.language), ["kk", "kk", "kk"])
        XCTAssertEqual(conflicts.first?.claims, [HouseClaim(schoolID: "s25", line: 3), HouseClaim(schoolID: "s7", line: 5)])
        XCTAssertEqual(conflicts.map(\.keptBy), ["s25", "s25", "s25"])

        let keptHouses = Dictionary(uniqueKeysWithValues: result.catchments.map { ($0.key, houseNumbers($0)) })
        XCTAssertEqual(keptHouses["s25-kk"], ["1", "3", "5", "7", "7/1", "9", "11", "13", "15", "17", "19", "21", "23", "25"])
        XCTAssertEqual(keptHouses["s7-kk"], ["22", "24", "26", "27", "28", "29", "30"])
        try assertPartition(result)
    }

    func testSameSchoolTwiceIsNoConflict() throws {
        let result = try run("Школа № 25\nязык: русский\nул. Абая, 1–9\nул. Абая, 5 и далее")
        XCTAssertEqual(result.report.conflicts, [])
        XCTAssertEqual(result.catchments.map(\.key), ["s25-ru"])
    }

    func testUnmatchedStreetReported() throws {
        let result = try run("""
        Школа № 25
        ул. Абая, 1–5
        ул. Несуществующая, 1–5
        ул. Сапаевв, 2
        Достык, 1–3
        """)
        let unmatched = result.report.unmatchedStreets
        XCTAssertEqual(unmatched.map(\.line), [3, 4, 5])
        XCTAssertEqual(unmatched.map(\.text), ["ул. Несуществующая, 1–5", "ул. Сапаевв, 2", "Достык, 1–3"])
        XCTAssertEqual(unmatched.map(\.reason), [.notFound, .notFound, .ambiguous])
        XCTAssertNil(unmatched[0].nearMiss)
        XCTAssertEqual(unmatched[1].nearMiss?.street, "улица Сатпаева")
        XCTAssertEqual(Set(unmatched[2].candidates.map(\.street)), ["проспект Достык", "улица Достык"])
        XCTAssertEqual(unmatched.map(\.schoolID), ["s25", "s25", "s25"])
        XCTAssertEqual(result.entries.map(\.line), [2], "only the matched line has an entry")
    }

    func testApproximateStreetReported() throws {
        let result = try run("Школа № 25\nул. Сатпаеа, 1–3")
        XCTAssertEqual(result.report.unmatchedStreets, [])
        XCTAssertEqual(result.report.approximateStreets.map(\.street.street), ["улица Сатпаева"])
        XCTAssertLessThan(result.report.approximateStreets.first?.street.score ?? 1, 1)
        XCTAssertEqual(houses(result, line: 2), ["1", "2", "3"])
    }

    func testLineWithoutHousesReported() throws {
        let result = try run("Школа № 25\nул. Сатпаева, 40 и далее")
        XCTAssertEqual(result.report.linesWithoutHouses.map(\.line), [2])
        XCTAssertEqual(result.catchments, [])
    }

    func testUnclaimedHousesReported() throws {
        let result = try run("Школа № 25\nязык: казахский\nмкр. Самал-2, дома 1–6\nул. Абая (все дома)\nул. Сатпаева\nпр. Достык")
        let unclaimed = result.report.unclaimed
        XCTAssertEqual(unclaimed.map(\.language), ["kk"])
        XCTAssertEqual(unclaimed.first?.count, 14)
        let names = unclaimed.first?.houses.map { "\($0.street) \($0.house)" } ?? []
        XCTAssertEqual(names, (1...8).map { "улица Достык \($0)" } + (7...12).map { "микрорайон Самал-2 \($0)" })
        XCTAssertFalse(result.report.isClean)
    }

    func testClaimedHouseOutsideBoundaryReported() throws {
        let result = try run("Школа № 25\nязык: казахский\nул. Сатпаева, 10–12")
        XCTAssertEqual(result.report.outsideBoundary.map { "\($0.street) \($0.house)" }, ["улица Сатпаева 12"])
        XCTAssertEqual(result.catchments.map(\.key), ["s25-kk"])
    }

    // MARK: Schools and languages

    func testSectionsResolveSchools() throws {
        let result = try run("""
        Гимназия № 12
        ул. Абая, 1
        КГУ «Общеобразовательная школа № 12»
        ул. Абая, 3
        Школа № 99
        ул. Абая, 5
        # school: s7
        ул. Абая, 7
        # school: nowhere
        ул. Абая, 9
        """)
        XCTAssertEqual(result.entries.map(\.schoolID), ["s12g", "s12", "s7"])
        XCTAssertEqual(result.report.unresolvedSections.map(\.line), [5, 9])
        XCTAssertEqual(result.report.unresolvedSections.map(\.reason), [.notFound, .notFound])
    }

    func testSameNumberWithoutKindIsAmbiguous() throws {
        let result = try run("№ 12 мектеп\nул. Абая, 1")
        XCTAssertEqual(result.report.unresolvedSections.map(\.reason), [.ambiguous])
        XCTAssertEqual(result.report.unresolvedSections.first?.candidates, ["s12", "s12g"])
    }

    func testLanguagesFromSectionOrSchool() throws {
        let result = try run("""
        Школа № 25
        язык: русский
        ул. Абая, 1–5
        Школа № 25
        ул. Абая, 7–9
        """)
        XCTAssertEqual(result.entries.map(\.languages), [["ru"], ["kk", "ru"]])
        XCTAssertEqual(result.catchments.map(\.key), ["s25-ru", "s25-kk"])
        let ruHouses = result.catchments.first { $0.key == "s25-ru" }.map(houseNumbers)
        XCTAssertEqual(ruHouses, ["1", "2", "3", "4", "5", "7", "7/1", "8", "9"])
    }

    // MARK: Polygons

    func testPolygonsCoverHousesWithoutOverlap() throws {
        let result = try run("""
        Школа № 25
        язык: казахский
        ул. Абая, 1–29 (нечётные)
        мкр. Самал-2 (все дома)
        Школа-лицей № 7
        ул. Абая, чётная сторона
        ул. Сатпаева
        КГУ «Общеобразовательная школа № 12»
        пр. Достык
        ул. Достык
        """)
        XCTAssertEqual(result.catchments.map(\.key), ["s12-kk", "s25-kk", "s7-kk"])
        XCTAssertEqual(result.report.conflicts, [])
        try assertPartition(result)

        // Every house is claimed, so the three catchments fill the city.
        let union = try NativeGeometry.union(of: result.catchments.flatMap(\.polygons))
        let cityArea = try NativeGeometry.union(of: Self.boundary).planarArea()
        XCTAssertEqual(try union.planarArea(), cityArea, accuracy: cityArea * 1e-9)
    }

    func testBoundaryMustBeValid() {
        let bowTie = [Polygon(shell: [Self.at(0, 0), Self.at(100, 100), Self.at(100, 0), Self.at(0, 100), Self.at(0, 0)])]
        let importer = AddressListImporter(gazetteer: Self.gazetteer, schools: Self.schools, boundary: bowTie)
        XCTAssertThrowsError(try importer.run(AddressList(parsing: "Школа № 25\nул. Абая"))) { error in
            guard case PlanningError.invalidBoundary(let reason)? = error as? PlanningError else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(reason.contains("Self-intersection"), reason)
        }
        let empty = AddressListImporter(gazetteer: Self.gazetteer, schools: Self.schools, boundary: [])
        XCTAssertThrowsError(try empty.run(AddressList(parsing: "Школа № 25\nул. Абая")))
    }

    /// Checks that every catchment is valid, covers each point of the houses it keeps inside
    /// the city, stays inside the boundary, and does not overlap another of its language.
    private func assertPartition(_ result: AddressListImport, file: StaticString = #filePath, line: UInt = #line) throws {
        let boundary = try NativeGeometry.union(of: Self.boundary)
        let natives = try result.catchments.map { try NativeGeometry($0.geometry) }
        for (catchment, native) in zip(result.catchments, natives) {
            XCTAssertTrue(try native.validity().isValid, catchment.key, file: file, line: line)
            XCTAssertTrue(try boundary.covers(native), "\(catchment.key) leaves the boundary", file: file, line: line)
            for address in catchment.houses {
                for point in Self.gazetteer.house(at: address).points where try boundary.covers(NativeGeometry(point: point)) {
                    XCTAssertTrue(try native.covers(NativeGeometry(point: point)), "\(catchment.key) misses \(Self.gazetteer.house(at: address))", file: file, line: line)
                }
            }
        }
        for first in natives.indices {
            for second in natives.indices where second > first && result.catchments[first].language == result.catchments[second].language {
                XCTAssertFalse(try natives[first].interiorsIntersect(natives[second]),
                               "\(result.catchments[first].key) overlaps \(result.catchments[second].key)", file: file, line: line)
            }
        }
    }
}
