import Foundation

/// Imports people and parent–child links into the embedded population register from CSV.
///
/// People: columns `iin`, `surname`, `given_name`, `birth_date` (YYYY-MM-DD), `sex` (male or
/// female), `citizenship` (ISO 3166-1 alpha-2) are required, and `patronymic` and `phone`
/// (E.164, +7 followed by 10 digits) are optional. Links: columns `parent_iin`, `child_iin`,
/// `relation` (parent or guardian). The register is national, so people are not tied to a city.
/// Rows are checked for format only; the IIN check digit is the Enrollment module's rule.
/// Any bad row rejects the whole import, naming its line and column, and nothing is written.
public struct RegisterImporter {
    public let store: SakuraStore

    public init(store: SakuraStore) {
        self.store = store
    }

    /// Imports both files in one transaction and returns the number of people and links written.
    public func run(people peopleFile: URL, links linksFile: URL?, isDemo: Bool) throws -> (people: Int, links: Int) {
        let people = try readPeople(CSVTable(text: String(contentsOf: peopleFile, encoding: .utf8)), isDemo: isDemo)
        var links: [RegisterLinkRecord] = []
        if let linksFile {
            links = try readLinks(CSVTable(text: String(contentsOf: linksFile, encoding: .utf8)), known: Set(people.map(\.iin)))
        }
        try store.database.transaction {
            try store.upsertPeople(people)
            try store.upsertLinks(links)
        }
        return (people.count, links.count)
    }

    func readPeople(_ table: CSVTable, isDemo: Bool) throws -> [RegisterPersonRecord] {
        let iin = try table.requiredColumn("iin"), surname = try table.requiredColumn("surname")
        let givenName = try table.requiredColumn("given_name"), birthDate = try table.requiredColumn("birth_date")
        let sex = try table.requiredColumn("sex"), citizenship = try table.requiredColumn("citizenship")
        let patronymic = table.column("patronymic"), phone = table.column("phone")

        var people: [RegisterPersonRecord] = []
        var seen: [String: Int] = [:]
        for (position, row) in table.rows.enumerated() {
            let line = table.lineNumbers[position]
            func value(_ column: Int?) -> String? {
                guard let column else { return nil }
                let text = row[column].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            func reject(_ column: String, _ reason: String) -> StoreError {
                .invalidInput(field: "line \(line), column \(column)", reason: reason)
            }

            guard let number = value(iin), Self.isIINFormat(number) else { throw reject("iin", "must be 12 digits") }
            if let first = seen[number] { throw reject("iin", "already used on line \(first)") }
            guard let surnameText = value(surname) else { throw reject("surname", "empty") }
            guard let givenText = value(givenName) else { throw reject("given_name", "empty") }
            guard let date = value(birthDate), Self.isDate(date) else { throw reject("birth_date", "must be a date as YYYY-MM-DD") }
            guard let sexText = value(sex), ["male", "female"].contains(sexText) else { throw reject("sex", "must be male or female") }
            guard let country = value(citizenship), country.count == 2, country.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw reject("citizenship", "must be a two-letter ISO 3166-1 code such as KZ")
            }
            let phoneText = value(phone)
            if let phoneText, !Self.isKazakhMobile(phoneText) { throw reject("phone", "must be +7 followed by 10 digits, such as +77011234567") }

            seen[number] = line
            people.append(RegisterPersonRecord(iin: number, surname: surnameText, givenName: givenText, patronymic: value(patronymic),
                                               birthDate: date, sex: sexText, citizenship: country, phone: phoneText, isDemo: isDemo))
        }
        return people
    }

    func readLinks(_ table: CSVTable, known: Set<String>) throws -> [RegisterLinkRecord] {
        let parent = try table.requiredColumn("parent_iin"), child = try table.requiredColumn("child_iin")
        let relation = try table.requiredColumn("relation")
        var links: [RegisterLinkRecord] = []
        for (position, row) in table.rows.enumerated() {
            let line = table.lineNumbers[position]
            let parentIIN = row[parent].trimmingCharacters(in: .whitespaces)
            let childIIN = row[child].trimmingCharacters(in: .whitespaces)
            let relationText = row[relation].trimmingCharacters(in: .whitespaces)
            for (column, value) in [("parent_iin", parentIIN), ("child_iin", childIIN)] {
                guard Self.isIINFormat(value) else { throw StoreError.invalidInput(field: "line \(line), column \(column)", reason: "must be 12 digits") }
                let isKnown = try known.contains(value) || store.registerPerson(iin: value) != nil
                guard isKnown else {
                    throw StoreError.invalidInput(field: "line \(line), column \(column)", reason: "no person with this IIN in the people file or the register")
                }
            }
            guard parentIIN != childIIN else {
                throw StoreError.invalidInput(field: "line \(line)", reason: "a person cannot be their own parent")
            }
            guard RegisterLinkRecord.relations.contains(relationText) else {
                throw StoreError.invalidInput(field: "line \(line), column relation", reason: "must be parent or guardian")
            }
            links.append(RegisterLinkRecord(parentIIN: parentIIN, childIIN: childIIN, relation: relationText))
        }
        return links
    }

    static func isIINFormat(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return false }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return day >= 1 && components.isValidDate(in: calendar)
    }

    static func isKazakhMobile(_ text: String) -> Bool {
        text.hasPrefix("+7") && text.utf8.count == 12 && text.utf8.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
