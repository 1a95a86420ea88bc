import Foundation
import Testing

@testable import RosterStore

/// A large users.csv is read in two parts on two threads: the result must be the one-part read's.
@Suite("users.csv read in two parts")
struct UsersSplitTests {
    /// Students and guardians, with a quoted line break, a literal quote, a CR-only line end and bad rows.
    static let users =
        GuardianImportTests.header
        + (1...40).map { i in
            "s\(i),,,true,o10\(1 + i % 2),student,u\(i),,Ana,Silva \(i),,\(1_000_000 + i),,,,,05,,\n"
                + "g\(i),,,true,o101,parent,,,Rosa,\"Silva\n\(i)\",,,g\(i)@home.example,,,\"s\(i),s\(i + 1)\",,,es\n"
                + "h\(i),,,true,o101,guardian,,,Luis,O\"Brien \(i),,,,,,s\(i),,,\r"
                + "t\(i),,,true,o101,teacher,t\(i),,Pat,Teacher,,T\(i),,,,,,,\n"
        }.joined()

    @Test("every split point gives the one-part read's rows, problems and line numbers")
    func sameAsOnePart() throws {
        let dir = TempDir()
        let bundle = try OneRosterBundle.read(path: Sample.bundle(in: dir, users: Self.users))
        var whole = OneRosterParser()
        try whole.parse(bundle, splitUsersAbove: Int.max)
        #expect(whole.students.count == 40 && whole.guardians.count == 40 && whole.ignored == 40)
        #expect(whole.problems.count == 40)  // the line breaks in g's family names
        var split = OneRosterParser()
        try split.parse(bundle, splitUsersAbove: 0)
        #expect(split.students == whole.students)
        #expect(split.guardians == whole.guardians)
        #expect(split.guardianStudents == whole.guardianStudents)
        #expect(split.ignored == whole.ignored)
        #expect(split.problems.sorted() == whole.problems.sorted())
    }

    @Test("recordStart: reading from it gives the records that start there, on their lines")
    func recordStart() throws {
        let data = Data(Self.users.utf8)
        var all: [(line: Int, first: String?)] = []
        try CSVReader.forEachRecord(in: data, file: "users.csv") { all.append(($0.line, $0[0])) }
        // The last record (a teacher's, under 60 bytes) starts before data.count - 60.
        for target in stride(from: 0, to: data.count - 60, by: 7) {
            guard let start = CSVReader.recordStart(in: data, atOrAfter: target) else {
                #expect(Bool(false), "no record start after \(target)")
                continue
            }
            var tail: [(line: Int, first: String?)] = []
            try CSVReader.forEachRecord(in: data[start.offset...], file: "users.csv", firstLine: start.line) {
                tail.append(($0.line, $0[0]))
            }
            let expected = all.suffix(tail.count)
            #expect(tail.map(\.line) == expected.map(\.line) && tail.map(\.first) == expected.map(\.first))
            #expect(tail.first.map { $0.line >= 1 } ?? true)
        }
        #expect(CSVReader.recordStart(in: data, atOrAfter: data.count) == nil)
    }
}
