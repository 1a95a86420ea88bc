import Foundation
import GRDB
import Logging
import MailMessage
import Roster
import Testing

@testable import RosterDaemon
@testable import RosterStore

/// The weekly SIS export and its reconciliation, against a real store: Dana (ReadUp at 101) adds 100006 and
/// drops 100002 by reply; the export carries both in the participation import's layout; later participation
/// imports confirm, contradict or still lack them.
@Suite("SIS export: the week's changes for the SIS, exported once, reconciled by later imports")
struct SISExportTests {
    static let yaml = "sis_export:\n  weekday: friday\n  time: \"15:00\"\n  to: [sis.operator@riverbend.example]\n"

    /// A fixture with the two changes applied, and its exporter.
    static func applied() throws -> (DeskFixture, SISExporter) {
        let f = try DeskFixture(extraYAML: yaml)
        let o = try f.desk.handle(
            try f.reply(body: "ADD 100006\nDROP 100002\n"), source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied && o.applied == 2)
        let exporter = SISExporter(
            config: f.config, store: f.store, paths: RuntimePaths(config: f.dir + "/config", state: f.dir + "/state"),
            logger: Logger(label: "test"))
        return (f, exporter)
    }

    static func participation(_ f: DeskFixture) throws -> [String] {
        try f.store.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.number, x.site_id, x.start_date, COALESCE(x.end_date, ''), x.state FROM participation x
                    JOIN student s ON s.sourced_id = x.student_sourced_id ORDER BY s.number, x.site_id, x.start_date
                    """
            ).map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as String) \($0[4] as String)" }
        }
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test("the changes are exported once in the participation layout, with who asked; --again sends them again")
    func exportsOnce() throws {
        let (f, exporter) = try Self.applied()
        #expect(try f.store.unexportedChangeCount() == 2)
        let r = try exporter.export(trigger: "test", now: f.now)
        let files = try #require(r.files)
        #expect(r.rows == 2 && r.changes == 2 && r.emails == 1)
        #expect(files.rows.hasPrefix(f.dir + "/state/exports/participation-changes-2026-W49-"))
        let rows = try Self.lines(files.rows)
        #expect(rows.first == "student_number,school_number,program_code,start_date,end_date")
        // The add starts on its effective day; the drop ends the existing participation the day before.
        let add = try #require(rows.first { $0.hasPrefix("100006,") })
        let drop = try #require(rows.first { $0.hasPrefix("100002,") })
        #expect(add.hasPrefix("100006,101,TUT1,") && add.hasSuffix(","))
        #expect(drop.hasPrefix("100002,101,TUT1,2026-08-17,2026-"))
        let requests = try Self.lines(files.requests)
        #expect(requests.count == 3 && requests.dropFirst().allSatisfy { $0.contains("dana@readup.example") })
        #expect(requests.contains { $0.hasPrefix("100006,101,TUT1,add,") })
        #expect(requests.contains { $0.hasPrefix("100002,101,TUT1,drop,") })
        // Mailed to the SIS operator with both files; no student names anywhere.
        let mail = try #require(try f.store.outboxMessages().first { $0.kind == "sis-export" })
        #expect(mail.recipient == "sis.operator@riverbend.example")
        let parsed = try MessageParser.parse(mail.bytes)
        #expect(
            Set(parsed.parts.compactMap(\.filename))
                == [(files.rows as NSString).lastPathComponent, (files.requests as NSString).lastPathComponent])
        #expect(!String(decoding: mail.bytes, as: UTF8.self).contains("Omar"))
        // Once: nothing new to export; with --again, the same rows again.
        #expect(try f.store.unexportedChangeCount() == 0)
        #expect(try exporter.export(trigger: "test", now: f.now).files == nil)
        let again = try exporter.export(again: true, trigger: "test", now: f.now.addingTimeInterval(60))
        #expect(again.rows == 2 && again.changes == 2)
        // Only the changes of a week: none were made in week 48.
        #expect(try exporter.export(week: ISOWeek("2026-W48")!, again: true, trigger: "test", now: f.now).files == nil)
    }

    @Test("the export imported as is with import participation confirms each row and leaves the same state")
    func reimportConfirms() throws {
        let (f, exporter) = try Self.applied()
        let r = try exporter.export(trigger: "test", now: f.now)
        let before = try Self.participation(f)
        #expect(before.filter { $0.hasSuffix("pending_sis") }.count == 2)
        let report = try f.store.importParticipation(path: try #require(r.files?.rows), now: f.now)
        #expect(report.problems.isEmpty && report.inserted == 0 && report.updated == 0)
        #expect(report.reconciliation?.confirmed == 2)
        let after = try Self.participation(f)
        // The same participations; only their state is now the SIS's.
        #expect(after.map { $0.split(separator: " ").dropLast() } == before.map { $0.split(separator: " ").dropLast() })
        #expect(after.contains { $0.hasPrefix("100006 readup-tut-101") && $0.hasSuffix(" active") })
        #expect(after.contains { $0.hasPrefix("100002 readup-tut-101") && $0.hasSuffix(" dropped") })
        #expect(try f.onRoster("100006") && !(try f.onRoster("100002")))
        #expect(try f.store.sisAwaiting() == 0 && (try f.store.sisOutstanding()).isEmpty)
    }

    @Test("missing after two imports: the CSC's digest and the admin (once); a contradiction is shown, not undone")
    func missingAndContradicted() throws {
        let (f, exporter) = try Self.applied()
        _ = try exporter.export(trigger: "test", now: f.now)
        // The SIS's next export still shows the old state: the add is absent, the drop not there yet.
        let old = f.dir + "/p.csv"
        #expect(try f.store.importParticipation(path: old, now: f.now).reconciliation?.missing == 2)
        #expect(try f.store.sisOutstanding().isEmpty, "one import without them is not yet a problem")
        #expect(try exporter.alertOutstanding(now: f.now) == 0)
        #expect(try f.store.importParticipation(path: old, now: f.now).reconciliation?.newlyFlagged.count == 2)
        let outstanding = try f.store.sisOutstanding()
        #expect(outstanding.count == 2)
        #expect(outstanding.allSatisfy { $0.line.contains("still not in the SIS after 2 participation imports") })
        #expect(try exporter.alertOutstanding(now: f.now) == 1)
        #expect(try exporter.alertOutstanding(now: f.now) == 0, "the admin is told once")
        let alert = try #require(try f.store.outboxMessages().first { $0.kind == "sis-alert" })
        #expect(alert.recipient == f.config.adminAddress)
        let day = CalendarDay(f.now, in: f.config.timeZone)
        #expect(
            try ReviewDigest(config: f.config, store: f.store, logger: Logger(label: "test")).compose(day: day) == 1)
        let digest = try #require(try f.store.outboxMessages().first { $0.kind == "review" })
        let text = try MessageParser.parse(digest.bytes).parts.compactMap(\.text).joined()
        #expect(text.contains("does not show as asked") && text.contains("add of student 100006"))

        // The SIS then ends the participation the partner added: shown to the CSC, the partner's add stands.
        let start = try #require(try Self.participation(f).first { $0.hasPrefix("100006 readup-tut-101") })
            .split(separator: " ")[2]
        let contradicting = f.dir + "/contradicting.csv"
        try (String(contentsOfFile: old, encoding: .utf8) + "100006,101,TUT1,\(start),2026-12-02\n")
            .write(toFile: contradicting, atomically: true, encoding: .utf8)
        let report = try f.store.importParticipation(path: contradicting, now: f.now)
        #expect(report.reconciliation?.contradicted == 1)
        let contradicted = try #require(try f.store.sisOutstanding().first { $0.state == "contradicted" })
        #expect(contradicted.line.contains("the SIS ends it on 2026-12-02; the partner added the student"))
        #expect(try Self.participation(f).contains { $0.hasPrefix("100006 readup-tut-101 \(start)  pending_sis") })
        #expect(try f.onRoster("100006"), "never silently undone")
    }

    @Test("the schedule: once a week after Friday 15:00 (an empty week is recorded too)")
    func schedule() throws {
        let (f, exporter) = try Self.applied()
        let tz = f.config.timeZone
        let friday = CalendarDay(iso: "2026-12-04")!
        #expect(try exporter.runIfDue(now: friday.instant(hour: 14, minute: 59, in: tz)) == nil)
        let due = try #require(try exporter.runIfDue(now: friday.instant(hour: 15, minute: 1, in: tz)))
        #expect(due.rows == 2 && due.week == f.week)
        #expect(try exporter.runIfDue(now: friday.instant(hour: 18, minute: 0, in: tz)) == nil)
        // Next week nothing changed: the export runs empty, is recorded, and does not run again.
        let next = CalendarDay(iso: "2026-12-11")!
        let empty = try #require(try exporter.runIfDue(now: next.instant(hour: 15, minute: 30, in: tz)))
        #expect(empty.files == nil && empty.rows == 0)
        #expect(try exporter.runIfDue(now: next.instant(hour: 16, minute: 0, in: tz)) == nil)
        #expect(try f.store.outboxMessages().filter { $0.kind == "sis-export" }.count == 1)
    }

    @Test("two exports at once: the second records nothing and says so")
    func concurrentExports() throws {
        let (f, exporter) = try Self.applied()
        let stale = try f.store.sisExportSelection()
        #expect(stale.requests.count == 2)
        #expect(try exporter.export(trigger: "schedule", now: f.now).rows == 2)
        let error = #expect(throws: StoreError.self) {
            try f.store.recordSISExport(
                stale, week: f.week, trigger: "cli", again: false, file: "x.csv", sha256: "", emails: { _ in [] },
                now: f.now)
        }
        #expect(error?.message.contains("another export carried these changes") == true)
        #expect(try f.store.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sis_export") } == 1)
    }

    @Test("a row changed again after its export is not counted missing; the next export carries the new state")
    func changedAfterExport() throws {
        let (f, exporter) = try Self.applied()
        _ = try exporter.export(trigger: "test", now: f.now)
        // The partner drops the student just added: the row ends, pending again, not exported yet.
        let later = f.now.addingTimeInterval(86_400)
        let o = try f.desk.handle(
            try f.reply(body: "DROP 100006\n", messageID: "r2@readup.example"), source: .init(kind: "ingest"),
            now: later)
        #expect(o.applied == 1, "\(o.reason)")
        let old = f.dir + "/p.csv"
        for _ in 0..<2 { _ = try f.store.importParticipation(path: old, now: later) }
        #expect(
            try f.store.sisOutstanding().allSatisfy { !$0.line.contains("student 100006") },
            "the SIS is not blamed for a change the partner made since")
        let next = try exporter.export(trigger: "test", now: later)
        let rows = try Self.lines(try #require(next.files?.rows))
        #expect(rows.contains { $0.hasPrefix("100006,101,TUT1,") && !$0.hasSuffix(",") }, "\(rows)")
    }

    @Test("sis_export settings are checked with their position")
    func config() throws {
        let bad = "sis_export:\n  weekday: fryday\n  time: \"3pm\"\n  to: [not an address]\n"
        let error = #expect(throws: (any Error).self) { try DeskFixture(extraYAML: bad) }
        let text = "\(error.map { "\($0)" } ?? "")"
        #expect(text.contains("sis_export.weekday “fryday”"))
        #expect(text.contains("sis_export.time “3pm”"))
        #expect(text.contains("sis_export.to"))
    }
}
