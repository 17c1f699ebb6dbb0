import Foundation

/// Invalid input to the teacher rating: the field that failed and how to fix it.
public struct TeacherRatingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Name of the invalid field, as spelled in the Swift API and in the JSON keys of `RatingWeights`.
    public let field: String
    /// Full sentence that states the invalid value and the valid range.
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "Invalid \(field): \(message)" }
}

/// One quality indicator of a teacher for a school year, with the sample it rests on.
///
/// The initializer validates every field, and the properties are constants, so each
/// indicator that exists satisfies the rules listed on `init`.
public struct TeacherIndicator: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Share of pupils at or above the expected level for their grade.
        case expectedLevelShare = "expected_level_share"
        /// Share of pupils with an olympiad or competition result.
        case olympiadShare = "olympiad_share"
        /// Mean parent feedback score on a 1–5 scale.
        case parentFeedback = "parent_feedback"

        /// Whether the indicator counts pupils (a share) rather than averaging parent responses.
        public var isShare: Bool { self != .parentFeedback }
    }

    public let kind: Kind
    /// School year in the form "2025-2026".
    public let schoolYear: String
    /// For the two share kinds: pupils at or above the expected level, or pupils with an
    /// olympiad or competition result, out of `sampleSize` pupils. Nil for parent feedback.
    public let successes: Int?
    /// For parent feedback: mean score on a 1–5 scale of `sampleSize` responses.
    /// Nil for the share kinds and when there are no responses.
    public let meanScore: Double?
    /// For parent feedback: sample standard deviation of the responses, when known.
    public let standardDeviation: Double?
    /// Pupils behind a share, or parent responses behind the feedback mean.
    public let sampleSize: Int

    /// Creates an indicator after validating it.
    ///
    /// - `schoolYear` has the form "2025-2026", where the second year follows the first.
    /// - `sampleSize` is at least 0.
    /// - The share kinds need `successes` between 0 and `sampleSize`, and no `meanScore`
    ///   or `standardDeviation`.
    /// - Parent feedback needs no `successes`. With at least one response it needs a finite
    ///   `meanScore` from 1 to 5. With no responses it takes no `meanScore` and no
    ///   `standardDeviation`, because there is nothing to average.
    /// - `standardDeviation`, when given, is finite and at least 0.
    ///
    /// - Throws: `TeacherRatingError` naming the first invalid field.
    public init(
        kind: Kind,
        schoolYear: String,
        sampleSize: Int,
        successes: Int? = nil,
        meanScore: Double? = nil,
        standardDeviation: Double? = nil
    ) throws {
        try Self.validateSchoolYear(schoolYear)
        guard sampleSize >= 0 else {
            throw TeacherRatingError(
                field: "sampleSize",
                message: "\(sampleSize) is negative. Set sampleSize to the number of pupils or responses, 0 or more."
            )
        }
        if kind.isShare {
            try Self.validateShare(kind: kind, sampleSize: sampleSize, successes: successes, meanScore: meanScore, standardDeviation: standardDeviation)
        } else {
            try Self.validateFeedback(sampleSize: sampleSize, successes: successes, meanScore: meanScore, standardDeviation: standardDeviation)
        }

        self.kind = kind
        self.schoolYear = schoolYear
        self.successes = successes
        self.meanScore = meanScore
        self.standardDeviation = standardDeviation
        self.sampleSize = sampleSize
    }

    /// Checks the "2025-2026" form. The rating picks the latest year by comparing these
    /// strings, which matches the calendar order only in this fixed form.
    static func validateSchoolYear(_ schoolYear: String) throws {
        let parts = schoolYear.split(separator: "-", omittingEmptySubsequences: false)
        let isFourDigits = { (part: Substring) in part.count == 4 && part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count == 2,
              isFourDigits(parts[0]),
              isFourDigits(parts[1]),
              let start = Int(parts[0]),
              let end = Int(parts[1]),
              end == start + 1
        else {
            throw TeacherRatingError(
                field: "schoolYear",
                message: "\"\(schoolYear)\" is not a school year. Write it as two consecutive years, for example \"2025-2026\"."
            )
        }
    }

    private static func validateShare(kind: Kind, sampleSize: Int, successes: Int?, meanScore: Double?, standardDeviation: Double?) throws {
        guard let successes else {
            throw TeacherRatingError(
                field: "successes",
                message: "missing for \(kind.rawValue). Set successes to the number of pupils counted in the share, from 0 to sampleSize."
            )
        }
        guard successes >= 0, successes <= sampleSize else {
            let problem = successes < 0 ? "is negative" : "is greater than sampleSize \(sampleSize)"
            throw TeacherRatingError(
                field: "successes",
                message: "\(successes) \(problem). Set successes to a count of pupils from 0 to sampleSize."
            )
        }
        guard meanScore == nil else {
            throw TeacherRatingError(
                field: "meanScore",
                message: "given for \(kind.rawValue), which is a share of pupils. Remove meanScore, or use the parent_feedback kind."
            )
        }
        guard standardDeviation == nil else {
            throw TeacherRatingError(
                field: "standardDeviation",
                message: "given for \(kind.rawValue), which is a share of pupils. Remove standardDeviation, or use the parent_feedback kind."
            )
        }
    }

    private static func validateFeedback(sampleSize: Int, successes: Int?, meanScore: Double?, standardDeviation: Double?) throws {
        guard successes == nil else {
            throw TeacherRatingError(
                field: "successes",
                message: "given for parent_feedback, which is a mean score. Remove successes and set meanScore."
            )
        }
        if sampleSize == 0 {
            guard meanScore == nil else {
                throw TeacherRatingError(
                    field: "meanScore",
                    message: "given with sampleSize 0, but no responses have a mean. Remove meanScore or set sampleSize to the number of responses."
                )
            }
            guard standardDeviation == nil else {
                throw TeacherRatingError(
                    field: "standardDeviation",
                    message: "given with sampleSize 0, but no responses have a spread. Remove standardDeviation or set sampleSize to the number of responses."
                )
            }
            return
        }
        guard let meanScore else {
            throw TeacherRatingError(
                field: "meanScore",
                message: "missing for parent_feedback with \(sampleSize) responses. Set meanScore to the mean response on the 1–5 scale."
            )
        }
        guard meanScore.isFinite, meanScore >= 1, meanScore <= 5 else {
            throw TeacherRatingError(
                field: "meanScore",
                message: "\(meanScore) is outside the 1–5 scale. Set meanScore to the mean response, from 1 to 5."
            )
        }
        if let standardDeviation {
            guard standardDeviation.isFinite, standardDeviation >= 0 else {
                throw TeacherRatingError(
                    field: "standardDeviation",
                    message: "\(standardDeviation) is negative or not finite. Set standardDeviation to the sample standard deviation of the responses, or leave it nil when unknown."
                )
            }
        }
    }
}
