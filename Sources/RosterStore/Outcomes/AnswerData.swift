import Foundation
import GRDB
import Outcomes
import Roster

/// What the store holds for one data answer: the site's students during the period with their outcomes, which
/// outcome files exist, what earlier answers published, and (identified level) the valid releases and names.
public struct AnswerData: Sendable {
    public var students: [StudentRecord]
    public var data: DataAvailability
    public var earlier: [LedgerEntry]
    public var releases: [String: [ReleaseCover]]
    public var names: [String: String]
}

extension RosterDatabase {
    /// Reads everything an answer for `siteID`'s program in `period` needs. Releases and names are read only
    /// when `identified` (and then only for students with a valid release for `partnerID` on `today`).
    public func answerData(
        siteID: String, partnerID: String, period: SchoolYear, today: CalendarDay, identified: Bool
    ) throws -> AnswerData {
        try read { db in
            let program = """
                WITH p AS (
                    SELECT DISTINCT s.sourced_id, s.number FROM participation x
                    JOIN student s ON s.sourced_id = x.student_sourced_id
                    WHERE x.site_id = ? AND x.start_date <= ? AND (x.end_date IS NULL OR x.end_date >= ?))
                """
            let window: [any DatabaseValueConvertible] = [
                siteID, period.lastDay.description, period.firstDay.description,
            ]
            var records: [String: StudentRecord] = [:]
            var idByNumber: [String: String] = [:]
            for r in try Row.fetchAll(
                db,
                sql: program + """
                    SELECT s.sourced_id, s.number, s.school_number, s.gender, s.grade, s.race_ethnicity
                    FROM p JOIN student s ON s.sourced_id = p.sourced_id
                    """, arguments: StatementArguments(window))
            {
                let id: String = r[0]
                let number: String = r[1]
                idByNumber[number] = id
                records[id] = StudentRecord(
                    id: id, number: number, school: r[2], gender: r[3] ?? "", grade: r[4] ?? "",
                    raceEthnicity: r[5] ?? "", current: YearOutcomes(), prior: YearOutcomes())
            }
            func update(_ year: SchoolYear, _ sql: String, _ apply: (inout YearOutcomes, Row) -> Void) throws {
                let rows = try Row.fetchCursor(
                    db, sql: program + sql, arguments: StatementArguments(window + [year.description]))
                while let r = try rows.next() {
                    let number: String = r[0]
                    guard let id = idByNumber[number] else { continue }
                    if year == period { apply(&records[id]!.current, r) } else { apply(&records[id]!.prior, r) }
                }
            }
            for year in [period, period.prior] {
                try update(
                    year,
                    """
                    SELECT p.number, SUM(a.days_enrolled), SUM(a.days_absent) FROM p
                    JOIN outcome_attendance a ON a.school_year = ? AND a.student_number = p.number
                    GROUP BY p.number
                    """
                ) { o, r in
                    o.daysEnrolled = r[1]
                    o.daysAbsent = r[2]
                }
                try update(
                    year,
                    """
                    SELECT p.number, COUNT(*) FROM p
                    JOIN outcome_behavior b ON b.school_year = ? AND b.student_number = p.number GROUP BY p.number
                    """
                ) { o, r in o.behaviorEvents = r[1] }
                try update(
                    year,
                    """
                    SELECT p.number, MIN(c.passing) FROM p
                    JOIN outcome_course_mark c ON c.school_year = ? AND c.student_number = p.number
                    GROUP BY p.number
                    """
                ) { o, r in o.failingAnyCourse = (r[1] as Int) == 0 }
                // Import order: a later row of the same test and subject wins.
                try update(
                    year,
                    """
                    SELECT p.number, a.test, a.subject, a.performance_level, a.met_benchmark FROM p
                    JOIN outcome_assessment a ON a.school_year = ? AND a.student_number = p.number
                    ORDER BY a.rowid
                    """
                ) { o, r in
                    let test: String = r[1]
                    let subject: String = r[2]
                    o.benchmarks["\(test)|\(subject)"] = (r[4] as Int) != 0
                }
                try update(
                    year,
                    """
                    SELECT p.number, AVG(a.performance_level) FROM p
                    JOIN outcome_assessment a ON a.school_year = ? AND a.student_number = p.number
                    GROUP BY p.number
                    """
                ) { o, r in o.meanPerformanceLevel = r[1] }
            }
            let kinds = try Row.fetchAll(
                db, sql: "SELECT kind, school_year FROM outcome_import WHERE school_year IN (?, ?)",
                arguments: [period.description, period.prior.description])
            let data = DataAvailability(
                current: Set(kinds.filter { ($0[1] as String) == period.description }.map { $0[0] as String }),
                prior: Set(kinds.filter { ($0[1] as String) == period.prior.description }.map { $0[0] as String }))
            let earlier = try Self.ledgerEntries(partnerID: partnerID, period: period.description, db: db)
            var releases: [String: [ReleaseCover]] = [:]
            var names: [String: String] = [:]
            if identified {
                for r in try Row.fetchAll(
                    db,
                    sql: program + """
                        SELECT x.id, x.student_sourced_id, x.measures, s.given_name, s.family_name FROM p
                        JOIN release x ON x.student_sourced_id = p.sourced_id
                        JOIN student s ON s.sourced_id = p.sourced_id
                        WHERE x.partner_id = ? AND x.state = 'valid' AND x.revoked_at IS NULL AND x.expires >= ?
                        """, arguments: StatementArguments(window + [partnerID, today.description]))
                {
                    let id: String = r[1]
                    let measures = Set(ReleaseMeasure.list(r[2] as String) ?? [])
                    releases[id, default: []].append(ReleaseCover(releaseID: r[0], measures: measures))
                    names[id] = "\(r[3] as String) \(r[4] as String)"
                }
            }
            return AnswerData(
                students: records.values.sorted { $0.id < $1.id }, data: data, earlier: earlier, releases: releases,
                names: names)
        }
    }
}
