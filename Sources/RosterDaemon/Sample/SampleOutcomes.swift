import Foundation
import Roster

/// The sample district's outcome files (`outcomes/attendance.csv`, `behavior.csv`, `course_marks.csv`,
/// `assessments.csv`) for the school year 2026-2027 (to the end of November) and the one before.
///
/// One hidden "risk" per student, drawn once and drifting a little between the years, drives every file, so
/// the measures are correlated the way a district's are: absence, behavior events, failing marks and low
/// scores go together. About 15–20 % of students are chronically absent (absent ≥ 10 % of enrolled days).
/// Kindergarteners and about 5 % of the others have no prior year (they were not in the district).
struct SampleOutcomes {
    static let current = SchoolYear(startYear: 2026)
    /// The current year's data runs to this day (the sample is the same whatever the date).
    static let asOf = CalendarDay(year: 2026, month: 11, day: 30)!
    static let eventTypes = ["Disruption", "Defiance", "Tardy/Truancy", "Fighting", "Bullying", "Dress code"]

    /// Student `i` is number 1_000_001 + i, at `school(i)`, in grade `grade(i)` (0 = KG) this year.
    static func write(
        to directory: String, students: Int, seed: UInt64, school: (Int) -> String, grade: (Int) -> Int
    ) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var rng = SeededGenerator(seed: seed ^ 0x6F75_7463_6F6D_6573)
        var attendance = CSVText(capacity: students * 2 * 40)
        var behavior = CSVText(capacity: students * 20)
        var marks = CSVText(capacity: students * 4 * 40)
        var tests = CSVText(capacity: students * 4 * 50)
        attendance.row(["student_number", "school_year", "school_number", "days_enrolled", "days_absent"])
        behavior.row(["student_number", "school_year", "date", "event_type"])
        marks.row(["student_number", "school_year", "term", "course_code", "mark", "passing"])
        tests.row([
            "student_number", "school_year", "test", "subject", "scale_score", "performance_level", "met_benchmark",
        ])
        let prior = current.prior
        for i in 0..<students {
            let number = String(1_000_001 + i)
            let risk = (0..<3).reduce(0.0) { a, _ in a + Double.random(in: 0..<1, using: &rng) } / 3
            let g = grade(i)
            let hasPrior = g > 0 && Int.random(in: 0..<20, using: &rng) != 0
            var years: [(SchoolYear, Double, Int, Int, CalendarDay)] = []  // year, risk, grade, days, last day
            if hasPrior {
                let drift = min(1, max(0, risk + Double.random(in: -0.12...0.12, using: &rng)))
                years.append((prior, drift, g - 1, Int.random(in: 170...180, using: &rng), prior.lastDay))
            }
            years.append((current, risk, g, Int.random(in: 68...72, using: &rng), asOf))
            for (year, r, gradeThen, enrolled, last) in years {
                let y = year.description
                let rate =
                    0.015 + 0.55 * max(0, r - 0.5) * max(0, r - 0.5) * 4 + Double.random(in: 0..<0.03, using: &rng)
                let absent = min(enrolled, Int((Double(enrolled) * rate).rounded()))
                attendance.row([number, y, school(i), String(enrolled), String(absent)])
                // Behavior events: more with more risk; spread over the days of the year so far.
                let expected = 0.05 + 2.4 * max(0, r - 0.45) * max(0, r - 0.45) * 4
                var events = 0
                while events < 8 && Double.random(in: 0..<1, using: &rng) < expected / (1 + expected) {
                    events += 1
                }
                let span = last.dayNumber - year.firstDay.adding(days: 45).dayNumber
                for _ in 0..<events {
                    let day = year.firstDay.adding(days: 45 + Int.random(in: 0...max(0, span), using: &rng))
                    behavior.row([number, y, day.description, eventTypes.randomElement(using: &rng)!])
                }
                // Two courses a year: the final marks last year, the first quarter's this year.
                let term = year == current ? "Q1" : "Y"
                let band = gradeThen <= 5 ? "K5" : String(format: "%02d", gradeThen)
                for subject in ["ELA", "MATH"] {
                    let score = 1 - r + Double.random(in: -0.25...0.25, using: &rng)
                    let mark = score < 0.22 ? "F" : score < 0.35 ? "D" : score < 0.55 ? "C" : score < 0.75 ? "B" : "A"
                    marks.row([number, y, term, "\(subject)-\(band)", mark, mark == "F" ? "N" : "Y"])
                }
                // The district benchmark in ELA and math from grade 1.
                guard gradeThen >= 1 else { continue }
                for subject in ["ELA", "Math"] {
                    let scale = Int(2300 + 500 * (1 - r) + Double.random(in: -90...90, using: &rng))
                    let level = scale < 2480 ? 1 : scale < 2560 ? 2 : scale < 2650 ? 3 : 4
                    tests.row([
                        number, y, "Benchmark", subject, String(scale), String(level), level >= 3 ? "Y" : "N",
                    ])
                }
            }
        }
        for (text, kind) in [
            (attendance, "attendance"), (behavior, "behavior"), (marks, "course_marks"), (tests, "assessments"),
        ] {
            try text.write(to: (directory as NSString).appendingPathComponent(kind + ".csv"))
        }
    }
}
