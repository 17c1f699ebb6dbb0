@testable import Gazetteer
import XCTest

final class NormalizationTests: XCTestCase {
    // MARK: Folding

    func testFoldLowercasesAndYo() {
        let cases: [(text: String, expected: String)] = [
            ("АБАЯ", "абая"),
            ("Ёлочная", "елочная"),
            ("ёлочная", "елочная"),
            ("Королёва", "королева"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(TextFolding.fold(text), expected, text)
        }
    }

    func testFoldKazakhLetters() {
        let cases: [(text: String, expected: String)] = [
            ("қ", "к"), ("Қ", "к"), ("ғ", "г"), ("Ғ", "г"), ("ң", "н"), ("Ң", "н"),
            ("ә", "а"), ("Ә", "а"), ("і", "и"), ("І", "и"), ("ү", "у"), ("Ү", "у"),
            ("ұ", "у"), ("Ұ", "у"), ("ө", "о"), ("Ө", "о"), ("һ", "х"), ("Һ", "х"),
            ("Қабанбай батыр", "кабанбай батыр"),
            ("Әуезов", "ауезов"),
            ("Жұмабаев", "жумабаев"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(TextFolding.fold(text), expected, text)
        }
    }

    func testFoldRemovesApostrophes() {
        for apostrophe in ["’", "ʼ", "ʻ", "`", "´", "‘", "'", "\""] {
            XCTAssertEqual(TextFolding.fold("О\(apostrophe)Генри"), "огенри", apostrophe)
        }
    }

    func testFoldPunctuationToSpaces() {
        let cases: [(text: String, expected: String)] = [
            ("Южно-Уральская", "южно уральская"),
            ("Южно–Уральская", "южно уральская"),
            ("Южно—Уральская", "южно уральская"),
            ("ул.Абая", "ул абая"),
            ("Абая,150", "абая 150"),
            ("12/1", "12 1"),
            ("№5", "5"),
            ("Самал (2)", "самал 2"),
            ("«Алатау»", "алатау"),
            ("a+b", "a b"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(TextFolding.fold(text), expected, text)
        }
    }

    func testFoldCollapsesWhitespace() {
        XCTAssertEqual(TextFolding.fold("  улица \t Абая \n "), "улица абая")
        XCTAssertEqual(TextFolding.fold(" . , - "), "")
        XCTAssertEqual(TextFolding.fold(""), "")
    }

    func testFoldKeepsLatin() {
        XCTAssertEqual(TextFolding.fold("Almaty Towers"), "almaty towers")
        XCTAssertEqual(TextFolding.fold("Esentai Park"), "esentai park")
    }

    func testFoldLookalikesInCyrillicWords() {
        // A Latin "i" typed for the Kazakh "і", and a Latin "A" typed in a Russian word.
        XCTAssertEqual(TextFolding.fold("көшесi"), "кошеси")
        XCTAssertEqual(TextFolding.fold("Aбая"), "абая")
        XCTAssertEqual(TextFolding.fold("Aбая Park"), "абая park")
    }

    func testFoldMarksAndDecomposedLetters() {
        XCTAssertEqual(TextFolding.fold("Аба́я"), "абая")
        XCTAssertEqual(TextFolding.fold("Корол\u{0435}\u{0308}ва"), "королева")
        XCTAssertEqual(TextFolding.fold("Баи\u{0306}закова"), "байзакова")
        XCTAssertEqual(TextFolding.fold("Ак\u{00AD}сай"), "аксай")
    }

    func testFoldDigitsToASCII() {
        XCTAssertEqual(TextFolding.fold("Самал ٢"), "самал 2")
    }

    func testFoldIdempotent() {
        let texts = ["Қабанбай батыр", "ул. Абая, 150", "Южно-Уральская", "О’Генри", "көшесi", "Almaty Towers"]
        for text in texts {
            let folded = TextFolding.fold(text)
            XCTAssertEqual(TextFolding.fold(folded), folded, text)
        }
    }

    // MARK: Street types

    /// Every spelling of every type word, as people write it.
    private let typeSpellings: [(spelling: String, type: StreetType)] = [
        ("улица", .street), ("ул.", .street), ("ул", .street), ("Улица", .street),
        ("көшесі", .street), ("көше", .street), ("көш.", .street), ("к-сі", .street),
        ("проспект", .avenue), ("пр.", .avenue), ("пр", .avenue), ("пр-т", .avenue), ("пр-кт", .avenue),
        ("просп.", .avenue), ("даңғылы", .avenue), ("даңғыл", .avenue), ("даң.", .avenue),
        ("микрорайон", .microdistrict), ("мкр.", .microdistrict), ("мкр", .microdistrict),
        ("мкрн", .microdistrict), ("мкрн.", .microdistrict), ("мкр-н", .microdistrict), ("м-н", .microdistrict),
        ("шағын ауданы", .microdistrict), ("шағын аудан", .microdistrict), ("ш.а.", .microdistrict),
        ("ш. а.", .microdistrict), ("ш/а", .microdistrict), ("ықшам ауданы", .microdistrict),
        ("переулок", .lane), ("пер.", .lane), ("пер", .lane), ("тұйық көше", .lane), ("тұйық көшесі", .lane),
        ("бульвар", .boulevard), ("б-р", .boulevard), ("бул.", .boulevard), ("бульв.", .boulevard), ("бульвары", .boulevard),
        ("шоссе", .highway), ("тас жолы", .highway), ("тас жол", .highway),
        ("проезд", .passage), ("пр-д", .passage), ("өткел", .passage), ("өткелі", .passage),
        ("тупик", .deadEnd), ("туп.", .deadEnd), ("тұйығы", .deadEnd), ("тұйық", .deadEnd),
        ("площадь", .square), ("пл.", .square), ("алаңы", .square),
        ("набережная", .embankment), ("наб.", .embankment), ("жағалауы", .embankment),
        ("жилой массив", .district), ("жилмассив", .district), ("ж/м", .district), ("ж.м.", .district), ("жм", .district),
        ("аллея", .other), ("аллеясы", .other), ("тракт", .other),
    ]

    func testTypeWordBeforeName() {
        for (spelling, type) in typeSpellings {
            let name = StreetName("\(spelling) Абая")
            XCTAssertEqual(name.type, type, spelling)
            XCTAssertEqual(name.key, "абай", spelling)
        }
    }

    func testTypeWordAfterName() {
        for (spelling, type) in typeSpellings {
            let name = StreetName("Абай \(spelling)")
            XCTAssertEqual(name.type, type, spelling)
            XCTAssertEqual(name.key, "абай", spelling)
        }
    }

    func testTypeWordWithoutSpace() {
        XCTAssertEqual(StreetName("ул.Абая").type, .street)
        XCTAssertEqual(StreetName("ул.Абая").key, "абай")
        XCTAssertEqual(StreetName("пр.Абая").type, .avenue)
    }

    func testLaneAndAvenueDiffer() {
        XCTAssertEqual(StreetName("пер. Абая").type, .lane)
        XCTAssertEqual(StreetName("пр. Абая").type, .avenue)
        XCTAssertEqual(StreetName("пр-д Абая").type, .passage)
    }

    func testTypeWordsNotCutFromNames() {
        let cases: [(text: String, key: String)] = [
            ("Перова", "перов"),
            ("Прокофьева", "прокофьев"),
            ("Пржевальского", "пржевальский"),
            ("Улытауская", "улытаускай"),
            ("Мкртчяна", "мкртчян"),
            ("Тупиковая", "тупиковай"),
            ("Пловдивская", "пловдивскай"),
        ]
        for (text, key) in cases {
            let name = StreetName(text)
            XCTAssertNil(name.type, text)
            XCTAssertEqual(name.key, key, text)
        }
    }

    func testInitialIsNotTypeWord() {
        // "пр. Д. Кунаева" has no "пр-д" (passage) in it: the full stop is not a hyphen.
        let name = StreetName("пр. Д. Кунаева")
        XCTAssertEqual(name.type, .avenue)
        XCTAssertEqual(name.key, "кунаев")
    }

    func testFirstTypeWordWins() {
        XCTAssertEqual(StreetName("мкр. Самал-2 ул. Абая").type, .microdistrict)
    }

    func testOnlyTypeWordsKeepsOneAsName() {
        let cases: [(text: String, type: StreetType?, key: String)] = [
            ("Набережная улица", .street, "набережнай"),
            ("улица Набережная", .street, "набережнай"),
            ("Тупик", nil, "тупик"),
            ("Проспект", nil, "проспект"),
            ("мкр.", .microdistrict, ""),
            ("ул. ", .street, ""),
            ("улица", .street, ""),
        ]
        for (text, type, key) in cases {
            let name = StreetName(text)
            XCTAssertEqual(name.type, type, text)
            XCTAssertEqual(name.key, key, text)
        }
    }

    func testNoTypeWord() {
        XCTAssertNil(StreetName("Абая").type)
        XCTAssertEqual(StreetName("Абая").key, "абай")
    }

    // MARK: Keys

    func testGenitiveAndNominativeMeet() {
        let cases: [(genitive: String, nominative: String, key: String)] = [
            ("Абая", "Абай", "абай"),
            ("Кабанбай батыра", "Қабанбай батыр", "кабанбай батыр"),
            ("Иманова", "Иманов", "иманов"),
            ("Сатпаева", "Сатпаев", "сатпаев"),
            ("Королёва", "Королев", "королев"),
            ("Пушкина", "Пушкин", "пушкин"),
            ("Гоголя", "Гоголь", "гогол"),
            ("Абылай хана", "Абылай хан", "абылай хан"),
            ("Жамбыла", "Жамбыл", "жамбыл"),
            ("Сейфуллина", "Сейфуллин", "сейфуллин"),
            ("Адмирала Завойко", "Адмирал Завойко", "адмирал завойко"),
            ("Брусиловского", "Брусиловский", "брусиловский"),
            ("Райымбека", "Райымбек", "райымбек"),
            ("Кабанбая", "Кабанбай", "кабанбай"),
        ]
        for (genitive, nominative, key) in cases {
            XCTAssertEqual(StreetName(genitive).key, key, genitive)
            XCTAssertEqual(StreetName(nominative).key, key, nominative)
        }
    }

    func testWordsWithoutGenitiveStay() {
        let cases: [(text: String, key: String)] = [
            ("Жибек Жолы", "жибек жолы"),
            ("Толе би", "толе би"),
            ("Завойко", "завойко"),
            ("Курмангазы", "курмангазы"),
            ("Достык", "достык"),
        ]
        for (text, key) in cases {
            XCTAssertEqual(StreetName(text).key, key, text)
        }
    }

    func testTypedAndBareNamesMeet() {
        let names = ["улица Абая", "Абая ул.", "Абай көшесі", "пр-т Абая", "проспект Абая", "Абай даңғылы", "ул. им. Абая", "АБАЯ"]
        for text in names {
            XCTAssertEqual(StreetName(text).key, "абай", text)
        }
    }

    func testBaseFormRules() {
        let cases: [(word: String, expected: String)] = [
            ("абая", "абай"),
            ("иманова", "иманов"),
            ("сатпаева", "сатпаев"),
            ("пушкина", "пушкин"),
            ("байтурсынына", "байтурсынын"),
            ("гоголя", "гогол"),
            ("гоголь", "гогол"),
            ("батыра", "батыр"),
            ("брусиловского", "брусиловский"),
            ("достоевского", "достоевский"),
            ("вознесенского", "вознесенский"),
            ("ильи", "ильи"),
            ("илья", "ил"),
            ("линия", "лини"),
            ("мира", "мир"),
            ("аба", "аба"),
            ("ул", "ул"),
            ("жолы", "жолы"),
            ("2", "2"),
            ("park", "park"),
            ("абаяx", "абаяx"),
            ("", ""),
        ]
        for (word, expected) in cases {
            XCTAssertEqual(StreetName.baseForm(of: word), expected, word)
        }
    }

    func testBaseFormIdempotent() {
        let words = [
            "абая", "абай", "иманова", "батыра", "гоголя", "гоголь", "илья", "линия", "уральская",
            "брусиловского", "хана", "алтынсарина", "аллея", "тупиковая", "ская", "яя", "ьяя", "ааа",
        ]
        for word in words {
            let once = StreetName.baseForm(of: word)
            XCTAssertEqual(StreetName.baseForm(of: once), once, word)
        }
    }

    func testKeyIdempotent() {
        let texts = [
            "улица Абая", "Кабанбай батыра", "мкр. Самал-2", "Южно-Уральская улица", "улица Адмирала Завойко",
            "Набережная улица", "Тупик", "1-я линия", "ул. Д. Кунаева", "Almaty Towers", "Гоголя",
        ]
        for text in texts {
            let key = StreetName(text).key
            XCTAssertEqual(StreetName(key).key, key, text)
        }
    }

    func testMicrodistrictNumberForms() {
        let texts = ["Самал-2", "Самал 2", "Самал2", "мкр. Самал-2", "мкр Самал 2", "Самал-2 мкр.", "Самал–2", "шағын ауданы Самал-2"]
        for text in texts {
            XCTAssertEqual(StreetName(text).key, "самал 2", text)
        }
    }

    func testNumberOnlyMicrodistrict() {
        let name = StreetName("мкр. 5")
        XCTAssertEqual(name.type, .microdistrict)
        XCTAssertEqual(name.key, "5")
    }

    func testInitialsDropped() {
        let texts = ["ул. Д. Кунаева", "Д.Кунаева", "улица Кунаева", "Кунаев көшесі"]
        for text in texts {
            XCTAssertEqual(StreetName(text).key, "кунаев", text)
        }
    }

    func testOrdinalEndingsDropped() {
        XCTAssertEqual(StreetName("1-я линия").key, StreetName("1 линия").key)
        XCTAssertEqual(StreetName("2-й проезд").key, "2")
        XCTAssertEqual(StreetName("1-ші тұйық").key, "1")
    }

    func testKeyKeepsWordOrderAndLatin() {
        XCTAssertEqual(StreetName("Южно-Уральская улица").key, "южно уральскай")
        XCTAssertEqual(StreetName("Almaty Towers").key, "almaty towers")
    }

    func testDisplayKeepsSpelling() {
        XCTAssertEqual(StreetName("  Қабанбай   батыр көшесі ").display, "Қабанбай батыр көшесі")
        XCTAssertEqual(StreetName("ул. Абая").display, "ул. Абая")
    }

    func testEmptyName() {
        let name = StreetName("")
        XCTAssertEqual(name.key, "")
        XCTAssertNil(name.type)
        XCTAssertEqual(name.display, "")
    }

    // MARK: Queries

    func testQueryStreetAndHouse() {
        let cases: [(text: String, key: String, type: StreetType?, house: String)] = [
            ("Абая 150", "абай", nil, "150"),
            ("абая150", "абай", nil, "150"),
            ("ул. Абая, 150а", "абай", .street, "150А"),
            ("ул. Абая, 150a", "абай", .street, "150А"),
            ("Абая 150 А", "абай", nil, "150А"),
            ("Абая 150-а", "абай", nil, "150А"),
            ("Абая 150 кв 5", "абай", nil, "150"),
            ("Абая 150, кв. 5", "абай", nil, "150"),
            ("Абая 150 квартира 5", "абай", nil, "150"),
            ("Абая 150 кв12а", "абай", nil, "150"),
            ("ул. Иманова д. 5 кв. 12", "иманов", .street, "5"),
            ("ул. Иманова, дом 5", "иманов", .street, "5"),
            ("мкр. Самал-2, 58", "самал 2", .microdistrict, "58"),
            ("мкр. Самал-2, д. 58", "самал 2", .microdistrict, "58"),
            ("мкр Самал-2 58", "самал 2", .microdistrict, "58"),
            ("Самал-2, 58", "самал 2", nil, "58"),
            ("Самал-2 58", "самал 2", nil, "58"),
            ("Самал2 58", "самал 2", nil, "58"),
            ("Самал 2 58", "самал 2", nil, "58"),
            ("мкр. 5, 12", "5", .microdistrict, "12"),
            ("5 мкр., 12", "5", .microdistrict, "12"),
            ("Қабанбай батыр 12/1", "кабанбай батыр", nil, "12/1"),
            ("улица Адмирала Завойко, 10", "адмирал завойко", .street, "10"),
            ("Абай даңғылы, 150 үй, 12 пәтер", "абай", .avenue, "150"),
            ("Абай даңғылы 150-үй 12-пәтер", "абай", .avenue, "150"),
            ("Абай көшесі, 150, пәтер 12", "абай", .street, "150"),
            ("Абая 15А к3", "абай", nil, "15Ак3"),
            ("Абая 12 корп. 2", "абай", nil, "12к2"),
            ("Абая, 12, корпус 2", "абай", nil, "12к2"),
            ("Абая 12 стр. 1", "абай", nil, "12с1"),
            ("Абая 5 лит. Б", "абай", nil, "5Б"),
            ("8 Марта 12", "8 март", nil, "12"),
            ("1-я линия 5", "1 лини", nil, "5"),
            ("пр. Д. Кунаева 12", "кунаев", .avenue, "12"),
        ]
        for (text, key, type, house) in cases {
            let query = AddressQuery(text)
            XCTAssertEqual(query.street?.key, key, text)
            XCTAssertEqual(query.street?.type, type, text)
            XCTAssertEqual(query.house?.description, house, text)
        }
    }

    func testQueryWithoutHouse() {
        let cases: [(text: String, key: String)] = [
            ("Абая", "абай"),
            ("ул. Абая", "абай"),
            ("Самал-2", "самал 2"),
            ("мкр. Самал-2", "самал 2"),
            ("мкр 5", "5"),
            ("Абая кв 5", "абай"),
            ("Абая 12 пәтер", "абай"),
        ]
        for (text, key) in cases {
            let query = AddressQuery(text)
            XCTAssertEqual(query.street?.key, key, text)
            XCTAssertNil(query.house, text)
        }
    }

    func testQueryHouseOnly() {
        for text in ["150", "д. 150", "№150", "150 кв 5"] {
            let query = AddressQuery(text)
            XCTAssertNil(query.street, text)
            XCTAssertEqual(query.house?.description, "150", text)
        }
    }

    func testQueryEmpty() {
        for text in ["", "  ", ", .", "кв 5"] {
            let query = AddressQuery(text)
            XCTAssertNil(query.street, text)
            XCTAssertNil(query.house, text)
        }
    }

    func testQueryBareNumberIsHouse() {
        // Nothing in the text marks 2 as part of the name, so it is read as the house.
        for text in ["Самал 2", "Самал2"] {
            let query = AddressQuery(text)
            XCTAssertEqual(query.street?.key, "самал", text)
            XCTAssertEqual(query.house?.description, "2", text)
        }
    }

    func testQueryHyphenNumberIsName() {
        let query = AddressQuery("Абая-150")
        XCTAssertEqual(query.street?.key, "абай 150")
        XCTAssertNil(query.house)
    }

    func testQueryStreetDisplay() {
        let cases: [(text: String, display: String)] = [
            ("ул. Абая, 150а", "ул. Абая"),
            ("Абая ул., 150", "Абая ул."),
            ("  мкр.   Самал-2 ,  д. 58 кв. 3", "мкр. Самал-2"),
            ("Қабанбай батыр 12/1", "Қабанбай батыр"),
            ("Абая", "Абая"),
        ]
        for (text, display) in cases {
            XCTAssertEqual(AddressQuery(text).street?.display, display, text)
        }
    }

    func testQueryStreetMatchesIndexedName() {
        let pairs: [(query: String, indexed: String)] = [
            ("Абая 150", "улица Абая"),
            ("Абая 150", "Абай даңғылы"),
            ("Абай 150", "проспект Абая"),
            ("Кабанбай батыра 12/1", "Қабанбай батыр көшесі"),
            ("Иманова 5", "улица Иманова"),
            ("Южно-Уральская 3", "Южно-Уральская улица"),
            ("Адмирала Завойко 10", "улица Адмирала Завойко"),
            ("Самал-2 58", "микрорайон Самал-2"),
            ("мкр Самал 2, 58", "Самал-2 шағын ауданы"),
        ]
        for (query, indexed) in pairs {
            XCTAssertEqual(AddressQuery(query).street?.key, StreetName(indexed).key, "\(query) / \(indexed)")
        }
    }
}
