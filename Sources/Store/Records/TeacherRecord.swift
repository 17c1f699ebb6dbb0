/// A teacher as imported.
public struct TeacherRecord: Sendable, Equatable {
    public var id: String
    public var schoolID: String
    public var name: String
    /// Grades taught, as written ("1-4").
    public var grades: String?
    public var subjects: String?
    /// Language-of-instruction codes.
    public var languages: [String]
    /// Qualification category code ("moderator", "expert", "researcher", "master", "highest", "first", "second", "none").
    public var category: String?
    public var experienceYears: Int?

    public init(id: String, schoolID: String, name: String, grades: String? = nil, subjects: String? = nil,
                languages: [String] = [], category: String? = nil, experienceYears: Int? = nil) {
        self.id = id
        self.schoolID = schoolID
        self.name = name
        self.grades = grades
        self.subjects = subjects
        self.languages = languages
        self.category = category
        self.experienceYears = experienceYears
    }

    public static let categories = ["highest", "first", "second", "moderator", "expert", "researcher", "master", "none"]
}

/// One quality indicator of a teacher as imported; the registry checks and rates it.
public struct IndicatorRecord: Sendable, Equatable {
    public var teacherID: String
    public var schoolYear: String
    /// "expected_level_share", "olympiad_share" or "parent_feedback".
    public var kind: String
    public var successes: Int?
    public var meanScore: Double?
    public var standardDeviation: Double?
    public var sampleSize: Int

    public init(teacherID: String, schoolYear: String, kind: String, successes: Int?, meanScore: Double?, standardDeviation: Double?, sampleSize: Int) {
        self.teacherID = teacherID
        self.schoolYear = schoolYear
        self.kind = kind
        self.successes = successes
        self.meanScore = meanScore
        self.standardDeviation = standardDeviation
        self.sampleSize = sampleSize
    }
}
