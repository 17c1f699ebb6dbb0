import Enrollment
import Foundation
import SakuraCore
import Store
import TestSupport
import XCTest

/// The demo city's register people: valid IINs, the family named in the README, and links.
final class DemoRegisterTests: XCTestCase {
    private static let geodata = Fixtures.repositoryRoot.appendingPathComponent("geodata")

    func testDocumentedFamilyFound() throws {
        let database = try IdentityDatabase(path: try DemoCity.ensureDatabase(geodata: Self.geodata))
        let register = SQLitePopulationRegister(database: database)
        let mother = try XCTUnwrap(try register.person(try IIN("880412400018")))
        XCTAssertEqual(mother.surname, "Демоева")
        XCTAssertEqual(mother.givenName, "Айгерим")
        XCTAssertEqual(mother.phone?.e164, "+77010000001")
        XCTAssertEqual(try register.person(try IIN("861102300025"))?.phone?.e164, "+77010000002")
        XCTAssertNil(try register.person(try IIN("900909300053"))?.phone, "the documented person without a phone")
        let son = try XCTUnwrap(try register.person(try IIN("190615500033")))
        XCTAssertEqual(son.birthDate.iso, "2019-06-15")
        XCTAssertEqual(try register.representation(parent: try IIN("880412400018"), child: try IIN("190615500033")), .parent)
        XCTAssertEqual(try register.representation(parent: try IIN("861102300025"), child: try IIN("160201600043")), .parent)
    }

    func testEveryDemoPersonHasValidIIN() throws {
        let folder = Self.geodata.appendingPathComponent("demo")
        let table = try CSVTable(text: try String(contentsOf: folder.appendingPathComponent("people.csv"), encoding: .utf8))
        let iinColumn = try table.requiredColumn("iin"), birthColumn = try table.requiredColumn("birth_date")
        let sexColumn = try table.requiredColumn("sex"), phoneColumn = try table.requiredColumn("phone")
        XCTAssertGreaterThan(table.rows.count, 100)
        for row in table.rows {
            let iin = try IIN(row[iinColumn])
            XCTAssertEqual(iin.birthDate.iso, row[birthColumn], row[iinColumn])
            XCTAssertEqual(iin.sex.rawValue, row[sexColumn], row[iinColumn])
            if !row[phoneColumn].isEmpty {
                XCTAssertEqual(try PhoneNumber(row[phoneColumn]).e164, row[phoneColumn])
            }
        }
    }

    func testDemoChildrenHaveParents() throws {
        let store = try SakuraStore(path: try DemoCity.ensureDatabase(geodata: Self.geodata))
        XCTAssertGreaterThan(try store.registerPeopleCount(), 100)
        XCTAssertEqual(try store.registerChildren(parentIIN: "880412400018"), ["160201600043", "190615500033"])
    }
}
