import Roster

/// One student in a site's program during the period, as an answer needs them: who (for the ledger and the
/// identified rows), the quasi-identifiers of de-identified rows, and the outcomes of the period and the year
/// before. Built by the store from the outcome tables; no names here (identified rows get theirs separately).
public struct StudentRecord: Sendable, Hashable {
    /// The student's sourcedId: the identity the release ledger compares.
    public var id: String
    public var number: String
    public var school: String
    public var gender: String
    public var grade: String
    public var raceEthnicity: String
    public var current: YearOutcomes
    public var prior: YearOutcomes

    public init(
        id: String, number: String, school: String, gender: String, grade: String, raceEthnicity: String,
        current: YearOutcomes, prior: YearOutcomes
    ) {
        self.id = id
        self.number = number
        self.school = school
        self.gender = gender
        self.grade = grade
        self.raceEthnicity = raceEthnicity
        self.current = current
        self.prior = prior
    }
}

/// A student's outcomes in one school year; nil where the files have nothing on them.
public struct YearOutcomes: Sendable, Hashable {
    /// Summed over the schools the student attended that year.
    public var daysEnrolled: Int?
    public var daysAbsent: Int?
    /// Behavior events that year (0 when the behavior file of that year lists none for the student).
    public var behaviorEvents: Int
    /// Whether any course mark that year is failing; nil without marks.
    public var failingAnyCourse: Bool?
    /// `test|subject` → met the benchmark (the latest row wins when a test was taken twice).
    public var benchmarks: [String: Bool]
    /// The mean performance level over the year's assessments; nil without any.
    public var meanPerformanceLevel: Double?

    public init(
        daysEnrolled: Int? = nil, daysAbsent: Int? = nil, behaviorEvents: Int = 0, failingAnyCourse: Bool? = nil,
        benchmarks: [String: Bool] = [:], meanPerformanceLevel: Double? = nil
    ) {
        self.daysEnrolled = daysEnrolled
        self.daysAbsent = daysAbsent
        self.behaviorEvents = behaviorEvents
        self.failingAnyCourse = failingAnyCourse
        self.benchmarks = benchmarks
        self.meanPerformanceLevel = meanPerformanceLevel
    }

    /// Days attended over days enrolled; nil without enrolled days.
    public var attendanceRate: Double? {
        guard let e = daysEnrolled, let a = daysAbsent, e > 0 else { return nil }
        return Double(e - a) / Double(e)
    }
}
