import Foundation

/// A city's configuration of the teacher rating: indicator weights, minimum samples and
/// the width of the uncertainty ranges.
///
/// The weights are relative. The initializer divides them by their total, so the stored
/// weights sum to 1, and 3, 1, 1 gives the same configuration as 0.6, 0.2, 0.2.
/// In JSON every key is optional and a missing key takes the default:
/// `{"expectedLevelShare": 0.6, "olympiadShare": 0.15, "parentFeedback": 0.25,
///   "minimumPupils": 20, "minimumResponses": 10, "criticalValue": 1.96}`.
public struct RatingWeights: Sendable, Equatable, Codable {
    /// Weight of the share of pupils at or above the expected level.
    public let expectedLevelShare: Double
    /// Weight of the share of pupils with an olympiad or competition result.
    public let olympiadShare: Double
    /// Weight of the mean parent feedback.
    public let parentFeedback: Double
    /// Minimum pupils for a share indicator to count as sufficient.
    public let minimumPupils: Int
    /// Minimum parent responses for the feedback indicator to count as sufficient.
    public let minimumResponses: Int
    /// z, the two-sided standard normal quantile of the confidence level:
    /// 1.96 gives 95 % ranges, 1.645 gives 90 %.
    public let criticalValue: Double

    /// The defaults: weights 0.6, 0.15 and 0.25, at least 20 pupils and 10 responses, 95 % ranges.
    public static let standard = RatingWeights(
        validatedExpectedLevelShare: 0.6,
        olympiadShare: 0.15,
        parentFeedback: 0.25,
        minimumPupils: 20,
        minimumResponses: 10,
        criticalValue: 1.96
    )

    /// Creates a configuration after validating it and normalising the weights to sum to 1.
    ///
    /// - Throws: `TeacherRatingError` naming the first invalid field when a weight is negative
    ///   or not finite, all weights are 0, a minimum is below 1, or `criticalValue` is not
    ///   a finite positive number.
    public init(
        expectedLevelShare: Double = 0.6,
        olympiadShare: Double = 0.15,
        parentFeedback: Double = 0.25,
        minimumPupils: Int = 20,
        minimumResponses: Int = 10,
        criticalValue: Double = 1.96
    ) throws {
        let weights = [
            ("expectedLevelShare", expectedLevelShare),
            ("olympiadShare", olympiadShare),
            ("parentFeedback", parentFeedback),
        ]
        for (field, weight) in weights {
            guard weight.isFinite, weight >= 0 else {
                throw TeacherRatingError(field: field, message: "\(weight) is negative or not finite. Set the weight to 0 or a positive number.")
            }
        }
        let total = expectedLevelShare + olympiadShare + parentFeedback
        guard total > 0 else {
            throw TeacherRatingError(
                field: "weights",
                message: "expectedLevelShare, olympiadShare and parentFeedback are all 0. Give at least one of them a positive weight."
            )
        }

        // A minimum of 0 would let an indicator without any pupils or responses into the score.
        guard minimumPupils >= 1 else {
            throw TeacherRatingError(field: "minimumPupils", message: "\(minimumPupils) is below 1. Set minimumPupils to 1 or more.")
        }
        guard minimumResponses >= 1 else {
            throw TeacherRatingError(field: "minimumResponses", message: "\(minimumResponses) is below 1. Set minimumResponses to 1 or more.")
        }
        guard criticalValue.isFinite, criticalValue > 0 else {
            throw TeacherRatingError(
                field: "criticalValue",
                message: "\(criticalValue) is not a finite positive number. Set criticalValue to the z of the confidence level, for example 1.96 for 95 %."
            )
        }

        self.init(
            validatedExpectedLevelShare: expectedLevelShare / total,
            olympiadShare: olympiadShare / total,
            parentFeedback: parentFeedback / total,
            minimumPupils: minimumPupils,
            minimumResponses: minimumResponses,
            criticalValue: criticalValue
        )
    }

    private init(
        validatedExpectedLevelShare expectedLevelShare: Double,
        olympiadShare: Double,
        parentFeedback: Double,
        minimumPupils: Int,
        minimumResponses: Int,
        criticalValue: Double
    ) {
        self.expectedLevelShare = expectedLevelShare
        self.olympiadShare = olympiadShare
        self.parentFeedback = parentFeedback
        self.minimumPupils = minimumPupils
        self.minimumResponses = minimumResponses
        self.criticalValue = criticalValue
    }

    /// Weight of one indicator kind.
    public func weight(of kind: TeacherIndicator.Kind) -> Double {
        switch kind {
        case .expectedLevelShare: expectedLevelShare
        case .olympiadShare: olympiadShare
        case .parentFeedback: parentFeedback
        }
    }

    /// Minimum sample for one indicator kind to count as sufficient: pupils for a share, responses for feedback.
    public func minimumSample(of kind: TeacherIndicator.Kind) -> Int {
        kind.isShare ? minimumPupils : minimumResponses
    }

    private enum CodingKeys: String, CodingKey {
        case expectedLevelShare, olympiadShare, parentFeedback, minimumPupils, minimumResponses, criticalValue
    }

    /// Decodes a configuration, taking the default for each missing key.
    ///
    /// - Throws: `DecodingError` for a value of the wrong type, and `TeacherRatingError`
    ///   for a value that the throwing initializer rejects.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RatingWeights.standard
        try self.init(
            expectedLevelShare: container.decodeIfPresent(Double.self, forKey: .expectedLevelShare) ?? defaults.expectedLevelShare,
            olympiadShare: container.decodeIfPresent(Double.self, forKey: .olympiadShare) ?? defaults.olympiadShare,
            parentFeedback: container.decodeIfPresent(Double.self, forKey: .parentFeedback) ?? defaults.parentFeedback,
            minimumPupils: container.decodeIfPresent(Int.self, forKey: .minimumPupils) ?? defaults.minimumPupils,
            minimumResponses: container.decodeIfPresent(Int.self, forKey: .minimumResponses) ?? defaults.minimumResponses,
            criticalValue: container.decodeIfPresent(Double.self, forKey: .criticalValue) ?? defaults.criticalValue
        )
    }
}
