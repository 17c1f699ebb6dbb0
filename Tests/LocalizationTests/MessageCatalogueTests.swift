import Localization
import XCTest

final class MessageCatalogueTests: XCTestCase {
    func testEveryEntryHasThreeLanguages() {
        for (key, entry) in MessageCatalogue.allEntries {
            for language in Language.allCases {
                XCTAssertFalse(entry.text(language).isEmpty, "\(key) has no \(language) text")
            }
        }
    }

    func testPlaceholdersMatchAcrossLanguages() {
        let placeholder = try! NSRegularExpression(pattern: "\\{[a-z_]+\\}")
        func names(_ text: String) -> Set<String> {
            Set(placeholder.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) })
        }
        for (key, entry) in MessageCatalogue.allEntries {
            XCTAssertEqual(names(entry.kk), names(entry.ru), key)
            XCTAssertEqual(names(entry.en), names(entry.ru), key)
        }
    }

    func testTablesShareNoKey() {
        let shared = Set(MessageCatalogue.entries.keys).intersection(MessageCatalogue.planningEntries.keys)
        XCTAssertEqual(shared, [])
    }

    func testArgumentsFilled() {
        XCTAssertEqual(MessageCatalogue.text("missing_parameter", .en, ["field": "lat"]), "The parameter \"lat\" is missing. Add it to the request.")
    }

    func testNegotiationOrder() {
        XCTAssertEqual(Language.negotiate(explicit: "kk", acceptLanguage: "en"), .kk)
        XCTAssertEqual(Language.negotiate(explicit: "xx", acceptLanguage: "en-GB,ru;q=0.5"), .en)
        XCTAssertEqual(Language.negotiate(explicit: nil, acceptLanguage: "de, kk;q=0.4, en;q=0.9"), .en)
        XCTAssertEqual(Language.negotiate(explicit: nil, acceptLanguage: "de, fr"), .ru)
        XCTAssertEqual(Language.negotiate(explicit: nil, acceptLanguage: nil), .ru)
        XCTAssertEqual(Language.negotiate(explicit: nil, acceptLanguage: "en;q=0, kk"), .kk)
    }
}

final class IdentityCatalogueTests: XCTestCase {
    func testIdentityKeysNotShadowed() {
        // `entries` keeps the general text when a key is in both tables, so a clash would hide the identity text.
        for (key, entry) in MessageCatalogue.identityEntries {
            XCTAssertEqual(MessageCatalogue.entries[key]?.ru, entry.ru, key)
        }
    }

    func testCodeMessageFilled() {
        XCTAssertEqual(MessageCatalogue.text("sms.code.login", .en, ["code": "042317", "minutes": "5"]),
                       "Sakura: personal cabinet login code 042317. Valid for 5 min. Do not share it.")
    }
}
