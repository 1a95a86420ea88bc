import Foundation
import Roster
import RosterStore
import Testing

/// `releases import` (releases signed in another e-signature system) and `releases revoke` on a real store.
@Suite("releases: imports from another system and revocations by command")
struct ReleaseImportTests {
    static let header =
        "student_number,partner_id,guardian_name,guardian_email,signed_at,expires,measures,evidence_ref\n"

    func write(_ f: DeskFixture, _ body: String) throws -> String {
        let path = f.dir + "/releases-\(UUID().uuidString.prefix(6)).csv"
        try (Self.header + body).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func states(_ f: DeskFixture) throws -> [String] {
        try f.store.releaseViews(on: CalendarDay(f.now, in: f.config.timeZone)).map {
            "\($0.studentNumber) \($0.partnerID) \($0.state) \($0.source ?? "")"
        }.sorted()
    }

    @Test("a good file imports once; again it changes nothing; the roster shows the releases; revoke ends one")
    func importsOnce() throws {
        let f = try DeskFixture()
        let path = try write(
            f,
            """
            100001,readup,Rosa Muñoz,rosa@family.example,2026-09-14,2027-06-30,"attendance,grades",DocuSign 8f2a
            100003,readup,Pat OBrien,pat@family.example,2026-09-15T14:03:00Z,2027-06-30,attendance,DocuSign 8f2b

            """)
        let first = try f.store.importReleases(path: path, purpose: "test", now: f.now)
        #expect(first.inserted == 2 && first.hash.count == 64)
        let again = try f.store.importReleases(path: path, purpose: "test", now: f.now)
        #expect(again.inserted == 0 && again.unchanged == 2)
        #expect(try states(f) == ["100001 readup valid import", "100003 readup valid import"])
        let view = try #require(try f.store.releaseViews(on: CalendarDay(f.now, in: f.config.timeZone)).first)
        #expect(view.evidenceRef == "DocuSign 8f2a" && view.measures == "attendance,grades")
        #expect(try f.store.auditEntries().contains { $0.action == "import.releases" })
        let roster = try f.store.weeklyRoster(siteID: "readup-tut-101", partnerID: "readup", week: f.week.next)
        #expect(roster.active.filter(\.releaseOnFile).map(\.studentNumber) == ["100001", "100003"])
        #expect(try f.store.revokeRelease(studentNumber: "100003", partnerID: "readup", by: "CSC for Pat OBrien") == 1)
        #expect(try states(f) == ["100001 readup valid import", "100003 readup revoked import"])
        #expect(try f.store.revokeRelease(studentNumber: "100003", partnerID: "readup", by: "again") == 0)
    }

    @Test("a file with any bad row imports nothing and names every bad row by file and line")
    func allOrNothing() throws {
        let f = try DeskFixture()
        let path = try write(
            f,
            """
            100001,readup,Rosa Muñoz,rosa@family.example,2026-09-14,2027-06-30,attendance,ref-1
            999999,readup,Nobody,n@family.example,2026-09-14,2027-06-30,attendance,ref-2
            100002,nosuch,Rosa Muñoz,rosa@family.example,2026-09-14,2027-06-30,attendance,ref-3
            100002,readup,Rosa Muñoz,not-an-address,2026-09-14,2027-06-30,attendance,ref-4
            100002,readup,Rosa Muñoz,rosa@family.example,14/09/2026,2027-06-30,attendance,ref-5
            100002,readup,Rosa Muñoz,rosa@family.example,2026-09-14,2027-06-30,shoe size,ref-6
            100002,readup,Rosa Muñoz,rosa@family.example,2026-09-14,2027-06-30,attendance,

            """)
        do {
            _ = try f.store.importReleases(path: path, purpose: "test", now: f.now)
            Issue.record("a bad file was accepted")
        } catch let e as StoreError {
            let file = (path as NSString).lastPathComponent
            for (line, reason) in [
                (3, "unknown student number 999999"), (4, "partner_id “nosuch”"), (5, "not an email address"),
                (6, "signed_at “14/09/2026”"), (7, "measures “shoe size”"), (8, "evidence_ref is empty"),
            ] {
                #expect(
                    e.problems.contains { $0.hasPrefix("\(file):\(line):") && $0.contains(reason) }, "\(e.problems)")
            }
            #expect(e.problems.count == 6)
        }
        #expect(try states(f).isEmpty, "nothing imported")
    }
}
