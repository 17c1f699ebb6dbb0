import Foundation
import Registry
import XCTest

// Expected numbers are computed by hand from the formulas on `TeacherRatingFormula`,
// with z = 1.96 and z² = 3.8416, and checked with python3 to 1e-4.
final class TeacherRatingTests: XCTestCase {
    private let accuracy = 1e-4
    private let year = "2025-2026"

    private func share(_ kind: TeacherIndicator.Kind, _ successes: Int, of pupils: Int, year: String = "2025-2026") throws -> TeacherIndicator {
        try TeacherIndicator(kind: kind, schoolYear: year, sampleSize: pupils, successes: successes)
    }

    private func feedback(_ mean: Double, deviation: Double?, responses: Int, year: String = "2025-2026") throws -> TeacherIndicator {
        try TeacherIndicator(kind: .parentFeedback, schoolYear: year, sampleSize: responses, meanScore: mean, standardDeviation: deviation)
    }

    /// Builds the example teacher: 45 of 50 pupils at the expected level, 6 of 50 with an olympiad
    /// result, parent feedback 4.2 with s = 0.8 from 30 responses.
    private func fullTeacher(year: String = "2025-2026") throws -> [TeacherIndicator] {
        [
            try share(.expectedLevelShare, 45, of: 50, year: year),
            try share(.olympiadShare, 6, of: 50, year: year),
            try feedback(4.2, deviation: 0.8, responses: 30, year: year),
        ]
    }

    private func assertRejected(field: String, file: StaticString = #filePath, line: UInt = #line, _ make: () throws -> Any) {
        XCTAssertThrowsError(try make(), file: file, line: line) { error in
            XCTAssertEqual((error as? TeacherRatingError)?.field, field, "\(error)", file: file, line: line)
        }
    }

    // MARK: - Wilson interval

    func testWilsonFortyFiveOfFifty() throws {
        // p̂ = 0.9, 1 + z²/n = 1.076832.
        // centre = (0.9 + 3.8416/100) / 1.076832 = 0.871460
        // half-width = 1.96 · √(0.9·0.1/50 + 3.8416/10000) / 1.076832 = 1.96 · 0.046735 / 1.076832 = 0.085065
        // range = [0.786395, 0.956525]
        let estimate = TeacherRatingFormula.estimate(try share(.expectedLevelShare, 45, of: 50), weights: .standard)
        XCTAssertEqual(try XCTUnwrap(estimate.value), 0.9, accuracy: accuracy)
        XCTAssertEqual(estimate.lower, 0.786395, accuracy: accuracy)
        XCTAssertEqual(estimate.upper, 0.956525, accuracy: accuracy)
        XCTAssertEqual(estimate.sampleSize, 50)
        XCTAssertTrue(estimate.isSufficient)
    }

    func testWilsonZeroOfTwenty() throws {
        // p̂ = 0, 1 + z²/n = 1.19208.
        // centre = (3.8416/40) / 1.19208 = 0.080565
        // half-width = 1.96 · √(3.8416/1600) / 1.19208 = 0.09604 / 1.19208 = 0.080565
        // range = [0, 0.19208 / 1.19208] = [0, 0.161130]
        let estimate = TeacherRatingFormula.estimate(try share(.expectedLevelShare, 0, of: 20), weights: .standard)
        XCTAssertEqual(try XCTUnwrap(estimate.value), 0, accuracy: accuracy)
        XCTAssertEqual(estimate.lower, 0, accuracy: accuracy)
        XCTAssertEqual(estimate.upper, 0.161130, accuracy: accuracy)
    }

    func testWilsonTwentyOfTwenty() throws {
        // The mirror image of 0/20: range = [1 − 0.161130, 1] = [0.838870, 1].
        let estimate = TeacherRatingFormula.estimate(try share(.expectedLevelShare, 20, of: 20), weights: .standard)
        XCTAssertEqual(try XCTUnwrap(estimate.value), 1, accuracy: accuracy)
        XCTAssertEqual(estimate.lower, 0.838870, accuracy: accuracy)
        XCTAssertEqual(estimate.upper, 1, accuracy: accuracy)
    }

    func testWilsonEmptySample() throws {
        let estimate = TeacherRatingFormula.estimate(try share(.olympiadShare, 0, of: 0), weights: .standard)
        XCTAssertNil(estimate.value)
        XCTAssertEqual(estimate.lower, 0)
        XCTAssertEqual(estimate.upper, 1)
        XCTAssertFalse(estimate.isSufficient)
    }

    // MARK: - Parent feedback

    func testFeedbackWithDeviation() throws {
        // half-width = 1.96 · 0.8 / √30 = 1.568 / 5.477226 = 0.286276
        // range = [3.913724, 4.486276] on 1–5
        let estimate = TeacherRatingFormula.estimate(try feedback(4.2, deviation: 0.8, responses: 30), weights: .standard)
        XCTAssertEqual(try XCTUnwrap(estimate.value), 4.2, accuracy: accuracy)
        XCTAssertEqual(estimate.lower, 3.913724, accuracy: accuracy)
        XCTAssertEqual(estimate.upper, 4.486276, accuracy: accuracy)
        XCTAssertTrue(estimate.isSufficient)
    }

    func testFeedbackRescaledInScore() throws {
        // A teacher rated on feedback alone shows the 0–1 rescaling: weights 0, 0, 1 make
        // the score 100 · (4.2 − 1) / 4 = 80, range 100 · ([3.913724, 4.486276] − 1) / 4.
        let weights = try RatingWeights(expectedLevelShare: 0, olympiadShare: 0, parentFeedback: 1)
        let indicators = [try share(.expectedLevelShare, 45, of: 50), try feedback(4.2, deviation: 0.8, responses: 30)]
        let rating = TeacherRatingFormula.rate(indicators, weights: weights)
        XCTAssertEqual(try XCTUnwrap(rating.score), 80, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.lower), 72.84309, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.upper), 87.15691, accuracy: accuracy)
    }

    func testFeedbackWithoutDeviation() throws {
        // s = 2: half-width = 1.96 · 2 / √30 = 0.715691, range = [3.484309, 4.915691].
        let estimate = TeacherRatingFormula.estimate(try feedback(4.2, deviation: nil, responses: 30), weights: .standard)
        XCTAssertEqual(estimate.lower, 3.484309, accuracy: accuracy)
        XCTAssertEqual(estimate.upper, 4.915691, accuracy: accuracy)
    }

    func testFeedbackClippedToScale() throws {
        // 4.9 ± 0.715691 reaches 5.615691, so the upper end is clipped to 5.
        let estimate = TeacherRatingFormula.estimate(try feedback(4.9, deviation: nil, responses: 30), weights: .standard)
        XCTAssertEqual(estimate.lower, 4.184309, accuracy: accuracy)
        XCTAssertEqual(estimate.upper, 5)
    }

    func testFeedbackThreshold() throws {
        let nine = TeacherRatingFormula.estimate(try feedback(4, deviation: 1, responses: 9), weights: .standard)
        let ten = TeacherRatingFormula.estimate(try feedback(4, deviation: 1, responses: 10), weights: .standard)
        XCTAssertFalse(nine.isSufficient)
        XCTAssertTrue(ten.isSufficient)
    }

    func testFeedbackWithoutResponses() throws {
        let noResponses = try TeacherIndicator(kind: .parentFeedback, schoolYear: year, sampleSize: 0)
        let estimate = TeacherRatingFormula.estimate(noResponses, weights: .standard)
        XCTAssertNil(estimate.value)
        XCTAssertEqual(estimate.lower, 1)
        XCTAssertEqual(estimate.upper, 5)
        XCTAssertFalse(estimate.isSufficient)
    }

    // MARK: - Full rating

    func testFullTeacherDefaultWeights() throws {
        // Olympiad 6/50: p̂ = 0.12, Wilson range [0.056175, 0.238051].
        // Feedback on 0–1: value (4.2 − 1)/4 = 0.8, range [0.728431, 0.871569].
        // score = 100 · (0.6·0.9 + 0.15·0.12 + 0.25·0.8) = 54 + 1.8 + 20 = 75.8
        // lower = 100 · (0.6·0.786395 + 0.15·0.056175 + 0.25·0.728431) = 66.2371
        // upper = 100 · (0.6·0.956525 + 0.15·0.238051 + 0.25·0.871569) = 82.7515
        let rating = TeacherRatingFormula.rate(try fullTeacher(), weights: .standard)
        XCTAssertEqual(rating.status, .rated)
        XCTAssertEqual(rating.schoolYear, year)
        XCTAssertEqual(try XCTUnwrap(rating.score), 75.8, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.lower), 66.2371, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.upper), 82.7515, accuracy: accuracy)
        XCTAssertEqual(rating.sampleSize, 50)
        XCTAssertEqual(rating.indicators.map(\.kind), [.expectedLevelShare, .olympiadShare, .parentFeedback])
        XCTAssertEqual(try XCTUnwrap(rating.indicator(.olympiadShare)).lower, 0.056175, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.indicator(.olympiadShare)).upper, 0.238051, accuracy: accuracy)
    }

    func testNineteenPupilsNotRated() throws {
        let rating = TeacherRatingFormula.rate([try share(.expectedLevelShare, 15, of: 19)], weights: .standard)
        XCTAssertEqual(rating.status, .notEnoughData)
        XCTAssertNil(rating.score)
        XCTAssertNil(rating.lower)
        XCTAssertNil(rating.upper)
        XCTAssertEqual(rating.sampleSize, 19)
        XCTAssertEqual(rating.indicators.count, 1)
        XCTAssertFalse(try XCTUnwrap(rating.indicator(.expectedLevelShare)).isSufficient)
    }

    func testTwentyPupilsRated() throws {
        // 15/20: p̂ = 0.75, Wilson range [0.531295, 0.888140].
        let rating = TeacherRatingFormula.rate([try share(.expectedLevelShare, 15, of: 20)], weights: .standard)
        XCTAssertEqual(rating.status, .rated)
        XCTAssertEqual(try XCTUnwrap(rating.score), 75, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.lower), 53.1295, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.upper), 88.8140, accuracy: accuracy)
        XCTAssertEqual(rating.sampleSize, 20)
    }

    func testMissingMainIndicatorNotRated() throws {
        let indicators = [try share(.olympiadShare, 6, of: 50), try feedback(4.2, deviation: 0.8, responses: 30)]
        let rating = TeacherRatingFormula.rate(indicators, weights: .standard)
        XCTAssertEqual(rating.status, .notEnoughData)
        XCTAssertNil(rating.score)
        XCTAssertEqual(rating.indicators.count, 2)
    }

    func testNoIndicatorsNotRated() {
        let rating = TeacherRatingFormula.rate([], weights: .standard)
        XCTAssertEqual(rating.status, .notEnoughData)
        XCTAssertNil(rating.schoolYear)
        XCTAssertEqual(rating.sampleSize, 0)
    }

    func testInsufficientOlympiadRenormalised() throws {
        // Olympiad 3/10 is below 20 pupils, so only weights 0.6 and 0.25 remain (sum 0.85).
        // score = 100 · (0.6·0.9 + 0.25·0.8) / 0.85 = 74 / 0.85 = 87.0588
        // lower = 100 · (0.6·0.786395 + 0.25·0.728431) / 0.85 = 76.9347
        // upper = 100 · (0.6·0.956525 + 0.25·0.871569) / 0.85 = 93.1538
        let indicators = [
            try share(.expectedLevelShare, 45, of: 50),
            try share(.olympiadShare, 3, of: 10),
            try feedback(4.2, deviation: 0.8, responses: 30),
        ]
        let rating = TeacherRatingFormula.rate(indicators, weights: .standard)
        XCTAssertEqual(rating.status, .rated)
        XCTAssertEqual(try XCTUnwrap(rating.score), 87.0588, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.lower), 76.9347, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.upper), 93.1538, accuracy: accuracy)
        XCTAssertFalse(try XCTUnwrap(rating.indicator(.olympiadShare)).isSufficient)
        XCTAssertEqual(rating.sampleSize, 50)
    }

    func testMissingFeedbackRenormalised() throws {
        // No feedback, so only weights 0.6 and 0.15 remain (sum 0.75).
        // score = 100 · (0.6·0.9 + 0.15·0.12) / 0.75 = 55.8 / 0.75 = 74.4
        // lower = 100 · (0.6·0.786395 + 0.15·0.056175) / 0.75 = 64.0351
        // upper = 100 · (0.6·0.956525 + 0.15·0.238051) / 0.75 = 81.2830
        let indicators = [try share(.expectedLevelShare, 45, of: 50), try share(.olympiadShare, 6, of: 50)]
        let rating = TeacherRatingFormula.rate(indicators, weights: .standard)
        XCTAssertEqual(try XCTUnwrap(rating.score), 74.4, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.lower), 64.0351, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.upper), 81.2830, accuracy: accuracy)
        XCTAssertNil(rating.indicator(.parentFeedback))
    }

    func testScoreInsideRange() throws {
        let rating = TeacherRatingFormula.rate(try fullTeacher(), weights: .standard)
        let score = try XCTUnwrap(rating.score)
        XCTAssertLessThanOrEqual(try XCTUnwrap(rating.lower), score)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(rating.upper), score)
    }

    // MARK: - City weights

    func testCustomWeightsNormalised() throws {
        let weights = try RatingWeights(expectedLevelShare: 2, olympiadShare: 1, parentFeedback: 1)
        XCTAssertEqual(weights.expectedLevelShare, 0.5, accuracy: 1e-12)
        XCTAssertEqual(weights.olympiadShare, 0.25, accuracy: 1e-12)
        XCTAssertEqual(weights.parentFeedback, 0.25, accuracy: 1e-12)
    }

    func testCustomWeightsScore() throws {
        // Weights 2, 1, 1 → 0.5, 0.25, 0.25.
        // score = 100 · (0.5·0.9 + 0.25·0.12 + 0.25·0.8) = 45 + 3 + 20 = 68
        // lower = 100 · (0.5·0.786395 + 0.25·0.056175 + 0.25·0.728431) = 58.9349
        // upper = 100 · (0.5·0.956525 + 0.25·0.238051 + 0.25·0.871569) = 75.5667
        let weights = try RatingWeights(expectedLevelShare: 2, olympiadShare: 1, parentFeedback: 1)
        let rating = TeacherRatingFormula.rate(try fullTeacher(), weights: weights)
        XCTAssertEqual(try XCTUnwrap(rating.score), 68, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.lower), 58.9349, accuracy: accuracy)
        XCTAssertEqual(try XCTUnwrap(rating.upper), 75.5667, accuracy: accuracy)
    }

    func testCustomMinimumPupils() throws {
        let weights = try RatingWeights(minimumPupils: 60)
        let rating = TeacherRatingFormula.rate(try fullTeacher(), weights: weights)
        XCTAssertEqual(rating.status, .notEnoughData)
    }

    func testCustomCriticalValue() throws {
        // z = 1.645 (90 %) for feedback 4.2, s = 0.8, n = 30:
        // half-width = 1.645 · 0.8 / 5.477226 = 0.240268, range [3.959732, 4.440268].
        let weights = try RatingWeights(criticalValue: 1.645)
        let estimate = TeacherRatingFormula.estimate(try feedback(4.2, deviation: 0.8, responses: 30), weights: weights)
        XCTAssertEqual(estimate.lower, 3.959732, accuracy: accuracy)
        XCTAssertEqual(estimate.upper, 4.440268, accuracy: accuracy)
    }

    func testZeroWeightOnlySufficient() throws {
        // Only the main indicator is sufficient, and the city gives it weight 0.
        let weights = try RatingWeights(expectedLevelShare: 0, olympiadShare: 1, parentFeedback: 1)
        let rating = TeacherRatingFormula.rate([try share(.expectedLevelShare, 45, of: 50)], weights: weights)
        XCTAssertEqual(rating.status, .notEnoughData)
        XCTAssertNil(rating.score)
    }

    func testWeightsDecodeWithDefaults() throws {
        let json = Data(#"{"olympiadShare": 0, "minimumPupils": 25}"#.utf8)
        let weights = try JSONDecoder().decode(RatingWeights.self, from: json)
        // 0.6 and 0.25 remain, normalised by their sum 0.85.
        XCTAssertEqual(weights.expectedLevelShare, 0.6 / 0.85, accuracy: 1e-12)
        XCTAssertEqual(weights.olympiadShare, 0)
        XCTAssertEqual(weights.minimumPupils, 25)
        XCTAssertEqual(weights.minimumResponses, 10)
        XCTAssertEqual(weights.criticalValue, 1.96)
    }

    func testWeightsRoundTrip() throws {
        let weights = try RatingWeights(expectedLevelShare: 3, olympiadShare: 1, parentFeedback: 1, minimumResponses: 15)
        let decoded = try JSONDecoder().decode(RatingWeights.self, from: JSONEncoder().encode(weights))
        XCTAssertEqual(decoded, weights)
    }

    func testWeightsDecodeRejectsZeros() {
        let json = Data(#"{"expectedLevelShare": 0, "olympiadShare": 0, "parentFeedback": 0}"#.utf8)
        assertRejected(field: "weights") { try JSONDecoder().decode(RatingWeights.self, from: json) }
    }

    // MARK: - Invalid input

    func testSuccessesAboveSample() {
        assertRejected(field: "successes") { try self.share(.expectedLevelShare, 51, of: 50) }
    }

    func testNegativeSuccesses() {
        assertRejected(field: "successes") { try self.share(.olympiadShare, -1, of: 50) }
    }

    func testNegativeSample() {
        assertRejected(field: "sampleSize") { try self.share(.expectedLevelShare, 0, of: -1) }
    }

    func testFeedbackSixRejected() {
        assertRejected(field: "meanScore") { try self.feedback(6, deviation: nil, responses: 30) }
    }

    func testFeedbackBelowOneRejected() {
        assertRejected(field: "meanScore") { try self.feedback(0.5, deviation: nil, responses: 30) }
    }

    func testFeedbackNaNRejected() {
        assertRejected(field: "meanScore") { try self.feedback(.nan, deviation: nil, responses: 30) }
    }

    func testMeanWithoutResponsesRejected() {
        assertRejected(field: "meanScore") { try self.feedback(4, deviation: nil, responses: 0) }
    }

    func testNegativeDeviationRejected() {
        assertRejected(field: "standardDeviation") { try self.feedback(4, deviation: -0.1, responses: 30) }
    }

    func testFieldsPerKind() {
        assertRejected(field: "successes") {
            try TeacherIndicator(kind: .expectedLevelShare, schoolYear: "2025-2026", sampleSize: 30)
        }
        assertRejected(field: "meanScore") {
            try TeacherIndicator(kind: .olympiadShare, schoolYear: "2025-2026", sampleSize: 30, successes: 3, meanScore: 4)
        }
        assertRejected(field: "successes") {
            try TeacherIndicator(kind: .parentFeedback, schoolYear: "2025-2026", sampleSize: 30, successes: 3, meanScore: 4)
        }
        assertRejected(field: "meanScore") {
            try TeacherIndicator(kind: .parentFeedback, schoolYear: "2025-2026", sampleSize: 30)
        }
    }

    func testSchoolYearFormat() {
        for schoolYear in ["2025", "2025-2027", "2025/2026", "", "２０２５-２０２６"] {
            assertRejected(field: "schoolYear") {
                try TeacherIndicator(kind: .expectedLevelShare, schoolYear: schoolYear, sampleSize: 30, successes: 3)
            }
        }
    }

    func testWeightsAllZero() {
        assertRejected(field: "weights") { try RatingWeights(expectedLevelShare: 0, olympiadShare: 0, parentFeedback: 0) }
    }

    func testNegativeWeight() {
        assertRejected(field: "olympiadShare") { try RatingWeights(olympiadShare: -0.1) }
    }

    func testInvalidMinimumsAndCriticalValue() {
        assertRejected(field: "minimumPupils") { try RatingWeights(minimumPupils: 0) }
        assertRejected(field: "minimumResponses") { try RatingWeights(minimumResponses: 0) }
        assertRejected(field: "criticalValue") { try RatingWeights(criticalValue: 0) }
    }

    func testErrorMessageNamesFix() throws {
        do {
            _ = try share(.expectedLevelShare, 55, of: 50)
            XCTFail("55 of 50 pupils was accepted")
        } catch let error as TeacherRatingError {
            XCTAssertEqual(error.field, "successes")
            XCTAssertTrue(error.description.hasPrefix("Invalid successes: 55 is greater than sampleSize 50."), error.description)
            XCTAssertTrue(error.message.contains("from 0 to sampleSize"), error.message)
        }
    }

    // MARK: - School year

    func testLatestYearByDefault() throws {
        let older = [try share(.expectedLevelShare, 10, of: 50, year: "2024-2025")]
        let rating = TeacherRatingFormula.rate(older + (try fullTeacher()), weights: .standard)
        XCTAssertEqual(rating.schoolYear, "2025-2026")
        XCTAssertEqual(try XCTUnwrap(rating.score), 75.8, accuracy: accuracy)
    }

    func testRequestedYear() throws {
        // 2024-2025 has only the expected-level share 10/50 = 0.2, so the score is 20.
        let older = [try share(.expectedLevelShare, 10, of: 50, year: "2024-2025")]
        let rating = TeacherRatingFormula.rate(older + (try fullTeacher()), weights: .standard, schoolYear: "2024-2025")
        XCTAssertEqual(rating.schoolYear, "2024-2025")
        XCTAssertEqual(try XCTUnwrap(rating.score), 20, accuracy: accuracy)
        XCTAssertEqual(rating.indicators.count, 1)
    }

    func testOtherYearNotMixedIn() throws {
        // The latest year lacks the main indicator. The older year's share must not fill the gap.
        let indicators = [
            try share(.expectedLevelShare, 45, of: 50, year: "2024-2025"),
            try feedback(4.2, deviation: 0.8, responses: 30, year: "2025-2026"),
        ]
        let rating = TeacherRatingFormula.rate(indicators, weights: .standard)
        XCTAssertEqual(rating.schoolYear, "2025-2026")
        XCTAssertEqual(rating.status, .notEnoughData)
    }

    func testRequestedYearAbsent() throws {
        let rating = TeacherRatingFormula.rate(try fullTeacher(), weights: .standard, schoolYear: "2023-2024")
        XCTAssertEqual(rating.status, .notEnoughData)
        XCTAssertTrue(rating.indicators.isEmpty)
    }

    // MARK: - Pooling

    func testSharesPooled() throws {
        // 20/25 and 25/25 pool to 45/50, so the rating equals that of one class with 45/50.
        let twoClasses = [try share(.expectedLevelShare, 20, of: 25), try share(.expectedLevelShare, 25, of: 25)]
        let pooled = TeacherRatingFormula.rate(twoClasses, weights: .standard)
        let single = TeacherRatingFormula.rate([try share(.expectedLevelShare, 45, of: 50)], weights: .standard)
        XCTAssertEqual(pooled, single)
    }

    func testFeedbackPooled() throws {
        // Parts (mean 4, s 1, n 10) and (mean 5, s 0, n 10): mean 4.5.
        // Sum of squares = 9·1² + 9·0² + 10·0.5² + 10·0.5² = 14, s = √(14/19) = 0.858395.
        // half-width = 1.96 · 0.858395 / √20 = 0.376208, range [4.123792, 4.876208].
        let parts = [
            try share(.expectedLevelShare, 45, of: 50),
            try feedback(4, deviation: 1, responses: 10),
            try feedback(5, deviation: 0, responses: 10),
        ]
        let estimate = try XCTUnwrap(TeacherRatingFormula.rate(parts, weights: .standard).indicator(.parentFeedback))
        XCTAssertEqual(try XCTUnwrap(estimate.value), 4.5, accuracy: accuracy)
        XCTAssertEqual(estimate.sampleSize, 20)
        XCTAssertEqual(estimate.lower, 4.123792, accuracy: accuracy)
        XCTAssertEqual(estimate.upper, 4.876208, accuracy: accuracy)
    }

    // MARK: - Ranking

    func testRankingTiesAndUnrated() throws {
        let high = TeacherRatingFormula.rate([try share(.expectedLevelShare, 45, of: 50)], weights: .standard)
        let middle = TeacherRatingFormula.rate([try share(.expectedLevelShare, 40, of: 50)], weights: .standard)
        let low = TeacherRatingFormula.rate([try share(.expectedLevelShare, 30, of: 50)], weights: .standard)
        let unrated = TeacherRatingFormula.rate([try share(.expectedLevelShare, 15, of: 19)], weights: .standard)

        let ranking = TeacherRatingFormula.ranked([
            (id: "t-unrated-b", rating: unrated),
            (id: "t-low", rating: low),
            (id: "t-middle-b", rating: middle),
            (id: "t-unrated-a", rating: unrated),
            (id: "t-high", rating: high),
            (id: "t-middle-a", rating: middle),
        ])

        XCTAssertEqual(ranking.map(\.id), ["t-high", "t-middle-a", "t-middle-b", "t-low", "t-unrated-a", "t-unrated-b"])
        XCTAssertEqual(ranking.map(\.rank), [1, 2, 2, 4, nil, nil])
    }

    func testRankingEmpty() {
        XCTAssertTrue(TeacherRatingFormula.ranked([]).isEmpty)
    }

    func testRankingAllTied() throws {
        let rating = TeacherRatingFormula.rate([try share(.expectedLevelShare, 45, of: 50)], weights: .standard)
        let ranking = TeacherRatingFormula.ranked([(id: "b", rating: rating), (id: "a", rating: rating)])
        XCTAssertEqual(ranking.map(\.id), ["a", "b"])
        XCTAssertEqual(ranking.map(\.rank), [1, 1])
    }

    // MARK: - Concurrency

    func testConcurrentRatingsAgree() async throws {
        let indicators = try fullTeacher()
        let expected = TeacherRatingFormula.rate(indicators, weights: .standard)
        let results = await withTaskGroup(of: TeacherRating.self) { group in
            for _ in 0..<64 {
                group.addTask { TeacherRatingFormula.rate(indicators, weights: .standard) }
            }
            var collected: [TeacherRating] = []
            for await rating in group {
                collected.append(rating)
            }
            return collected
        }
        XCTAssertEqual(results.count, 64)
        XCTAssertTrue(results.allSatisfy { $0 == expected })
    }
}
