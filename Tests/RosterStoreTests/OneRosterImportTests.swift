import Foundation
import GRDB
import Testing

@testable import RosterStore

@Suite("OneRoster import into a real SQLite store")
struct OneRosterImportTests {
    @Test("the store file is created 0600 in WAL mode")
    func fileMode() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let attrs = try FileManager.default.attributesOfItem(atPath: db.path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        let mode = try db.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test("a bundle imports students only, with demographics, and a second import changes nothing")
    func importTwice() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let path = Sample.bundle(in: dir)
        let first = try db.importOneRoster(path: path)
        #expect(first.inserted == 3)
        #expect(first.ignored == 1)
        #expect(first.problems.isEmpty)
        let row = try db.read {
            try Row.fetchOne($0, sql: "SELECT * FROM student WHERE number = '1000001'")
        }
        #expect(row?["given_name"] == "José")
        #expect(row?["school_number"] == "101")
        #expect(row?["grade"] == "04")
        #expect(row?["race_ethnicity"] == "hispanic_or_latino")
        #expect(row?["gender"] == "male")
        let second = try db.importOneRoster(path: path)
        #expect(second.inserted == 0 && second.updated == 0 && second.deactivated == 0)
        #expect(second.unchanged == 3)
        #expect(second.hash == first.hash)
        let audits = try db.auditEntries().filter { $0.action == "import.oneroster" }
        #expect(audits.count == 2)
        #expect(audits[0].detail.contains(first.hash))
        #expect(audits[0].detail.contains("\"inserted\":\"3\""))
        #expect(!audits[0].detail.contains("José"))
    }

    @Test("any invalid row: nothing is written and every bad row is reported with file:line")
    func rejectAll() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let users =
            Sample.usersHeader + """
                s1,,,true,o101,student,u1,,José,Muñoz,,1000001,,,,,04,
                s2,,,true,o999,student,u2,,Zoë,Nguyễn,,1000002,,,,,KG,
                s3,,,true,o102,student,u3,,Liam,O'Brien,,,,,,,07,
                s4,,,true,o102,student,u4,,Ana,Silva,,1000004,,,,,4,
                s5,,,true,o102,student,u5,,Mei,Chen,,1000001,,,,,05,
                s1,,,true,o101,student,u1,,José,Muñoz,,1000009,,,,,04,
                s7,,,true,o101,student,u7,,"Bad
                Name",X,,1000007,,,,,04,

                """
        let path = Sample.bundle(in: dir, users: users)
        let error = #expect(throws: StoreError.self) { try db.importOneRoster(path: path) }
        #expect(error?.code == .importRejected)
        let problems = error?.problems ?? []
        #expect(problems.count == 6)
        for expected in [
            "users.csv:3: student s2 belongs to org o999", "users.csv:4: student s3 has no identifier",
            "users.csv:5: student s4 has grade “4”", "users.csv:6: student number 1000001 is also used on line 2",
            "users.csv:7: sourcedId s1 appears again", "users.csv:8: student s7 has a control character",
        ] {
            #expect(problems.contains { $0.hasPrefix(expected) }, "missing: \(expected) in \(problems)")
        }
        #expect(try db.counts()["student"] == 0)
        #expect(try db.auditEntries().filter { $0.action == "import.oneroster" }.isEmpty)
    }

    @Test("--skip-invalid imports the valid rows and still reports the rest")
    func skipInvalid() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let users =
            Sample.usersHeader + """
                s1,,,true,o101,student,u1,,José,Muñoz,,1000001,,,,,04,
                s2,,,true,o101,student,u2,,Zoë,Nguyễn,,1000002,,,,,grade2,

                """
        let report = try db.importOneRoster(path: Sample.bundle(in: dir, users: users), skipInvalid: true)
        #expect(report.inserted == 1)
        #expect(report.problems == ["users.csv:3: student s2 has grade “grade2”; use a CEDS code (KG, 01 … 12, PK, …)"])
    }

    @Test("a bulk file deactivates students missing from it; a delta tobedeleted deactivates one")
    func bulkAndDelta() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        _ = try db.importOneRoster(path: Sample.bundle(in: dir))
        let fewer =
            Sample.usersHeader
            + "s1,,,true,o101,student,u1,,José,Muñoz,,1000001,,,,,04,\ns2,,,true,o101,student,u2,,Zoë,Nguyễn,,1000002,,,,,KG,\n"
        let second = TempDir()
        let bulk = try db.importOneRoster(path: Sample.bundle(in: second, users: fewer))
        #expect(bulk.deactivated == 1)
        let delta = Sample.manifest.replacingOccurrences(of: "file.users,bulk", with: "file.users,delta")
            .replacingOccurrences(of: "file.demographics,bulk", with: "file.demographics,absent")
        let deltaUsers = Sample.usersHeader + "s2,tobedeleted,2026-11-20,,,student,,,,,,,,,,,,\n"
        let third = TempDir()
        let d = try db.importOneRoster(path: Sample.bundle(in: third, users: deltaUsers, manifest: delta))
        #expect(d.updated == 1)
        let active = try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM student WHERE active = 1") }
        #expect(active == 1)
    }

    @Test("a zipped bundle imports like a directory")
    func zip() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let path = Sample.bundle(in: dir)
        let zip = dir.file("bundle.zip")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        p.currentDirectoryURL = URL(fileURLWithPath: path)
        p.arguments = ["-q", zip, "manifest.csv", "orgs.csv", "users.csv", "demographics.csv"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(try db.importOneRoster(path: zip).inserted == 3)
    }

    @Test("OneRoster 1.2: students come from roles.csv")
    func version12() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let manifest =
            Sample.manifest.replacingOccurrences(of: "oneroster.version,1.1", with: "oneroster.version,1.2")
            + "file.roles,bulk\n"
        let users = """
            sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns
            s1,,,true,u1,,José,Muñoz,,1000001,,,,,04,,,,,,,o101,
            t1,,,true,t1,,Pat,Teacher,,T1,,,,,,,,,,,,o101,

            """
        dir.write(
            "oneroster/roles.csv",
            """
            sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId
            r1,,,s1,primary,student,,,o101,
            r2,,,t1,primary,teacher,,,o101,

            """)
        let r = try db.importOneRoster(path: Sample.bundle(in: dir, users: users, manifest: manifest))
        #expect(r.inserted == 1)
        #expect(r.ignored == 1)
    }

    @Test("a bundle without manifest.csv is refused with a clear reason")
    func noManifest() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        dir.write("empty/users.csv", Sample.users)
        #expect {
            try db.importOneRoster(path: dir.file("empty"))
        } throws: { ($0 as! StoreError).message.contains("manifest.csv is missing") }
    }

    @Test("a first bulk load rebuilds the secondary indexes, which then enforce unique student numbers")
    func bulkLoad() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        var users = Sample.usersHeader
        for i in 1...1500 {
            users += "b\(i),,,true,o10\(1 + i % 2),student,u\(i),,Ana,Silva \(i),,\(2_000_000 + i),,,,,05,\n"
        }
        let report = try db.importOneRoster(path: Sample.bundle(in: dir, users: users))
        #expect(report.inserted == 1500)
        let indexes = try db.read {
            try String.fetchAll(
                $0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'student' ORDER BY name")
        }
        #expect(indexes.contains("student_by_number") && indexes.contains("student_by_school"))
        #expect(throws: (any Error).self) {
            try db.write { try $0.execute(sql: "UPDATE student SET number = '2000001' WHERE sourced_id = 'b2'") }
        }
        #expect(try db.importOneRoster(path: Sample.bundle(in: dir, users: users)).unchanged == 1500)
    }
}
