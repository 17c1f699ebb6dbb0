import Foundation

/// The teacher rating shown to parents: a score from 0 to 100 with an uncertainty range,
/// computed from three indicators of one school year.
///
/// **School year.** The rating uses the requested school year, or else the latest year
/// among the indicators. Indicators of other years are ignored. When the year has several
/// indicators of one kind (for example two classes), they are pooled into one sample.
/// Successes and pupils are added up. Feedback takes the mean weighted by responses and
/// the standard deviation of all responses together, which is unknown if any part lacks one.
///
/// **Shares** (expected level, olympiad). With n pupils and k successes, the value is
/// p̂ = k / n. The uncertainty range is the Wilson score interval at z (1.96 gives 95 %):
///
///     centre     = (p̂ + z² / 2n) / (1 + z² / n)
///     half-width = z · √( p̂(1 − p̂) / n + z² / 4n² ) / (1 + z² / n)
///     range      = centre ± half-width
///
/// With n = 0 there is no value, the range is [0, 1] and the indicator is insufficient.
///
/// **Parent feedback.** With n responses of mean m on the 1–5 scale, the range is
/// m ± z · s / √n, clipped to [1, 5], where s is the given standard deviation. When s is
/// unknown the rating takes s = 2, the conservative choice: no set of responses on a 1–5 scale
/// has a population standard deviation above 2 (half 1, half 5). For the score,
/// the value and the range are rescaled to 0–1 as (x − 1) / 4.
///
/// **Sufficient data.** An indicator is sufficient when its sample reaches the city's
/// minimum: `minimumPupils` for a share (default 20) and `minimumResponses` for feedback
/// (default 10). The teacher gets the status "not enough data" and no score unless the
/// expected-level share, the main indicator, is sufficient. An insufficient olympiad share or
/// feedback is left out, and the weights of the indicators used are renormalised, so their
/// weight goes to the others in proportion.
///
/// **Score.** Over the sufficient indicators i, with weights wᵢ (default 0.6 expected level,
/// 0.15 olympiad, 0.25 feedback) and values, lower and upper ends on the 0–1 scale:
///
///     score = 100 · Σ wᵢ · valueᵢ / Σ wᵢ
///     lower = 100 · Σ wᵢ · lowerᵢ / Σ wᵢ
///     upper = 100 · Σ wᵢ · upperᵢ / Σ wᵢ
///
/// This range is conservative. It treats the indicators as perfectly correlated, so that
/// all of them sit at their lower (or upper) end together. It is therefore at least as wide
/// as a range that assumed independent indicators. If every sufficient indicator has
/// weight 0, the teacher also gets "not enough data".
public enum TeacherRatingFormula {
    /// Rates one teacher from the indicators of one school year.
    ///
    /// - Parameter schoolYear: the year to rate, such as "2025-2026". When nil, the latest year
    ///   among `indicators` is used. A year without indicators gives "not enough data".
    public static func rate(_ indicators: [TeacherIndicator], weights: RatingWeights, schoolYear: String? = nil) -> TeacherRating {
        // The validated "YYYY-YYYY" form makes string order equal to calendar order.
        guard let year = schoolYear ?? indicators.map(\.schoolYear).max() else {
            return TeacherRating(status: .notEnoughData, schoolYear: nil, score: nil, lower: nil, upper: nil, indicators: [], sampleSize: 0)
        }

        let ofYear = indicators.filter { $0.schoolYear == year }
        var estimates: [IndicatorEstimate] = []
        for kind in TeacherIndicator.Kind.allCases {
            let ofKind = ofYear.filter { $0.kind == kind }
            if let indicator = pooled(ofKind) {
                estimates.append(estimate(indicator, weights: weights))
            }
        }

        let shareSampleSize = estimates.filter(\.kind.isShare).map(\.sampleSize).max() ?? 0
        let notRated = TeacherRating(
            status: .notEnoughData,
            schoolYear: year,
            score: nil,
            lower: nil,
            upper: nil,
            indicators: estimates,
            sampleSize: shareSampleSize
        )
        guard estimates.contains(where: { $0.kind == .expectedLevelShare && $0.isSufficient }) else {
            return notRated
        }

        var weightTotal = 0.0
        var scoreSum = 0.0
        var lowerSum = 0.0
        var upperSum = 0.0
        for estimate in estimates where estimate.isSufficient {
            guard let value = estimate.value else { continue }
            let weight = weights.weight(of: estimate.kind)
            weightTotal += weight
            scoreSum += weight * unitScale(value, kind: estimate.kind)
            lowerSum += weight * unitScale(estimate.lower, kind: estimate.kind)
            upperSum += weight * unitScale(estimate.upper, kind: estimate.kind)
        }
        guard weightTotal > 0 else {
            return notRated
        }

        return TeacherRating(
            status: .rated,
            schoolYear: year,
            score: 100 * scoreSum / weightTotal,
            lower: 100 * lowerSum / weightTotal,
            upper: 100 * upperSum / weightTotal,
            indicators: estimates,
            sampleSize: shareSampleSize
        )
    }

    /// Ranks teachers by score, highest first.
    ///
    /// Equal scores share a rank and the next rank skips ("1, 2, 2, 4"). Teachers with equal
    /// scores are ordered by id. Teachers without a score get no rank and follow the ranked
    /// ones, ordered by id.
    ///
    /// NOTE: ranks ignore the uncertainty ranges. Two teachers whose ranges overlap get
    /// different ranks although the data cannot tell them apart, so show ranks with the ranges.
    public static func ranked(_ ratings: [(id: String, rating: TeacherRating)]) -> [(id: String, rank: Int?)] {
        var scored: [(id: String, score: Double)] = []
        var unscored: [String] = []
        for (id, rating) in ratings {
            if rating.status == .rated, let score = rating.score {
                scored.append((id, score))
            } else {
                unscored.append(id)
            }
        }

        scored.sort { first, second in
            first.score != second.score ? first.score > second.score : first.id < second.id
        }

        var result: [(id: String, rank: Int?)] = []
        for (position, entry) in scored.enumerated() {
            let sharesRankWithPrevious = position > 0 && scored[position - 1].score == entry.score
            let rank = sharesRankWithPrevious ? result[position - 1].rank : position + 1
            result.append((entry.id, rank))
        }
        for id in unscored.sorted() {
            result.append((id, nil))
        }
        return result
    }
}
