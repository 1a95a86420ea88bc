/// The four outcome files the SIS exports (issue 11), their columns and the table each one fills.
public enum OutcomeKind: String, Sendable, Hashable, CaseIterable {
    case attendance
    case behavior
    case courseMarks = "course_marks"
    case assessments

    /// The file name in an import directory: `attendance.csv`, …
    public var file: String { rawValue + ".csv" }

    /// The header the file must have (any order; more columns are ignored).
    public var columns: [String] {
        switch self {
        case .attendance: ["student_number", "school_year", "school_number", "days_enrolled", "days_absent"]
        case .behavior: ["student_number", "school_year", "date", "event_type"]
        case .courseMarks: ["student_number", "school_year", "term", "course_code", "mark", "passing"]
        case .assessments:
            [
                "student_number", "school_year", "test", "subject", "scale_score", "performance_level",
                "met_benchmark",
            ]
        }
    }

    var table: String {
        switch self {
        case .attendance: "outcome_attendance"
        case .behavior: "outcome_behavior"
        case .courseMarks: "outcome_course_mark"
        case .assessments: "outcome_assessment"
        }
    }

    /// The table's columns in insert order (school year first, then the student, then the file's other values).
    /// What makes a row unique, for "the same … is on an earlier line".
    var key: String {
        switch self {
        case .attendance: "student, school year and school"
        case .behavior: "event"
        case .courseMarks: "student, school year, term and course"
        case .assessments: "student, school year, test and subject"
        }
    }

    var tableColumns: [String] {
        switch self {
        case .attendance: ["school_year", "student_number", "school_number", "days_enrolled", "days_absent"]
        case .behavior: ["school_year", "student_number", "date", "event_type"]
        case .courseMarks: ["school_year", "student_number", "term", "course_code", "mark", "passing"]
        case .assessments:
            [
                "school_year", "student_number", "test", "subject", "scale_score", "performance_level",
                "met_benchmark",
            ]
        }
    }
}
