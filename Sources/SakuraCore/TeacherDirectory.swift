import Foundation
import Gazetteer
import Registry
import Store

/// A city's teachers with their indicators and ratings, computed once when the snapshot is built.
public struct TeacherDirectory: Sendable {
    public struct Entry: Sendable {
        public let record: TeacherRecord
        /// Indicators of every school year, checked.
        public let indicators: [TeacherIndicator]
        /// The rating of the latest school year.
        public let rating: TeacherRating
        /// Position among the city's rated teachers (1 is best, ties share a rank); nil with not enough data.
        public let rank: Int?
    }

    public let entries: [Entry]
    public let weights: RatingWeights
    private let byID: [String: Int]
    /// Entry indexes in the list orders, computed once so a request only filters.
    /// By rating: ranked teachers by rank, then those with not enough data by name.
    public let orderByRating: [Int]
    public let orderByName: [Int]
    /// Most experienced first; unknown experience last.
    public let orderByExperience: [Int]
    /// Names folded as the gazetteer folds text (case, ё, Kazakh letters), for search.
    public let foldedNames: [String]
    /// Per entry: the school, its district and the languages as small integers, so a list request
    /// filters thousands of teachers without touching their strings.
    public let filterKeys: [FilterKey]
    private let schoolNumbers: [String: Int32]
    private let districtNumbers: [String: Int32]
    /// The three orders (rating, name, experience) of each school's and each district's teachers.
    private let ordersBySchool: [Int32: [[Int]]]
    private let ordersByDistrict: [Int32: [[Int]]]

    public struct FilterKey: Sendable {
        public let school: Int32
        public let district: Int32
        /// Bit i set when the teacher teaches in `LanguageCode.all[i]`.
        public let languages: UInt32
    }

    /// The number of a school id in `filterKeys`, or nil when no teacher works there.
    public func schoolNumber(_ id: String) -> Int32? { schoolNumbers[id] }
    /// The number of a district code in `filterKeys`, or -1 when no teacher's school is there.
    public func districtNumber(_ code: String) -> Int32 { districtNumbers[code] ?? -1 }
    /// The bit of a language code in `FilterKey.languages`.
    public static func languageBit(_ code: String) -> UInt32 {
        LanguageCode.all.firstIndex(of: code).map { UInt32(1) << UInt32($0) } ?? 0
    }

    /// The settings key under which a city stores its rating weights as JSON.
    public static let weightsSettingKey = "teacher_rating_weights"

    /// Rates every teacher with the city's weights; indicators that fail the registry's checks are left out.
    /// `districtOfSchool` gives each school's district, for the district filter.
    public init(teachers: [TeacherRecord], indicators: [IndicatorRecord], weights: RatingWeights, districtOfSchool: [String: String] = [:]) {
        var byTeacher: [String: [TeacherIndicator]] = [:]
        for record in indicators {
            guard let kind = TeacherIndicator.Kind(rawValue: record.kind),
                  let indicator = try? TeacherIndicator(kind: kind, schoolYear: record.schoolYear, sampleSize: record.sampleSize,
                                                        successes: record.successes, meanScore: record.meanScore,
                                                        standardDeviation: record.standardDeviation)
            else { continue }
            byTeacher[record.teacherID, default: []].append(indicator)
        }
        let ratings = teachers.map { (id: $0.id, rating: TeacherRatingFormula.rate(byTeacher[$0.id] ?? [], weights: weights)) }
        var ranks: [String: Int?] = [:]
        for entry in TeacherRatingFormula.ranked(ratings) { ranks[entry.id] = entry.rank }

        entries = zip(teachers, ratings).map { teacher, rated in
            Entry(record: teacher, indicators: byTeacher[teacher.id] ?? [], rating: rated.rating, rank: ranks[teacher.id] ?? nil)
        }
        byID = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.record.id, $0) })
        self.weights = weights

        let entries = self.entries
        let byName = entries.indices.sorted { (entries[$0].record.name, entries[$0].record.id) < (entries[$1].record.name, entries[$1].record.id) }
        orderByName = byName
        var namePosition = [Int](repeating: 0, count: entries.count)
        for (position, index) in byName.enumerated() { namePosition[index] = position }
        orderByRating = entries.indices.sorted { a, b in
            switch (entries[a].rank, entries[b].rank) {
            case let (x?, y?): return x != y ? x < y : entries[a].record.id < entries[b].record.id
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return namePosition[a] < namePosition[b]
            }
        }
        orderByExperience = entries.indices.sorted { a, b in
            let x = entries[a].record.experienceYears ?? -1, y = entries[b].record.experienceYears ?? -1
            return x != y ? x > y : entries[a].record.id < entries[b].record.id
        }
        foldedNames = entries.map { TextFolding.fold($0.record.name) }
        var schoolNumbers: [String: Int32] = [:], districtNumbers: [String: Int32] = [:]
        filterKeys = entries.map { entry in
            let record = entry.record
            let school = schoolNumbers[record.schoolID] ?? {
                let number = Int32(schoolNumbers.count)
                schoolNumbers[record.schoolID] = number
                return number
            }()
            var district: Int32 = -1
            if let code = districtOfSchool[record.schoolID] {
                district = districtNumbers[code] ?? {
                    let number = Int32(districtNumbers.count)
                    districtNumbers[code] = number
                    return number
                }()
            }
            let languages = record.languages.reduce(UInt32(0)) { $0 | Self.languageBit($1) }
            return FilterKey(school: school, district: district, languages: languages)
        }
        self.schoolNumbers = schoolNumbers
        self.districtNumbers = districtNumbers

        // The three list orders again, split by school and by district, so a filtered list walks
        // only the teachers it can show.
        var bySchool: [Int32: [[Int]]] = [:], byDistrict: [Int32: [[Int]]] = [:]
        for (position, order) in [orderByRating, orderByName, orderByExperience].enumerated() {
            for index in order {
                let key = filterKeys[index]
                bySchool[key.school, default: [[], [], []]][position].append(index)
                if key.district >= 0 { byDistrict[key.district, default: [[], [], []]][position].append(index) }
            }
        }
        self.ordersBySchool = bySchool
        self.ordersByDistrict = byDistrict
    }

    /// The list orders.
    public enum Order: Int, Sendable {
        case rating, name, experience
    }

    /// Entry indexes in `order`: of one school's teachers, else of one district's, else of all.
    /// A school or district number without teachers gives an empty list.
    public func indexes(in order: Order, school: Int32?, district: Int32?) -> [Int] {
        if let school { return ordersBySchool[school]?[order.rawValue] ?? [] }
        if let district { return ordersByDistrict[district]?[order.rawValue] ?? [] }
        switch order {
        case .rating: return orderByRating
        case .name: return orderByName
        case .experience: return orderByExperience
        }
    }

    public func entry(id: String) -> Entry? {
        byID[id].map { entries[$0] }
    }

    /// Loads the city's teachers, indicators and rating weights (the default weights when the city sets none).
    public static func load(cityID: String, from store: SakuraStore, districtOfSchool: [String: String] = [:]) throws -> TeacherDirectory {
        var weights = RatingWeights.standard
        if let text = try store.setting(cityID: cityID, key: weightsSettingKey) {
            weights = try JSONDecoder().decode(RatingWeights.self, from: Data(text.utf8))
        }
        return TeacherDirectory(teachers: try store.teachers(cityID: cityID), indicators: try store.indicators(cityID: cityID), weights: weights,
                                districtOfSchool: districtOfSchool)
    }
}
