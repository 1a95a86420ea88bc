import Roster

/// One yes/no measure over a student, defined once here; every answer's tables and rows use these columns.
///
/// - `chronically_absent`: absent on at least 10 % of the days enrolled in the period (all schools summed);
/// - `behavior_event`: at least one behavior event in the period;
/// - `failing_course`: at least one failing course mark (`passing = N`) in the period;
/// - `met_benchmark_<test>_<subject>`: met the benchmark of that test and subject in the period;
/// - `improved_attendance`: a higher attendance rate than the year before; `improved_performance`: a higher
///   mean performance level than the year before. Both count only students with data in both years.
/// A student without data for a measure is left out of that measure (neither yes nor no).
public enum MeasureColumn: Hashable, Sendable, CustomStringConvertible {
    case chronicallyAbsent
    case behaviorEvent
    case failingCourse
    case metBenchmark(test: String, subject: String)
    case improvedAttendance
    case improvedPerformance

    /// The column name in the answer's files.
    public var name: String {
        switch self {
        case .chronicallyAbsent: "chronically_absent"
        case .behaviorEvent: "behavior_event"
        case .failingCourse: "failing_course"
        case .metBenchmark(let test, let subject): "met_benchmark_\(Self.slug(test))_\(Self.slug(subject))"
        case .improvedAttendance: "improved_attendance"
        case .improvedPerformance: "improved_performance"
        }
    }

    public var description: String { name }

    /// The request's measure the column answers.
    public var measure: ReleaseMeasure {
        switch self {
        case .chronicallyAbsent: .attendance
        case .behaviorEvent: .behavior
        case .failingCourse: .grades
        case .metBenchmark: .assessments
        case .improvedAttendance, .improvedPerformance: .improvement
        }
    }

    /// Plain words for the answer's README.
    public var meaning: String {
        switch self {
        case .chronicallyAbsent: "absent on at least 10% of the days enrolled in the school year so far"
        case .behaviorEvent: "at least one behavior (discipline) event in the school year"
        case .failingCourse: "at least one failing course mark in the school year"
        case .metBenchmark(let test, let subject): "met the benchmark of the \(test) test in \(subject)"
        case .improvedAttendance:
            "attendance rate higher than in the school year before (students with both years only)"
        case .improvedPerformance:
            "mean assessment performance level higher than in the school year before (students with both years only)"
        }
    }

    /// The student's value: nil when the student has no data for it.
    public func value(_ s: StudentRecord) -> Bool? {
        switch self {
        case .chronicallyAbsent:
            guard let e = s.current.daysEnrolled, let a = s.current.daysAbsent, e > 0 else { return nil }
            return a * 10 >= e
        case .behaviorEvent: return s.current.behaviorEvents > 0
        case .failingCourse: return s.current.failingAnyCourse
        case .metBenchmark(let test, let subject): return s.current.benchmarks["\(test)|\(subject)"]
        case .improvedAttendance:
            guard let now = s.current.attendanceRate, let then = s.prior.attendanceRate else { return nil }
            return now > then
        case .improvedPerformance:
            guard let now = s.current.meanPerformanceLevel, let then = s.prior.meanPerformanceLevel else { return nil }
            return now > then
        }
    }

    /// Lower-case letters and digits; anything else becomes `_`.
    static func slug(_ text: String) -> String {
        String(
            text.lowercased().unicodeScalars.map { c in
                (c >= "a" && c <= "z") || (c >= "0" && c <= "9") ? Character(c) : "_"
            })
    }
}

/// Which outcome files the store holds for the period and the year before (`attendance`, `behavior`,
/// `course_marks`, `assessments`, as the import names them).
public struct DataAvailability: Sendable, Hashable {
    public var current: Set<String>
    public var prior: Set<String>

    public init(current: Set<String>, prior: Set<String>) {
        self.current = current
        self.prior = prior
    }
}

extension MeasureColumn {
    /// The columns answering `measures` for `students`, in the measures' order, and, for each measure that
    /// cannot be answered, why (plain words). Assessment columns are one per test and subject the students took.
    public static func columns(
        for measures: [ReleaseMeasure], students: [StudentRecord], data: DataAvailability, period: SchoolYear
    ) -> (columns: [MeasureColumn], unavailable: [(ReleaseMeasure, String)]) {
        var columns: [MeasureColumn] = []
        var unavailable: [(ReleaseMeasure, String)] = []
        func need(_ kind: String, _ m: ReleaseMeasure, prior: Bool = false) -> Bool {
            if data.current.contains(kind) && (!prior || data.prior.contains(kind)) { return true }
            let year = prior && data.current.contains(kind) ? period.prior : period
            unavailable.append(
                (m, "no \(kind.replacingOccurrences(of: "_", with: " ")) data for \(year) has been imported"))
            return false
        }
        for m in measures.sorted() {
            switch m {
            case .attendance: if need("attendance", m) { columns.append(.chronicallyAbsent) }
            case .behavior: if need("behavior", m) { columns.append(.behaviorEvent) }
            case .grades: if need("course_marks", m) { columns.append(.failingCourse) }
            case .assessments:
                guard need("assessments", m) else { continue }
                let keys = Set(students.flatMap { $0.current.benchmarks.keys }).sorted()
                if keys.isEmpty {
                    unavailable.append((m, "none of these students has an assessment result in \(period)"))
                }
                for key in keys {
                    let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
                    columns.append(.metBenchmark(test: parts[0], subject: parts.count > 1 ? parts[1] : ""))
                }
            case .improvement:
                let attendance = data.current.contains("attendance") && data.prior.contains("attendance")
                let tests = data.current.contains("assessments") && data.prior.contains("assessments")
                if attendance { columns.append(.improvedAttendance) }
                if tests { columns.append(.improvedPerformance) }
                if !attendance && !tests {
                    unavailable.append(
                        (m, "improvement needs attendance or assessment data for both \(period.prior) and \(period)"))
                }
            }
        }
        return (columns, unavailable)
    }
}
