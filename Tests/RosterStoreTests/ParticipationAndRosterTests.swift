import Foundation
import GRDB
import Roster
import Testing

@testable import RosterStore

@Suite("participation import, weekly rosters and the outbox")
struct ParticipationAndRosterTests {
    static func loaded(_ dir: TempDir) throws -> RosterDatabase {
        let db = try Sample.store(in: dir)
        _ = try db.importOneRoster(path: Sample.bundle(in: dir))
        return db
    }

    static let header = "student_number,school_number,program_code,start_date,end_date\n"

    @Test("valid rows import; the same file again changes nothing")
    func importTwice() throws {
        let dir = TempDir()
        let db = try Self.loaded(dir)
        let file = dir.write(
            "p.csv",
            Self.header
                + "1000001,101,TUT1,2026-08-17,\n1000002,101,TUT1,2026-11-23,\n1000003,102,TUT1,2026-08-17,2026-11-27\n"
        )
        let r1 = try db.importParticipation(path: file)
        #expect(r1.inserted == 3)
        let r2 = try db.importParticipation(path: file)
        #expect(r2.inserted == 0 && r2.updated == 0 && r2.unchanged == 3)
        // An end date set by the SIS later is an update.
        let ended = dir.write("p2.csv", Self.header + "1000001,101,TUT1,2026-08-17,2026-12-31\n")
        #expect(try db.importParticipation(path: ended).updated == 1)
    }

    @Test("every bad row is reported with file:line and nothing is written")
    func badRows() throws {
        let dir = TempDir()
        let db = try Self.loaded(dir)
        let file = dir.write(
            "p.csv",
            Self.header + """
                1000001,101,TUT1,2026-08-17,
                9999999,101,TUT1,2026-08-17,
                1000001,102,TUT1,2026-08-17,
                1000002,101,NOPE,2026-08-17,
                1000002,101,TUT1,17/08/2026,
                1000002,101,TUT1,2026-08-17,2026-08-01
                1000001,101,TUT1,2026-08-17,

                """)
        #expect {
            try db.importParticipation(path: file)
        } throws: { error in
            let p = (error as! StoreError).problems
            return p.count == 6 && p[0].hasPrefix("p.csv:3: unknown student number 9999999")
                && p[1].hasPrefix("p.csv:4: student 1000001 is enrolled at school 101, not 102")
                && p[2].hasPrefix("p.csv:5: program code NOPE is not configured")
                && p[3].hasPrefix("p.csv:6: start_date “17/08/2026”")
                && p[4].hasPrefix("p.csv:7: end_date 2026-08-01 is before")
                && p[5].hasPrefix("p.csv:8: the same participation is on line 2")
        }
        #expect(try db.counts()["participation"] == 0)
    }

    @Test("a file without the expected columns is refused")
    func missingColumns() throws {
        let dir = TempDir()
        let db = try Self.loaded(dir)
        let file = dir.write("p.csv", "student,school\n1,2\n")
        #expect(throws: StoreError.self) { try db.importParticipation(path: file) }
    }

    @Test("the weekly roster marks new students and lists those dropped since last week")
    func weeklyRoster() throws {
        let dir = TempDir()
        let db = try Self.loaded(dir)
        let file = dir.write(
            "p.csv",
            Self.header + "1000001,101,TUT1,2026-08-17,\n1000002,101,TUT1,2026-11-30,\n")
        _ = try db.importParticipation(path: file)
        let w49 = try db.weeklyRoster(siteID: "readup-tut-101", partnerID: "readup", week: ISOWeek("2026-W49")!)
        #expect(w49.active.map(\.studentNumber) == ["1000001", "1000002"])
        #expect(w49.active.map(\.change) == [.none, .added])
        let ended = dir.write("p2.csv", Self.header + "1000001,101,TUT1,2026-08-17,2026-12-04\n")
        _ = try db.importParticipation(path: ended)
        let w50 = try db.weeklyRoster(siteID: "readup-tut-101", partnerID: "readup", week: ISOWeek("2026-W50")!)
        #expect(w50.active.map(\.studentNumber) == ["1000002"])
        #expect(w50.droppedSinceLastWeek.map(\.studentNumber) == ["1000001"])
        // Another site never sees these students.
        let other = try db.weeklyRoster(siteID: "readup-tut-102", partnerID: "readup", week: ISOWeek("2026-W49")!)
        #expect(other.active.isEmpty)
    }

    @Test("the outbox keeps one message per (kind, week, site, recipient)")
    func outboxUnique() throws {
        let dir = TempDir()
        let db = try Self.loaded(dir)
        let week = ISOWeek("2026-W49")!
        let e = ComposedEmail(
            siteID: "readup-tut-101", week: week, recipient: "dana@p.example", messageID: "m1@d.example", bytes: [65])
        #expect(try db.enqueue([e]) == 1)
        var again = e
        again.recipient = "DANA@p.example"
        again.messageID = "m2@d.example"
        #expect(try db.enqueue([e, again]) == 0)
        #expect(try db.outboxRecipients(week: week, siteID: "readup-tut-101") == ["dana@p.example"])
        #expect(try db.outboxMessages(week: week).count == 1)
        let m = try #require(try db.claimNextDue())
        #expect(m.bytes == [65])
        try db.recordResult(id: m.id, .accepted(reply: "ok"), giveUpAt: .distantFuture)
        #expect(try db.claimNextDue() == nil)
        #expect(try db.outboxStates(week: week) == [.sent: 1])
    }

    @Test("directory sync is idempotent and audited only on change")
    func sync() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        #expect(try db.sync(directory: Sample.directory) == false)
        var changed = Sample.directory
        changed.partners[0].programs[0].sites[0].contacts.append(Person(name: "Alex", email: "alex@p.example"))
        #expect(try db.sync(directory: changed) == true)
        #expect(try db.counts()["contact"] == 3)
        #expect(try db.auditEntries().filter { $0.action == "config.sync" }.count == 2)
    }
}
