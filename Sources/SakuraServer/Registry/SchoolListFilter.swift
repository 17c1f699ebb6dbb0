import Foundation
import Gazetteer
import HTTPServer
import Store

/// The filters of the schools list and of the schools map layer, read once from the query and shared,
/// so the two answer the same schools for the same parameters.
struct SchoolListFilter {
    var language: String?
    var type: String?
    var ownership: String?
    var district: String?
    var grade: Int?
    var hasFreePlaces: Bool?
    var query: SchoolTextQuery?
    /// The codes above as the numbers `SchoolFilterKey` uses.
    private var languageBit: UInt32 = 0
    private var typeNumber: Int8 = -1
    private var ownershipNumber: Int8 = -1
    private var districtNumber: Int16 = -1

    init(_ parameters: QueryParameters, districts: [String]) throws(APIError) {
        language = try parameters.code("language", allowed: Codes.languages)
        type = try parameters.code("type", allowed: Codes.schoolTypes)
        ownership = try parameters.code("ownership", allowed: Codes.ownership)
        district = try parameters.code("district", allowed: districts)
        grade = try parameters.integer("grade", default: nil, range: 0...12)
        if let raw = parameters.text("has_free_places") {
            switch raw.lowercased() {
            case "true", "1", "yes": hasFreePlaces = true
            case "false", "0", "no": hasFreePlaces = false
            default: throw APIError(status: 400, code: "invalid_boolean", field: "has_free_places", arguments: ["value": raw])
            }
        }
        query = parameters.text("q").map(SchoolTextQuery.init)
        languageBit = language.map(SchoolFilterKey.languageBit) ?? 0
        typeNumber = type.flatMap { Codes.schoolTypes.firstIndex(of: $0) }.map(Int8.init) ?? -1
        ownershipNumber = ownership.flatMap { Codes.ownership.firstIndex(of: $0) }.map(Int8.init) ?? -1
        districtNumber = district.flatMap { districts.firstIndex(of: $0) }.map(Int16.init) ?? -1
    }

    /// Tests a school by its precomputed key, without touching its strings.
    func matches(_ key: SchoolFilterKey) -> Bool {
        if language != nil, key.languages & languageBit == 0 { return false }
        if type != nil, key.type != typeNumber { return false }
        if ownership != nil, key.ownership != ownershipNumber { return false }
        if district != nil, key.district != districtNumber { return false }
        if let grade {
            guard key.gradeLow >= 0, Int(key.gradeLow) <= grade, grade <= Int(key.gradeHigh) else { return false }
        }
        if let hasFreePlaces {
            guard key.freePlaces >= 0, (key.freePlaces == 1) == hasFreePlaces else { return false }
        }
        if let query, !query.matches(key) { return false }
        return true
    }

    /// Reads grades written as "0-11", "1–4", "5-9" or a single grade "10".
    static func gradeRange(_ text: String?) -> ClosedRange<Int>? {
        guard let text else { return nil }
        let numbers = text.split { !$0.isNumber }.compactMap { Int($0) }
        guard let first = numbers.first else { return nil }
        let last = numbers.count > 1 ? numbers[1] : first
        return min(first, last)...max(first, last)
    }
}

/// A school search as people type it: by number ("25", "№25", "школа 25", "гимназия 159",
/// "мектеп-гимназия 12") or by words of the name in any language.
struct SchoolTextQuery {
    let number: Int?
    /// Types a word of the query names ("лицей", or "гимназия" for a gymnasium or a school-gymnasium);
    /// nil when no word names a type ("школа" says only "school").
    let types: Set<String>?
    /// Lower-case words that must all appear in one of the names.
    let words: [String]

    private static let typeWords: [(words: [String], types: Set<String>?)] = [
        (["школа-гимназия", "мектеп-гимназия", "мектеп-гимназиясы"], ["school_gymnasium"]),
        (["гимназия", "гимназиясы", "gymnasium"], ["gymnasium", "school_gymnasium"]),
        (["лицей", "лицейі", "lyceum"], ["lyceum"]),
        (["школа", "школы", "мектеп", "мектебі", "school", "сош", "сш"], nil),
    ]

    init(_ text: String) {
        let lowered = text.lowercased().replacingOccurrences(of: "№", with: " ").replacingOccurrences(of: "ё", with: "е")
        var number: Int? = nil
        var types: Set<String>? = nil
        var words: [String] = []
        for token in lowered.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }) {
            let word = String(token)
            if let value = Int(word) {
                number = value
                continue
            }
            // Forms such as "школа25": a word ending in digits.
            if let digits = word.range(of: "[0-9]+$", options: .regularExpression), let value = Int(word[digits]) {
                number = value
                let rest = String(word[..<digits.lowerBound])
                if let match = Self.typeWords.first(where: { $0.words.contains(rest) }) {
                    types = match.types ?? types
                } else if !rest.isEmpty {
                    words.append(TextFolding.fold(rest))
                }
                continue
            }
            if let match = Self.typeWords.first(where: { $0.words.contains(word) }) {
                types = match.types ?? types
                continue
            }
            words.append(contentsOf: TextFolding.fold(word).split(separator: " ").map(String.init))
        }
        self.number = number
        self.types = types
        self.words = words.filter { !$0.isEmpty }
    }

    func matches(_ key: SchoolFilterKey) -> Bool {
        if let number, key.number != number { return false }
        if let types {
            guard key.type >= 0, types.contains(Codes.schoolTypes[Int(key.type)]) else { return false }
        }
        guard !words.isEmpty else { return number != nil || types != nil }
        return key.names.contains { name in words.allSatisfy { name.contains($0) } }
    }

}

/// A school's filter fields as small numbers and folded names, computed once per snapshot so a list
/// request over every school compares integers instead of copying passports.
struct SchoolFilterKey: Sendable {
    let languages: UInt32
    /// Index in `Codes.schoolTypes`, `Codes.ownership` and the city's district codes; -1 when unknown.
    let type: Int8
    let ownership: Int8
    let district: Int16
    /// Grades taught; -1 when unknown.
    let gradeLow: Int8
    let gradeHigh: Int8
    /// 1 with free places, 0 full, -1 unknown.
    let freePlaces: Int8
    let number: Int?
    /// The names in kk, ru and en, folded as the gazetteer folds text.
    let names: [String]

    static func languageBit(_ code: String) -> UInt32 {
        Codes.languages.firstIndex(of: code).map { UInt32(1) << UInt32($0) } ?? 0
    }

    init(_ school: School, districts: [String]) {
        languages = school.languages.reduce(UInt32(0)) { $0 | Self.languageBit($1) }
        type = school.type.flatMap { Codes.schoolTypes.firstIndex(of: $0) }.map(Int8.init) ?? -1
        ownership = school.ownership.flatMap { Codes.ownership.firstIndex(of: $0) }.map(Int8.init) ?? -1
        district = school.district.flatMap { districts.firstIndex(of: $0) }.map(Int16.init) ?? -1
        if let range = SchoolListFilter.gradeRange(school.grades), range.lowerBound >= 0, range.upperBound <= 12 {
            gradeLow = Int8(range.lowerBound)
            gradeHigh = Int8(range.upperBound)
        } else {
            gradeLow = -1
            gradeHigh = -1
        }
        if let capacity = school.capacity, let enrollment = school.enrollment {
            freePlaces = enrollment < capacity ? 1 : 0
        } else {
            freePlaces = -1
        }
        number = school.number
        names = [school.names.kk, school.names.ru, school.names.en].map(TextFolding.fold)
    }
}
