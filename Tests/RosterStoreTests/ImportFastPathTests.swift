import Foundation
import GRDB
import Roster
import Testing

@testable import RosterStore

/// The import's fast paths (byte-level field reads, demographics walked in file order, inserts in key
/// order, deferred indexes) must give exactly the results of the straightforward code they replaced.
@Suite("OneRoster import fast paths")
struct ImportFastPathTests {
    // MARK: Pieces

    @Test(
        "KeyOrder sorts by UTF-8 bytes, as SQLite's BINARY collation does",
        arguments: [
            ["stu-1", "stu-2", "stu-10", "stu-100", "stu-11", "stu-9"],
            ["b", "a", "", "ab", "aa", "A", "Z", "é", "e", "ß"],
            ["s3", "s1", "s2", "s1"],
        ])
    func keyOrder(keys: [String]) {
        let order = KeyOrder.ascending(count: keys.count) { keys[$0] }
        #expect(order.map { keys[$0] } == keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(Set(order) == Set(keys.indices))
    }

    @Test("KeyOrder: keys sharing 16 leading bytes keep their input order (the order is only a hint)")
    func keyOrderLongKeys() {
        let keys = ["0123456789abcdef-z", "0123456789abcdef-a", "0"]
        #expect(KeyOrder.ascending(count: keys.count) { keys[$0] } == [2, 0, 1])
    }

    @Test("KeyOrder.duplicates groups keys equal as Swift strings (canonical equivalence), in index order")
    func duplicates() {
        let keys = [
            "s1", "s2", "s1", "caf\u{E9}", "cafe\u{301}", "\u{212A}", "K", "0123456789abcdef-x",
            "0123456789abcdef-y", "0123456789abcdef-x", "s1", "",
        ]
        let groups = KeyOrder.duplicates(count: keys.count) { keys[$0] }
        #expect(Set(groups) == [[0, 2, 10], [3, 4], [5, 6], [7, 9]])
        // The dictionary the sort replaced agrees.
        let byDictionary = Dictionary(grouping: keys.indices) { keys[$0] }.values.filter { $0.count > 1 }
        #expect(Set(groups) == Set(byDictionary))
    }

    @Test("DemographicsTable: same order as users.csv, other orders, and a repeated id (the later row wins)")
    func demographicsTable() {
        var t = DemographicsTable()
        func d(_ g: String) -> Demographics { Demographics(gender: g, raceEthnicity: nil, birthDate: nil) }
        t.add(id: "a", d("male"), line: 2)
        t.add(id: "b", d("female"), line: 3)
        t.add(id: "c", d("other"), line: 4)
        t.add(id: "b", d("unspecified"), line: 5)
        var cursor = 0
        #expect(t.next(for: "a", cursor: &cursor)?.gender == "male")
        #expect(cursor == 1)
        #expect(t.next(for: "b", cursor: &cursor)?.gender == "unspecified")  // row 3 is superseded
        #expect(t.next(for: "c", cursor: &cursor)?.gender == "other")
        #expect(t.next(for: "x", cursor: &cursor) == nil)
        #expect(t.next(for: "a", cursor: &cursor)?.gender == "male")  // out of order: by dictionary
        #expect(t.demographics(of: "b")?.gender == "unspecified")
        #expect(t.latest.map(\.id) == ["a", "c", "b"])
    }

    @Test(
        "firstListItem is split(separator: \",\").first, trimmed",
        arguments: ["", ",", "o1", "o1,o2", ",o2", " o1 ,o2", " ,o2", "o1,", ",,o3, o4"])
    func firstListItem(list: String) {
        let expected = list.split(separator: ",").first.map(OneRosterParser.trimASCII) ?? ""
        #expect(OneRosterParser.firstListItem(list) == expected)
    }

    @Test(
        "isISODay agrees with CalendarDay(iso:)",
        arguments: [
            "2016-05-01", "2016-02-29", "2015-02-29", "2016-13-01", "2016-00-10", "2016-5-01", "20160501",
            "2016-05-0a", "", "0000-01-01", "9999-12-31", "2016-05-01 ", "２016-05-01",
        ])
    func isoDay(text: String) {
        #expect(OneRosterParser.isISODay(text) == (CalendarDay(iso: text) != nil))
    }

    @Test(
        "hasControl on bytes agrees with the scalar definition",
        arguments: ["Ana", "O'Brien", "Nguyễn", "a\tb", "a\nb", "a\u{7F}", "a\u{2028}b", "a\u{2029}", "€", "\u{2027}"])
    func hasControl(name: String) {
        let scalar = name.unicodeScalars.contains {
            $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}"
        }
        #expect(OneRosterParser.hasControl(name) == scalar)
    }

    @Test("FieldReader.equals: trimmed, ASCII case-insensitive, quoted fields, invalid UTF-8 still reported")
    func fieldEquals() throws {
        let csv = Data("a, TRUE ,\"true\",\" True \",tru,\u{FF}true\n".utf8) + Data([0xFF, 0x0A])
        var rows: [[Bool]] = []
        var bad: [Bool] = []
        try CSVReader.forEachRecord(in: csv, file: "t.csv") { r in
            var f = FieldReader(r)
            rows.append((0..<7).map { f.equals($0, ignoringCase: "true") })
            bad.append(f.badUTF8)
        }
        // Column 5 is "\u{FF}true" (valid UTF-8 "ÿtrue"); the second record is one byte 0xFF.
        #expect(rows[0] == [false, true, true, true, false, false, false])
        #expect(bad == [false, true])
    }

    // MARK: Whole imports into real stores

    /// users.csv with `count` students `p1…`, numbers from 3 000 001, schools alternating.
    static func users(_ range: ClosedRange<Int>, extra: String = "") -> String {
        var users = Sample.usersHeader
        for i in range {
            users += "p\(i),,,true,o10\(1 + i % 2),student,u\(i),,Ana,Silva \(i),,\(3_000_000 + i),,,,,05,\n"
        }
        return users + extra
    }

    static func studentIndexes(_ db: RosterDatabase) throws -> [String] {
        try db.read {
            try String.fetchAll(
                $0, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'student' ORDER BY name")
        }
    }

    @Test("the bundle hash is SHA-256 over name, NUL and bytes of each file in name order, as audited before")
    func bundleHash() throws {
        let dir = TempDir()
        let bundle = try OneRosterBundle.read(path: Sample.bundle(in: dir))
        var all = Data()
        for name in bundle.files.keys.sorted() {
            all.append(contentsOf: Array(name.utf8))
            all.append(0)
            all.append(bundle.files[name]!)
        }
        #expect(bundle.hash == SHA256Digest.hex(all))
    }

    @Test("demographics in another order than users.csv, and a repeated row, give the same values")
    func demographicsOutOfOrder() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let path = Sample.bundle(in: dir)
        dir.write(
            "oneroster/demographics.csv",
            """
            sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity
            s3,,,2013-09-09,male,false,false,true,false,true,false,false
            s1,,,2016-05-01,male,false,false,false,false,true,false,true
            s2,,,2021-02-03,female,false,true,false,false,false,false,false
            s1,,,2016-05-02,Female,false,false,false,false,false,false,false

            """)
        #expect(try db.importOneRoster(path: path).inserted == 3)
        let rows = try db.read {
            try Row.fetchAll(
                $0, sql: "SELECT sourced_id, gender, race_ethnicity, birth_date FROM student ORDER BY sourced_id")
        }
        #expect(rows.map { $0["gender"] as String? } == ["female", "female", "male"])
        #expect(rows.map { $0["race_ethnicity"] as String? } == [nil, "asian", "two_or_more_races"])
        #expect(rows.map { $0["birth_date"] as String? } == ["2016-05-02", "2021-02-03", "2013-09-09"])
    }

    @Test("re-import without demographics.csv keeps stored demographics; an update merges them in")
    func keepDemographics() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        _ = try db.importOneRoster(path: Sample.bundle(in: dir))
        let second = TempDir()
        let manifest = Sample.manifest.replacingOccurrences(
            of: "file.demographics,bulk", with: "file.demographics,absent")
        let renamed = Sample.users.replacingOccurrences(of: "Liam,O'Brien", with: "Liam,OBrien")
        let report = try db.importOneRoster(path: Sample.bundle(in: second, users: renamed, manifest: manifest))
        #expect(report.unchanged == 2 && report.updated == 1 && report.inserted == 0)
        let s3 = try db.read { try Row.fetchOne($0, sql: "SELECT * FROM student WHERE sourced_id = 's3'") }
        #expect(s3?["family_name"] == "OBrien")
        #expect(s3?["race_ethnicity"] == "two_or_more_races")
        #expect(s3?["birth_date"] == "2013-09-09")
    }

    @Test("a large import into a populated store keeps the indexes and adds rows in any key order")
    func populatedStore() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        #expect(try db.importOneRoster(path: Sample.bundle(in: dir, users: Self.users(1...1200))).inserted == 1200)
        let second = TempDir()
        let report = try db.importOneRoster(path: Sample.bundle(in: second, users: Self.users(1...2500)))
        #expect(report.inserted == 1300 && report.unchanged == 1200 && report.updated == 0)
        #expect(try Self.studentIndexes(db) == ["student_by_number", "student_by_school"])
        #expect(try db.counts()["student"] == 2500)
        let p2345 = try db.read { try Row.fetchOne($0, sql: "SELECT * FROM student WHERE sourced_id = 'p2345'") }
        #expect(p2345?["number"] == "3002345")
        #expect(p2345?["school_number"] == "102")
        #expect(throws: (any Error).self) {
            try db.write { try $0.execute(sql: "UPDATE student SET number = '3000001' WHERE sourced_id = 'p2'") }
        }
    }

    @Test("a large first import with bad rows writes nothing, keeps the indexes, and reports every bad row")
    func largeRejected() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let bad = """
            x1,,,true,o999,student,ux1,,Ana,Bad,,4000001,,,,,05,
            p7,,,true,o101,student,u7,,Ana,Again,,4000002,,,,,05,
            x3,,,true,o101,student,ux3,,Ana,Number,,3000010,,,,,05,
            x4,,,true,o101,student,ux4,,Ana,Grade,,4000004,,,,,5,

            """
        let error = #expect(throws: StoreError.self) {
            try db.importOneRoster(path: Sample.bundle(in: dir, users: Self.users(1...1500, extra: bad)))
        }
        #expect(error?.code == .importRejected)
        let problems = error?.problems ?? []
        #expect(problems.count == 4, "\(problems)")
        for expected in [
            "users.csv:1502: student x1 belongs to org o999", "users.csv:1503: sourcedId p7 appears again",
            "users.csv:1504: student number 3000010 is also used on line 11", "users.csv:1505: student x4 has grade",
        ] {
            #expect(problems.contains { $0.hasPrefix(expected) }, "missing: \(expected) in \(problems)")
        }
        #expect(try db.counts()["student"] == 0)
        #expect(try Self.studentIndexes(db) == ["student_by_number", "student_by_school"])
        #expect(try db.auditEntries().filter { $0.action == "import.oneroster" }.isEmpty)
        // --skip-invalid takes the 1 500 good rows through the same path.
        let report = try db.importOneRoster(
            path: Sample.bundle(in: dir, users: Self.users(1...1500, extra: bad)), skipInvalid: true)
        #expect(report.inserted == 1500 && report.problems.count == 4)
    }

    @Test("invalid UTF-8 in a flag column is still reported")
    func badUTF8Flag() throws {
        let dir = TempDir()
        let db = try Sample.store(in: dir)
        let path = Sample.bundle(in: dir)
        var users = Data(Sample.usersHeader.utf8)
        users += Data("s1,,,tr".utf8) + Data([0xFF]) + Data("e,o101,student,u1,,Ana,Silva,,1000001,,,,,04,\n".utf8)
        try users.write(to: URL(fileURLWithPath: dir.file("oneroster/users.csv")))
        let error = #expect(throws: StoreError.self) { try db.importOneRoster(path: path) }
        #expect(error?.problems == ["users.csv:2: not valid UTF-8; export the file as UTF-8"])
    }
}
