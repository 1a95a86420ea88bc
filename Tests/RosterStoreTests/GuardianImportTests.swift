import Foundation
import GRDB
import Testing

@testable import RosterStore

/// Guardians (OneRoster users with role parent, guardian, relative or relativeOf) imported with the students,
/// into real SQLite stores.
@Suite("Guardians from the SIS")
struct GuardianImportTests {
    /// users.csv 1.1 with the `metadata.preferredLanguage` extension column.
    static let header =
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.preferredLanguage\n"
    static let students = """
        s1,,,true,o101,student,u1,,José,Muñoz,,1000001,,,,,04,,
        s2,,,true,o101,student,u2,,Zoë,Nguyễn,,1000002,,,,,KG,,
        s3,,,true,o102,student,u3,,Liam,O'Brien,,1000003,,,,,07,,
        t1,,,true,o101,teacher,t1,,Pat,Teacher,,T1,,,,,,,

        """
    /// g1: two children, Spanish; g2: no email, a second guardian of s1; g3: relativeOf, one student of
    /// another district (s404, skipped); g4: a guardian with no students named.
    static let guardians = """
        g1,,,true,o101,parent,,,María,Muñoz,,,maria@home.example,,,"s1, s2",,,ES-mx
        g2,,,true,o101,guardian,,,Luis,Muñoz,,,,,,s1,,,
        g3,,,true,o102,relativeOf,,,Ana,O'Brien,,,ana@home.example,,,"s3,s404,s3",,,spa
        g4,,,true,o102,Parent,,,Kai,Lee,,,kai@home.example,,,,,,

        """
    static let users = header + students + guardians

    static func links(_ db: RosterDatabase) throws -> [String] {
        try db.read {
            try Row.fetchAll(
                $0,
                sql: "SELECT guardian_sourced_id, student_sourced_id FROM guardian_student ORDER BY 1, 2"
            ).map { "\($0[0] as String)-\($0[1] as String)" }
        }
    }

    static func guardian(_ db: RosterDatabase, _ id: String) throws -> Row? {
        try db.read { try Row.fetchOne($0, sql: "SELECT * FROM guardian WHERE sourced_id = ?", arguments: [id]) }
    }

    @Test("OneRoster 1.1: parents, guardians and relatives with their students; a second import changes nothing")
    func version11() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let path = Sample.bundle(in: dir, users: Self.users)
        let first = try db.importOneRoster(path: path)
        #expect(first.inserted == 3 && first.ignored == 1 && first.problems.isEmpty)
        var expected = GuardianCounts()
        expected.inserted = 4
        expected.linksAdded = 4
        expected.linksSkipped = 1
        #expect(first.guardians == expected)
        #expect(try Self.links(db) == ["g1-s1", "g1-s2", "g2-s1", "g3-s3"])
        let g1 = try Self.guardian(db, "g1")
        #expect(g1?["given_name"] == "María")
        #expect(g1?["family_name"] == "Muñoz")
        #expect(g1?["email"] == "maria@home.example")
        #expect(g1?["language"] == "es-mx")
        #expect(g1?["active"] == true)
        #expect(try Self.guardian(db, "g2")?["email"] as String? == nil)
        #expect(try Self.guardian(db, "g3")?["language"] == "spa")
        #expect(try Self.guardian(db, "g4")?["language"] as String? == nil)
        let counts = try db.counts()
        #expect(counts["guardian"] == 4 && counts["guardian_student"] == 4)
        #expect(counts["guardian_active"] == 4 && counts["guardian_active_with_email"] == 3)
        // The report and the audit give counts, never a guardian's name or address.
        #expect(first.description.contains("guardians: 4 inserted"))
        #expect(first.description.contains("1 skipped (student not in the district)"))
        let audit = try db.auditEntries().filter { $0.action == "import.oneroster" }
        #expect(audit.count == 1 && audit[0].detail.contains("\"guardians_inserted\":\"4\""))
        for secret in ["María", "Luis", "maria@home.example"] {
            #expect(!first.description.contains(secret) && !audit[0].detail.contains(secret))
        }

        let second = try db.importOneRoster(path: path)
        var same = GuardianCounts()
        same.unchanged = 4
        same.linksSkipped = 1
        #expect(second.guardians == same)
        #expect(second.unchanged == 3 && !second.changed)
        #expect(try Self.links(db) == ["g1-s1", "g1-s2", "g2-s1", "g3-s3"])
    }

    @Test(
        "OneRoster 1.2: guardians come from roles.csv (parent, guardian, relativeOf), language from preferredLanguages")
    func version12() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let manifest =
            Sample.manifest.replacingOccurrences(of: "oneroster.version,1.1", with: "oneroster.version,1.2")
            + "file.roles,bulk\n"
        let users = """
            sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,resourceSourcedIds,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns,preferredLanguages
            s1,,,true,u1,,José,Muñoz,,1000001,,,,,04,,,,,,,o101,,
            s2,,,true,u2,,Zoë,Nguyễn,,1000002,,,,,KG,,,,,,,o101,,
            p1,,,true,,,María,Muñoz,,,maria@home.example,,,"s1,s2",,,,,,,,,,"vi,en"
            p2,,,true,,,Luis,Nguyễn,,,luis@home.example,,,s2,,,,,,,,,,
            p3,,,true,,,Ana,Muñoz,,,,,,s1,,,,,,,,,,
            t1,,,true,t1,,Pat,Teacher,,T1,,,,,,,,,,,,o101,,

            """
        dir.write(
            "oneroster/roles.csv",
            """
            sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId
            r1,,,s1,primary,student,,,o101,
            r2,,,s2,primary,student,,,o101,
            r3,,,p1,primary,parent,,,o101,
            r4,,,p2,primary,guardian,,,o101,
            r5,,,p3,primary,relativeOf,,,o101,
            r6,,,t1,primary,teacher,,,o101,

            """)
        let r = try db.importOneRoster(path: Sample.bundle(in: dir, users: users, manifest: manifest))
        #expect(r.inserted == 2 && r.ignored == 1 && r.problems.isEmpty, "\(r.problems)")
        #expect(r.guardians?.inserted == 3 && r.guardians?.linksAdded == 4)
        #expect(try Self.links(db) == ["p1-s1", "p1-s2", "p2-s2", "p3-s1"])
        #expect(try Self.guardian(db, "p1")?["language"] == "vi")
    }

    @Test("a bulk file without a guardian deactivates it (row and links kept); a changed row relinks")
    func bulkDeactivates() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        _ = try db.importOneRoster(path: Sample.bundle(in: dir, users: Self.users))
        // g2 is gone; g1 now names only s1; g3 has a new address.
        let next =
            Self.header + Self.students + """
                g1,,,true,o101,parent,,,María,Muñoz,,,maria@home.example,,,s1,,,ES-mx
                g3,,,true,o102,relativeOf,,,Ana,O'Brien,,,ana.obrien@home.example,,,"s3,s404",,,spa
                g4,,,true,o102,Parent,,,Kai,Lee,,,kai@home.example,,,,,,

                """
        let second = TempDir()
        let r = try db.importOneRoster(path: Sample.bundle(in: second, users: next))
        var expected = GuardianCounts()
        expected.unchanged = 2
        expected.updated = 1
        expected.deactivated = 1
        expected.linksRemoved = 1
        expected.linksSkipped = 1
        #expect(r.guardians == expected)
        let g2 = try Self.guardian(db, "g2")
        #expect(g2?["active"] == false)
        #expect(g2?["given_name"] == "Luis")
        #expect(try Self.links(db) == ["g1-s1", "g2-s1", "g3-s3"])
        #expect(try Self.guardian(db, "g3")?["email"] == "ana.obrien@home.example")
        #expect(try db.counts()["guardian_active"] == 3)
        // Back in the next bulk file: active again.
        let third = TempDir()
        let back = try db.importOneRoster(path: Sample.bundle(in: third, users: Self.users))
        #expect(back.guardians?.updated == 2 && back.guardians?.linksAdded == 1)
        #expect(try db.counts()["guardian_active"] == 4)
    }

    @Test("a delta tobedeleted deactivates a guardian and keeps their links; other guardians stay")
    func deltaDeactivates() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        _ = try db.importOneRoster(path: Sample.bundle(in: dir, users: Self.users))
        let delta = Sample.manifest.replacingOccurrences(of: "file.users,bulk", with: "file.users,delta")
            .replacingOccurrences(of: "file.demographics,bulk", with: "file.demographics,absent")
        let users = Self.header + "g1,tobedeleted,2026-11-20,,,parent,,,,,,,,,,,,,\n"
        let second = TempDir()
        let r = try db.importOneRoster(path: Sample.bundle(in: second, users: users, manifest: delta))
        #expect(r.guardians?.deactivated == 1 && r.guardians?.inserted == 0 && r.guardians?.linksRemoved == 0)
        #expect(try Self.guardian(db, "g1")?["active"] == false)
        #expect(try Self.guardian(db, "g1")?["given_name"] == "María")
        #expect(try Self.guardian(db, "g2")?["active"] == true)
        #expect(try Self.links(db) == ["g1-s1", "g1-s2", "g2-s1", "g3-s3"])
        #expect(try db.counts()["student"] == 3)
    }

    @Test("bad guardian rows: every one reported as users.csv:LINE without names or addresses; nothing changes")
    func badRows() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        _ = try db.importOneRoster(path: Sample.bundle(in: dir, users: Self.users))
        let before = try db.counts()
        let bad =
            Self.header + Self.students + """
                g5,,,true,o101,parent,,,,Muñoz,,,,,,s1,,,
                g6,,,true,o101,parent,,,Rosa,"Mu
                ñoz",,,,,,s1,,,
                g7,,,true,o101,parent,,,Rosa,Díaz,,,rosa at home.example,,,s1,,,
                g8,,,true,o101,guardian,,,Rosa,Díaz,,,<rosa@home.example>,,,s1,,,
                g9,,,true,o101,parent,,,Rosa,Díaz,,,,,,s1,,,español
                g1,,,true,o101,parent,,,María,Muñoz,,,maria@home.example,,,s1,,,es
                g1,,,true,o101,parent,,,María,Muñoz,,,maria@home.example,,,s2,,,es
                ,,,true,o101,parent,,,Rosa,Díaz,,,,,,s1,,,

                """
        let second = TempDir()
        let error = #expect(throws: StoreError.self) {
            try db.importOneRoster(path: Sample.bundle(in: second, users: bad))
        }
        #expect(error?.code == .importRejected)
        let problems = error?.problems ?? []
        #expect(problems.count == 7, "\(problems)")
        for expected in [
            "users.csv:6: guardian g5 has an empty givenName or familyName",
            "users.csv:7: guardian g6 has a control character",
            "users.csv:9: guardian g7 has an email that is not one plain address",
            "users.csv:10: guardian g8 has an email that is not one plain address",
            "users.csv:11: guardian g9 has preferred language “español”",
            "users.csv:13: sourcedId g1 appears again (first on line 12)",
            "users.csv:14: sourcedId is empty",
        ] {
            #expect(problems.contains { $0.hasPrefix(expected) }, "missing: \(expected) in \(problems)")
        }
        for secret in ["Rosa", "Díaz", "rosa", "María"] {
            #expect(!problems.joined().contains(secret))
        }
        #expect(try db.counts() == before)
        #expect(try Self.links(db) == ["g1-s1", "g1-s2", "g2-s1", "g3-s3"])
        // --skip-invalid takes the good rows: g1 (its first row) now names only s1.
        let r = try db.importOneRoster(path: Sample.bundle(in: second, users: bad), skipInvalid: true)
        #expect(r.problems.count == 7)
        #expect(r.guardians?.linksRemoved == 1)
    }

    @Test("a first load of many guardians rebuilds their indexes; links to unknown students are only counted")
    func bulkLoad() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        var users = Self.header
        for i in 1...1200 {
            users += "b\(i),,,true,o10\(1 + i % 2),student,u\(i),,Ana,Silva \(i),,\(2_000_000 + i),,,,,05,,\n"
        }
        for i in 1...1500 {
            let kids = i % 3 == 0 ? "\"b\(i),b\(i + 1)\"" : "b\(i)"
            users += "p\(i),,,true,o101,parent,,,Rosa,Silva \(i),,,p\(i)@home.example,,,\(kids),,,es\n"
        }
        let r = try db.importOneRoster(path: Sample.bundle(in: dir, users: users))
        // Students are b1 … b1200: the links p1201 … p1500 name (and p1200's b1201) are skipped.
        #expect(r.guardians?.inserted == 1500)
        let named = (1...1500).reduce(0) { $0 + ($1 % 3 == 0 ? 2 : 1) }
        let known = (1...1500).reduce(0) { n, i in
            n + (i <= 1200 ? 1 : 0) + (i % 3 == 0 && i + 1 <= 1200 ? 1 : 0)
        }
        #expect(r.guardians?.linksAdded == known)
        #expect(r.guardians?.linksSkipped == named - known)
        let indexes = try db.read {
            try String.fetchAll(
                $0,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('guardian', 'guardian_student')
                    AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """)
        }
        #expect(indexes == ["guardian_by_email", "guardian_student_by_student"])
        let byEmail = try db.read {
            try String.fetchOne($0, sql: "SELECT sourced_id FROM guardian WHERE email = 'P77@HOME.EXAMPLE'")
        }
        #expect(byEmail == "p77")
        #expect(try db.importOneRoster(path: Sample.bundle(in: dir, users: users)).guardians?.unchanged == 1500)
    }
}
