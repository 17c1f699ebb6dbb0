import Foundation

extension TeacherRatingFormula {
    /// Standard deviation assumed for parent feedback when none is given. Responses on a 1–5 scale
    /// have a population standard deviation of at most 2, reached when half are 1 and half are 5.
    static let conservativeFeedbackDeviation = 2.0

    /// Computes the value and uncertainty range of one indicator, as described on `TeacherRatingFormula`.
    public static func estimate(_ indicator: TeacherIndicator, weights: RatingWeights) -> IndicatorEstimate {
        let z = weights.criticalValue
        let n = indicator.sampleSize
        let isSufficient = n >= weights.minimumSample(of: indicator.kind)

        if indicator.kind.isShare {
            // The initializer guarantees successes for the share kinds.
            let successes = indicator.successes ?? 0
            let interval = wilsonInterval(successes: successes, sampleSize: n, z: z)
            let value = n > 0 ? Double(successes) / Double(n) : nil
            return IndicatorEstimate(kind: indicator.kind, value: value, lower: interval.lower, upper: interval.upper, sampleSize: n, isSufficient: isSufficient)
        }

        guard n > 0, let mean = indicator.meanScore else {
            return IndicatorEstimate(kind: indicator.kind, value: nil, lower: 1, upper: 5, sampleSize: n, isSufficient: isSufficient)
        }
        let deviation = indicator.standardDeviation ?? conservativeFeedbackDeviation
        let halfWidth = z * deviation / Double(n).squareRoot()
        return IndicatorEstimate(
            kind: indicator.kind,
            value: mean,
            lower: max(1, mean - halfWidth),
            upper: min(5, mean + halfWidth),
            sampleSize: n,
            isSufficient: isSufficient
        )
    }

    /// Wilson score interval of `successes` out of `sampleSize` at `z`, clamped to [0, 1]
    /// against rounding. Returns [0, 1] for an empty sample.
    static func wilsonInterval(successes: Int, sampleSize: Int, z: Double) -> (lower: Double, upper: Double) {
        guard sampleSize > 0 else { return (0, 1) }

        let n = Double(sampleSize)
        let proportion = Double(successes) / n
        let zSquared = z * z
        let denominator = 1 + zSquared / n
        let centre = (proportion + zSquared / (2 * n)) / denominator
        let halfWidth = z * (proportion * (1 - proportion) / n + zSquared / (4 * n * n)).squareRoot() / denominator
        return (max(0, centre - halfWidth), min(1, centre + halfWidth))
    }

    /// Rescales a value of the indicator's own scale to 0–1: shares unchanged, feedback as (x − 1) / 4.
    static func unitScale(_ value: Double, kind: TeacherIndicator.Kind) -> Double {
        kind.isShare ? value : (value - 1) / 4
    }

    /// Merges indicators of one kind and year into one sample, or returns nil for none.
    ///
    /// Shares add successes and pupils. Feedback takes the mean weighted by responses. Its
    /// standard deviation is the sample standard deviation of all responses together,
    /// √((Σ (nᵢ − 1)·sᵢ² + Σ nᵢ·(mᵢ − m)²) / (N − 1)), and stays unknown when any part
    /// lacks one. Parts with no responses add nothing.
    static func pooled(_ indicators: [TeacherIndicator]) -> TeacherIndicator? {
        guard let first = indicators.first else { return nil }
        guard indicators.count > 1 else { return first }

        let sampleSize = indicators.map(\.sampleSize).reduce(0, +)
        // Built from validated parts, so the sums stay valid and the initializer cannot throw.
        if first.kind.isShare {
            let successes = indicators.compactMap(\.successes).reduce(0, +)
            return try? TeacherIndicator(kind: first.kind, schoolYear: first.schoolYear, sampleSize: sampleSize, successes: successes)
        }

        let answered = indicators.filter { $0.sampleSize > 0 }
        guard answered.count > 1 else {
            return answered.first ?? first
        }
        let total = Double(sampleSize)
        let mean = answered.reduce(0.0) { sum, part in sum + Double(part.sampleSize) * (part.meanScore ?? 0) } / total

        var deviation: Double?
        let deviations = answered.compactMap(\.standardDeviation)
        if deviations.count == answered.count {
            var sumOfSquares = 0.0
            for part in answered {
                let partSize = Double(part.sampleSize)
                let partDeviation = part.standardDeviation ?? 0
                let partMean = part.meanScore ?? mean
                sumOfSquares += (partSize - 1) * partDeviation * partDeviation
                sumOfSquares += partSize * (partMean - mean) * (partMean - mean)
            }
            deviation = (sumOfSquares / (total - 1)).squareRoot()
        }
        // Rounding can put a weighted mean of values in [1, 5] slightly outside that range.
        let clampedMean = min(5, max(1, mean))
        return try? TeacherIndicator(
            kind: .parentFeedback,
            schoolYear: first.schoolYear,
            sampleSize: sampleSize,
            meanScore: clampedMean,
            standardDeviation: deviation
        )
    }
}
