import Foundation
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

    /// The settings key under which a city stores its rating weights as JSON.
    public static let weightsSettingKey = "teacher_rating_weights"

    /// Rates every teacher with the city's weights; indicators that fail the registry's checks are left out.
    public init(teachers: [TeacherRecord], indicators: [IndicatorRecord], weights: RatingWeights) {
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
    }

    public func entry(id: String) -> Entry? {
        byID[id].map { entries[$0] }
    }

    /// Loads the city's teachers, indicators and rating weights (the default weights when the city sets none).
    public static func load(cityID: String, from store: SakuraStore) throws -> TeacherDirectory {
        var weights = RatingWeights.standard
        if let text = try store.setting(cityID: cityID, key: weightsSettingKey) {
            weights = try JSONDecoder().decode(RatingWeights.self, from: Data(text.utf8))
        }
        return TeacherDirectory(teachers: try store.teachers(cityID: cityID), indicators: try store.indicators(cityID: cityID), weights: weights)
    }
}
