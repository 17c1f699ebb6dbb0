import Gazetteer
import XCTest

final class AddressListParserTests: XCTestCase {
    /// Houses of a test street, chosen to sit on both sides of every range below.
    private static let houses = [
        "1", "2", "3", "5", "5А", "7", "7/1", "10", "11", "12", "12А", "12/1", "12к2", "13", "20", "21", "24", "25", "25Б",
        "26", "38", "40", "41", "43", "44", "45", "46А", "58", "59", "120",
    ]

    /// Parses one street line inside a section and returns its entries, failing on any problem.
    private func entries(_ line: String, file: StaticString = #filePath, line testLine: UInt = #line) -> [AddressListEntry] {
        let list = AddressList(parsing: "Школа № 1\n" + line)
        XCTAssertEqual(list.problems, [], line, file: file, line: testLine)
        return list.sections.first?.entries ?? []
    }

    /// Returns the houses of ``houses`` that the single street of the line claims.
    private func claimed(_ line: String, file: StaticString = #filePath, line testLine: UInt = #line) -> [String] {
        let found = entries(line, file: file, line: testLine)
        XCTAssertEqual(found.count, 1, line, file: file, line: testLine)
        guard let entry = found.first else { return [] }
        return Self.houses.filter { entry.contains(HouseNumber($0)!) }
    }

    private func selections(_ line: String, file: StaticString = #filePath, line testLine: UInt = #line) -> [HouseSelection] {
        let found = entries(line, file: file, line: testLine)
        XCTAssertEqual(found.count, 1, line, file: file, line: testLine)
        return found.first?.selections ?? []
    }

    private func house(_ text: String) -> HouseNumber { HouseNumber(text)! }

    // MARK: Line forms

    func testOddRangeInBrackets() {
        let line = "ул. Абая, 1–25 (нечётные)"
        XCTAssertEqual(selections(line), [.range(from: 1, to: 25, parity: .odd)])
        XCTAssertEqual(claimed(line), ["1", "3", "5", "5А", "7", "7/1", "11", "13", "21", "25", "25Б"])
        let entry = entries(line).first
        XCTAssertEqual(entry?.street.key, "абай")
        XCTAssertEqual(entry?.street.type, .street)
        XCTAssertEqual(entry?.line, 2)
        XCTAssertEqual(entry?.text, line)
    }

    func testEvenSideFromTo() {
        let line = "ул. Абая, чётная сторона с 2 по 40"
        XCTAssertEqual(selections(line), [.range(from: 2, to: 40, parity: .even)])
        XCTAssertEqual(claimed(line), ["2", "10", "12", "12А", "12/1", "12к2", "20", "24", "26", "38", "40"])
    }

    func testOpenRange() {
        XCTAssertEqual(selections("ул. Абая, 44 и далее"), [.range(from: 44, to: nil, parity: nil)])
        XCTAssertEqual(claimed("ул. Абая, 44 и далее"), ["44", "45", "46А", "58", "59", "120"])
        XCTAssertEqual(selections("ул. Абая, с 44 до конца"), [.range(from: 44, to: nil, parity: nil)])
        XCTAssertEqual(selections("ул. Абая, 44 – до конца"), [.range(from: 44, to: nil, parity: nil)])
        XCTAssertEqual(selections("ул. Абая, с 44"), [.range(from: 44, to: nil, parity: nil)])
        XCTAssertEqual(selections("ул. Абая, 45 и далее (нечётные)"), [.range(from: 45, to: nil, parity: .odd)])
    }

    func testAllHouses() {
        XCTAssertEqual(selections("ул. Абая (все дома)"), [.all(parity: nil)])
        XCTAssertEqual(claimed("ул. Абая (все дома)"), Self.houses)
        XCTAssertEqual(selections("ул. Абая"), [.all(parity: nil)])
        XCTAssertEqual(selections("ул. Абая, полностью"), [.all(parity: nil)])
        XCTAssertEqual(entries("ул. Абая (все дома)").first?.street.key, "абай")
    }

    func testMicrodistrictHouses() {
        let line = "мкр. Самал-2, дома 1–58"
        XCTAssertEqual(selections(line), [.range(from: 1, to: 58, parity: nil)])
        XCTAssertEqual(entries(line).first?.street.key, "самал 2")
        XCTAssertEqual(entries(line).first?.street.type, .microdistrict)
        XCTAssertEqual(claimed(line), Self.houses.filter { house($0).number <= 58 })
    }

    func testPlainHouseList() {
        let line = "ул. Абая, 1, 3, 5А, 7/1"
        XCTAssertEqual(selections(line), [.house(house("1")), .house(house("3")), .house(house("5А")), .house(house("7/1"))])
        XCTAssertEqual(claimed(line), ["1", "3", "5А", "7/1"])
        XCTAssertEqual(selections("ул. Абая, д. 12 корп. 2 и 13"), [.house(house("12к2")), .house(house("13"))])
    }

    func testDashForms() {
        for line in ["ул. Абая, 1-25", "ул. Абая, 1–25", "ул. Абая, 1—25", "ул. Абая, 1 - 25", "ул. Абая, 1 – 25", "ул. Абая, №№ 1-25"] {
            XCTAssertEqual(selections(line), [.range(from: 1, to: 25, parity: nil)], line)
        }
    }

    func testFromToAndSidesWithoutYo() {
        XCTAssertEqual(selections("ул. Абая, нечетная сторона с 11 по 21"), [.range(from: 11, to: 21, parity: .odd)])
        XCTAssertEqual(selections("ул. Абая, четные 2-10"), [.range(from: 2, to: 10, parity: .even)])
        XCTAssertEqual(selections("ул. Абая, с 10 по 20"), [.range(from: 10, to: 20, parity: nil)])
        XCTAssertEqual(selections("ул. Абая, от 10 до 20 включительно"), [.range(from: 10, to: 20, parity: nil)])
        XCTAssertEqual(claimed("ул. Абая, с 10 по 20"), ["10", "11", "12", "12А", "12/1", "12к2", "13", "20"])
        XCTAssertEqual(selections("ул. Абая, нечетная сторона"), [.all(parity: .odd)])
        XCTAssertEqual(selections("ул. Абая, чёт. сторона"), [.all(parity: .even)])
    }

    func testKazakhForms() {
        XCTAssertEqual(selections("Абай көшесі, 1–25 (тақ)"), [.range(from: 1, to: 25, parity: .odd)])
        XCTAssertEqual(selections("Абай көшесі, жұп жағы 2-ден 40-қа дейін"), [.range(from: 2, to: 40, parity: .even)])
        XCTAssertEqual(selections("Абай көшесі, 2-ден 40-қа дейін (жұп)"), [.range(from: 2, to: 40, parity: .even)])
        XCTAssertEqual(selections("Абай көшесі, 44-тен бастап"), [.range(from: 44, to: nil, parity: nil)])
        XCTAssertEqual(selections("Абай көшесі, 44 және одан әрі"), [.range(from: 44, to: nil, parity: nil)])
        XCTAssertEqual(selections("Абай көшесі (барлық үйлер)"), [.all(parity: nil)])
        XCTAssertEqual(selections("Абай көшесі, тақ жағы"), [.all(parity: .odd)])
        let entry = entries("Абай көшесі, 1–25 (тақ)").first
        XCTAssertEqual(entry?.street.key, "абай")
        XCTAssertEqual(entry?.street.type, .street)
    }

    func testSeveralRangesOnOneLine() {
        let expected: [HouseSelection] = [.range(from: 1, to: 25, parity: .odd), .range(from: 2, to: 40, parity: .even)]
        XCTAssertEqual(selections("ул. Абая, 1–25 (нечётные); 2–40 (чётные)"), expected)
        XCTAssertEqual(selections("ул. Абая, 1–25 (нечётные), 2–40 (чётные)"), expected)
        XCTAssertEqual(selections("ул. Абая: 1–25 нечётные и 2–40 чётные"), expected)
        XCTAssertEqual(claimed("ул. Абая, 1–25 (нечётные); 2–40 (чётные)"),
                       ["1", "2", "3", "5", "5А", "7", "7/1", "10", "11", "12", "12А", "12/1", "12к2", "13", "20", "21", "24", "25", "25Б", "26", "38", "40"])
    }

    func testSeveralStreetsOnOneLine() {
        let found = entries("ул. Абая, 1–25; ул. Сатпаева, 2, 4; пр. Достык (все дома)")
        XCTAssertEqual(found.map(\.street.key), ["абай", "сатпаев", "достык"])
        XCTAssertEqual(found.map(\.street.type), [.street, .street, .avenue])
        XCTAssertEqual(found.map(\.selections), [[.range(from: 1, to: 25, parity: nil)], [.house(house("2")), .house(house("4"))], [.all(parity: nil)]])
        XCTAssertTrue(found.allSatisfy { $0.line == 2 })
    }

    func testLetteredHouseCountsAsNumberInRange() {
        let range = HouseSelection.range(from: 1, to: 12, parity: .even)
        for text in ["12", "12А", "12/1", "12к2", "12с1"] {
            XCTAssertTrue(range.contains(house(text)), text)
        }
        XCTAssertFalse(range.contains(house("13А")))
        XCTAssertEqual(selections("ул. Абая, 12А–20"), [.range(from: 12, to: 20, parity: nil)])
        XCTAssertEqual(selections("ул. Абая, 12/1-20Б"), [.range(from: 12, to: 20, parity: nil)])
        XCTAssertFalse(HouseSelection.house(house("12")).contains(house("12А")))
    }

    func testSideWordAfterRangePiece() {
        XCTAssertEqual(selections("ул. Абая, 1–25, нечётные"), [.range(from: 1, to: 25, parity: .odd)])
        XCTAssertEqual(selections("ул. Абая, 2, 4, нечётная сторона"), [.house(house("2")), .house(house("4")), .all(parity: .odd)])
        XCTAssertEqual(selections("ул. Абая, все нечётные дома"), [.all(parity: .odd)])
    }

    func testHousesWithoutComma() {
        XCTAssertEqual(selections("пр. Достык нечётная сторона"), [.all(parity: .odd)])
        XCTAssertEqual(selections("ул. Абая д. 1–25"), [.range(from: 1, to: 25, parity: nil)])
        XCTAssertEqual(selections("Абая 1-25"), [.range(from: 1, to: 25, parity: nil)])
        XCTAssertEqual(selections("ул. Абая дома № 2, 4, 6"), [.house(house("2")), .house(house("4")), .house(house("6"))])
        XCTAssertEqual(entries("ул. Абая дома № 2, 4, 6").first?.street.key, "абай")
    }

    func testStreetNamesWithNumbers() {
        XCTAssertEqual(entries("ул. 8 Марта, 1–10").first?.street.key, "8 март")
        XCTAssertEqual(entries("1-я линия, 5-9").first?.street.key, "1 лини")
        XCTAssertEqual(entries("микрорайон 11, 5–10").first?.street.key, "11")
        XCTAssertEqual(entries("мкр Самал 2, 1–58").first?.street.key, "самал 2")
        XCTAssertEqual(selections("мкр Самал 2, 1–58"), [.range(from: 1, to: 58, parity: nil)])
        XCTAssertEqual(entries("мкр. Самал-2 (все дома)").first?.street.key, "самал 2")
    }

    func testStreetsAfterCommaNeedTypeWord() {
        XCTAssertEqual(entries("ул. Абая, 1–25; Сатпаева, 2").map(\.street.key), ["абай", "сатпаев"])
        XCTAssertEqual(entries("ул. Абая, 1–25, пр. Достык").map(\.street.key), ["абай", "достык"])
        XCTAssertEqual(entries("Д. Кунаева, 5").map(\.street.key), ["кунаев"])
        XCTAssertEqual(entries("Д-35 көшесі, 140–142 үйлер").map(\.street.key), ["д 35"])
        XCTAssertEqual(entries("ул. Д-35 (все дома)").map(\.street.key), ["д 35"])
        XCTAssertEqual(entries("С.Сейфуллина, 1–9").map(\.selections), [[.range(from: 1, to: 9, parity: nil)]])

        let list = AddressList(parsing: "Школа № 1\nул. Абая, 1–25, Сатпаева\nул. Абая, 1–25, кроме 7\nул. Абая, дом сто")
        XCTAssertEqual(list.problems.map(\.kind), [.unreadableHouses, .unreadableHouses, .unreadableHouses])
        XCTAssertEqual(list.problems.map(\.line), [2, 3, 4])
        XCTAssertEqual(list.problems.map(\.detail), ["Сатпаева", "кроме 7", "дом сто"])
    }

    func testContinuationLines() {
        let list = AddressList(parsing: "Школа № 1\nул. Абая:\n1–25 (нечётные)\n2–40 (чётные)\nул. Сатпаева")
        XCTAssertEqual(list.problems, [])
        let found = list.sections.first?.entries ?? []
        XCTAssertEqual(found.map(\.street.key), ["абай", "абай", "сатпаев"])
        XCTAssertEqual(found.map(\.line), [3, 4, 5])
        XCTAssertEqual(found.map(\.selections), [[.range(from: 1, to: 25, parity: .odd)], [.range(from: 2, to: 40, parity: .even)], [.all(parity: nil)]])
    }

    // MARK: Sections

    func testHeadingForms() {
        let text = """
        # Микроучастки на 2025–2026 учебный год
        Школа № 25
        ул. Абая, 1–25
        1. КГУ «Школа-гимназия № 12»:
        ул. Абая, 27
        КГУ «Общеобразовательная школа № 150» отдела образования
        ул. Абая, 29
        # school: demo-001
        ул. Абая, 31
        №150 жалпы білім беретін мектеп
        Мектеп көшесі, 5
        """
        let list = AddressList(parsing: text)
        XCTAssertEqual(list.problems, [])
        XCTAssertEqual(list.sections.map(\.heading.number), [25, 12, 150, nil, 150])
        XCTAssertEqual(list.sections.map(\.heading.id), [nil, nil, nil, "demo-001", nil])
        XCTAssertEqual(list.sections.map(\.line), [2, 4, 6, 8, 10])
        XCTAssertEqual(list.sections[1].heading.text, "КГУ «Школа-гимназия № 12»")
        XCTAssertEqual(list.sections[1].heading.kindWords, ["школа", "гимназия"])
        XCTAssertEqual(list.sections[4].heading.kindWords, ["мектеп"])
        XCTAssertEqual(list.sections[4].entries.map(\.street.key), ["мектеп"], "a street named after a school stays a street")
        XCTAssertEqual(list.sections.map { $0.entries.map(\.line) }, [[3], [5], [7], [9], [11]])
    }

    func testLanguageLines() {
        let text = """
        Школа № 1
        язык: казахский
        ул. Абая
        Школа № 2
        Язык обучения: русский, казахский
        ул. Абая
        Школа № 3
        оқыту тілі: қазақ
        ул. Абая
        # school: demo-004
        # language: kk, ru
        ул. Абая
        Школа № 5 с русским языком обучения
        ул. Абая
        Школа № 6
        ул. Абая
        """
        let list = AddressList(parsing: text)
        XCTAssertEqual(list.problems, [])
        XCTAssertEqual(list.sections.map(\.languages), [["kk"], ["ru", "kk"], ["kk"], ["kk", "ru"], ["ru"], []])
    }

    func testProblemsCarryLineAndText() {
        let text = """
        Приложение к постановлению
        Школа № 1
        ул. Абая, дом сто
        ул. Абая, 25–1
        1–25
        язык: эльфийский
        Школа № 2
        # school:
        Школа № 3
        ул. Абая, 1-3
        """
        let list = AddressList(parsing: text)
        XCTAssertEqual(list.problems, [
            AddressListProblem(kind: .outsideSection, line: 1, text: "Приложение к постановлению"),
            AddressListProblem(kind: .unreadableHouses, line: 3, text: "ул. Абая, дом сто", detail: "дом сто"),
            AddressListProblem(kind: .reversedRange, line: 4, text: "ул. Абая, 25–1", detail: "25–1"),
            AddressListProblem(kind: .missingStreet, line: 5, text: "1–25"),
            AddressListProblem(kind: .unknownLanguage, line: 6, text: "язык: эльфийский", detail: "эльфийский"),
            AddressListProblem(kind: .emptySection, line: 7, text: "Школа № 2"),
            AddressListProblem(kind: .missingSchoolID, line: 8, text: "# school:"),
        ])
        XCTAssertEqual(list.sections.map(\.heading.number), [1, 2, 3])
        XCTAssertEqual(list.sections[0].entries, [], "unreadable lines add nothing")
        XCTAssertEqual(list.sections[2].entries.map(\.selections), [[.range(from: 1, to: 3, parity: nil)]])
    }

    func testItemNumbersAndLineEndings() {
        let list = AddressList(parsing: "\u{FEFF}1) Школа № 7\r\n\r\n2. ул. Абая, 1–5;\r\n- ул. Сатпаева, 2\r\n• пр. Достык")
        XCTAssertEqual(list.problems, [])
        XCTAssertEqual(list.sections.first?.heading.number, 7)
        XCTAssertEqual(list.sections.first?.entries.map(\.line), [3, 4, 5])
        XCTAssertEqual(list.sections.first?.entries.map(\.street.key), ["абай", "сатпаев", "достык"])
    }

    func testSelectionDescriptions() {
        XCTAssertEqual(HouseSelection.range(from: 1, to: 25, parity: .odd).description, "1–25 (нечётные)")
        XCTAssertEqual(HouseSelection.range(from: 44, to: nil, parity: nil).description, "44 и далее")
        XCTAssertEqual(HouseSelection.all(parity: .even).description, "чётная сторона")
        XCTAssertEqual(HouseSelection.house(house("7/1")).description, "7/1")
    }
}
