import Foundation
import GRDB
import Roster
import Testing

@testable import RosterStore

/// `import outcomes` on a real SQLite file: all or nothing with `file:line: reason`, the same file twice is a
/// no-op, a file replaces its kind's school years and nothing else, every file audited with its SHA-256.
@Suite struct OutcomeImportTests {
    static let attendance = """
        student_number,school_year,school_number,days_enrolled,days_absent
        1000001,2026-2027,101,60,3
        1000002,2026-2027,101,60,9
        1000003,2026-2027,102,60,0
        1000001,2025-2026,101,175,20

        """
    static let behavior = """
        student_number,school_year,date,event_type
        1000001,2026-2027,2026-10-02,disruption
        1000001,2026-2027,2026-11-12,tardy

        """

    static func setUp() throws -> (TempDir, RosterDatabase) {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        _ = try db.importOneRoster(path: Sample.bundle(in: dir))
        return (dir, db)
    }

    static func count(_ db: RosterDatabase, _ table: String, year: String? = nil) throws -> Int {
        try db.read { d in
            try Int.fetchOne(
                d, sql: "SELECT COUNT(*) FROM \(table)" + (year.map { " WHERE school_year = '\($0)'" } ?? ""))!
        }
    }

    @Test func importsTheFilesPresentAndTheSameFilesAgainChangeNothing() throws {
        let (dir, db) = try Self.setUp()
        dir.write("in/attendance.csv", Self.attendance)
        dir.write("in/behavior.csv", Self.behavior)
        let first = try db.importOutcomes(directory: dir.file("in"))
        #expect(first.map(\.kind) == [.attendance, .behavior])
        #expect(first[0].years.map(\.year) == ["2025-2026", "2026-2027"])
        #expect(first[0].years.map(\.rows) == [1, 3])
        #expect(try Self.count(db, "outcome_attendance") == 4)
        #expect(try Self.count(db, "outcome_behavior") == 2)
        let again = try db.importOutcomes(directory: dir.file("in"))
        #expect(again.allSatisfy { $0.years.allSatisfy(\.unchanged) })
        #expect(try Self.count(db, "outcome_attendance") == 4)
        // Each file is audited with its SHA-256 (twice: the second import is recorded too, as unchanged).
        let audited = try db.read { d in
            try String.fetchAll(d, sql: "SELECT detail FROM audit WHERE action = 'import.outcomes' ORDER BY id")
        }
        #expect(audited.count == 4)
        let sha = SHA256Digest.hex(Array(Self.attendance.utf8))
        #expect(audited[0].contains(sha) && audited[2].contains(sha))
        #expect(audited[2].contains("unchanged"))
    }

    @Test func aFileReplacesOnlyItsKindsSchoolYears() throws {
        let (dir, db) = try Self.setUp()
        dir.write("in/attendance.csv", Self.attendance)
        dir.write("in/behavior.csv", Self.behavior)
        _ = try db.importOutcomes(directory: dir.file("in"))
        dir.write(
            "next/attendance.csv",
            """
            student_number,school_year,school_number,days_enrolled,days_absent
            1000001,2026-2027,101,65,4
            1000002,2026-2027,101,65,9

            """)
        let report = try db.importOutcomes(directory: dir.file("next"))
        #expect(report.count == 1 && report[0].years.map(\.replaced) == [3])
        #expect(try Self.count(db, "outcome_attendance", year: "2026-2027") == 2)
        #expect(try Self.count(db, "outcome_attendance", year: "2025-2026") == 1, "the prior year is kept")
        #expect(try Self.count(db, "outcome_behavior") == 2, "behavior is untouched")
        #expect(
            try db.outcomeYears().map { "\($0.kind.rawValue) \($0.year) \($0.rows)" } == [
                "attendance 2025-2026 1", "attendance 2026-2027 2", "behavior 2026-2027 2",
            ])
    }

    @Test func oneBadRowAnywhereAndNothingChangesWithEveryProblemAtItsLine() throws {
        let (dir, db) = try Self.setUp()
        dir.write("in/attendance.csv", Self.attendance)
        _ = try db.importOutcomes(directory: dir.file("in"))
        dir.write("bad/behavior.csv", Self.behavior)
        dir.write(
            "bad/attendance.csv",
            """
            student_number,school_year,school_number,days_enrolled,days_absent
            1000001,2026-2027,101,60,3
            9999999,2026-2027,101,60,3
            1000002,2026/2027,101,60,3
            1000003,2026-2027,999,60,3
            1000002,2026-2027,101,60,61
            1000001,2026-2027,101,60,2

            """)
        dir.write(
            "bad/assessments.csv",
            """
            student_number,school_year,test,subject,scale_score,performance_level,met_benchmark
            1000001,2026-2027,MAP,Math,201,3,maybe

            """)
        let error = #expect(throws: StoreError.self) { try db.importOutcomes(directory: dir.file("bad")) }
        let problems = error?.problems ?? []
        #expect(error?.message.contains("nothing was imported") == true)
        #expect(problems.contains { $0.hasPrefix("attendance.csv:3: unknown student number 9999999") })
        #expect(problems.contains { $0.hasPrefix("attendance.csv:4: school_year") })
        #expect(problems.contains { $0.hasPrefix("attendance.csv:5: unknown school number 999") })
        #expect(problems.contains { $0.hasPrefix("attendance.csv:6: days_absent 61 is more than days_enrolled 60") })
        #expect(problems.contains { $0.hasPrefix("attendance.csv:7: the same") })
        #expect(problems.contains { $0.hasPrefix("assessments.csv:2: met_benchmark") })
        #expect(try Self.count(db, "outcome_attendance") == 4, "the earlier import stands")
        #expect(try Self.count(db, "outcome_behavior") == 0, "the good file of a bad import is not imported either")
        #expect(try Self.count(db, "outcome_assessment") == 0)
    }

    @Test func aDirectoryWithoutOutcomeFilesSaysWhichFilesItExpects() throws {
        let (dir, db) = try Self.setUp()
        dir.write("empty/readme.txt", "nothing")
        let error = #expect(throws: StoreError.self) { try db.importOutcomes(directory: dir.file("empty")) }
        #expect(error?.message.contains("attendance.csv, behavior.csv, course_marks.csv, assessments.csv") == true)
    }
}
