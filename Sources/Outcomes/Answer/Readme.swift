import Disclosure
import Roster

/// The answer's `README.txt`: plain words on what was answered, the measures and the rules applied.
struct Readme {
    let policy: Policy
    private var lines: [String]

    init(title: String, policy: Policy) {
        self.policy = policy
        lines = [title, String(repeating: "=", count: min(title.count, 72)), ""]
    }

    var bytes: [UInt8] { Array((lines.joined(separator: "\r\n") + "\r\n").utf8) }

    mutating func intro(_ input: AnswerInput, columns: [MeasureColumn], unavailable: [(ReleaseMeasure, String)]) {
        lines += [
            "Level: \(input.level.rawValue). School year: \(input.period).",
            "Students in the program during the period: \(input.students.count).", "",
            "Measures (one column or line each; Y = yes, N = no, empty = no data for that student):",
        ]
        for column in columns { lines.append("  \(column.name): \(column.meaning)") }
        if !unavailable.isEmpty {
            lines += ["", "Not answered:"]
            for (measure, reason) in unavailable { lines.append("  \(measure.rawValue): \(reason)") }
        }
        lines.append("")
    }

    mutating func aggregates() {
        let zeros =
            policy.zeros == .suppress
            ? "(a count of none, or of the whole group, is withheld too: it would tell about every student)"
            : ""
        lines += [
            "aggregates.csv: counts for the whole roster (group \"all\"), and by school and grade where the roster",
            "has more than one. Under the district's rules (FERPA, 34 CFR 99.31(b)):",
            "  - a group of fewer than \(policy.minGroup) students gets no numbers (shown_as n/a): data about it",
            "    needs a signed release;",
            "  - a count under \(policy.minCount) is shown as <\(policy.minCount), and a count within "
                + "\(policy.minCount) of the group's size as >(size - \(policy.minCount)) \(zeros);",
            "  - other counts are withheld (shown_as withheld) where the totals would let a withheld count be",
            "    worked out; percentages are given only where the count itself is shown;",
            "  - every answer is checked against earlier answers to the same partner for the same measure and",
            "    school year: a count that, compared with an earlier one, would reveal a few students is withheld.",
            "",
        ]
    }

    mutating func deidentified(rows: Int, students: Int) {
        if rows == 0 {
            lines += [
                "No de-identified rows: \(students) students are fewer than the \(policy.k) that rows need.", "",
            ]
            return
        }
        lines += [
            "deidentified.csv: one row per student, labelled Student 1 to \(rows) in a new random order for",
            "every answer (the labels do not match any other answer). School, gender, grade and race/ethnicity are",
            "replaced by * until every combination shown is shared by at least \(policy.k) students, and a measure is",
            "replaced by * in a group where it would not take at least \(policy.l) different values.",
            "",
        ]
    }

    mutating func identified(named: Int, leftOut: Int) {
        lines += [
            "identified.csv: only students whose parent or guardian signed a release for your organization that",
            "covers every measure asked for and is valid today; each row's release is recorded (34 CFR 99.32).",
            "\(named) student(s) included, \(leftOut) left out (no such release on file).",
            "",
        ]
    }
}
