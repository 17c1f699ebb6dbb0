import Foundation

/// Point estimate and uncertainty range of one indicator, on the indicator's own scale:
/// 0…1 for the shares and 1…5 for parent feedback.
public struct IndicatorEstimate: Sendable, Equatable {
    public let kind: TeacherIndicator.Kind
    /// The observed share (successes / pupils) or mean feedback score.
    /// Nil when the sample is empty, because 0 pupils or responses give no estimate.
    public let value: Double?
    /// Lower end of the uncertainty range: 0 for a share and 1 for feedback when the sample is empty.
    public let lower: Double
    /// Upper end of the uncertainty range: 1 for a share and 5 for feedback when the sample is empty.
    public let upper: Double
    /// Pupils behind a share, or parent responses behind the feedback.
    public let sampleSize: Int
    /// Whether the sample reaches the city's minimum, so the indicator can enter the score.
    public let isSufficient: Bool

    public init(kind: TeacherIndicator.Kind, value: Double?, lower: Double, upper: Double, sampleSize: Int, isSufficient: Bool) {
        self.kind = kind
        self.value = value
        self.lower = lower
        self.upper = upper
        self.sampleSize = sampleSize
        self.isSufficient = isSufficient
    }
}

/// A teacher's rating for one school year, as computed by `TeacherRatingFormula.rate`.
public struct TeacherRating: Sendable, Equatable {
    public enum Status: String, Sendable {
        case rated
        /// The expected-level share is missing or rests on fewer pupils than the city's minimum,
        /// or every sufficient indicator has weight 0.
        case notEnoughData = "not_enough_data"
    }

    public var status: Status
    /// School year rated: the requested one, or else the latest among the indicators.
    /// Nil when no year was requested and no indicators were given.
    public var schoolYear: String?
    /// Score from 0 to 100 when rated, nil otherwise.
    public var score: Double?
    /// Lower end of the score's uncertainty range, 0…100, nil unless rated.
    public var lower: Double?
    /// Upper end of the score's uncertainty range, 0…100, nil unless rated.
    public var upper: Double?
    /// Estimates of the indicators present in the school year, in `TeacherIndicator.Kind.allCases`
    /// order, including insufficient ones that the score leaves out.
    public var indicators: [IndicatorEstimate]
    /// Pupils behind the share indicators: the larger sample of the two shares, which usually
    /// describe the same class. 0 when neither share is given.
    public var sampleSize: Int

    public init(status: Status, schoolYear: String?, score: Double?, lower: Double?, upper: Double?, indicators: [IndicatorEstimate], sampleSize: Int) {
        self.status = status
        self.schoolYear = schoolYear
        self.score = score
        self.lower = lower
        self.upper = upper
        self.indicators = indicators
        self.sampleSize = sampleSize
    }

    /// Estimate of one indicator kind, or nil when the school year has none.
    public func indicator(_ kind: TeacherIndicator.Kind) -> IndicatorEstimate? {
        indicators.first { $0.kind == kind }
    }
}
