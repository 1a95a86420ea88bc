import Foundation
import RosterStore
import Testing

@testable import RosterDaemon

/// The sample district's guardians have the shapes the release process must meet, and import as written.
@Suite("sample district guardians")
struct SampleGuardiansTests {
    /// Guardian rows of users.csv: sourcedId, students, email.
    static func guardians(in users: String) throws -> [(id: String, students: [String], email: String)] {
        var out: [(id: String, students: [String], email: String)] = []
        var header: CSVHeader?
        try CSVReader.forEachRecord(in: try Data(contentsOf: URL(fileURLWithPath: users)), file: "users.csv") { r in
            guard let h = header else {
                header = CSVHeader(r)
                return
            }
            let role = r.trimmed(h.column("role")!) ?? ""
            guard ["parent", "guardian", "relative"].contains(role) else { return }
            let students = (r.trimmed(h.column("agentSourcedIds")!) ?? "").split(separator: ",").map(String.init)
            out.append((r.trimmed(h.column("sourcedId")!)!, students, r.trimmed(h.column("email")!) ?? ""))
        }
        return out
    }

    @Test("most students one or two guardians, some none; some guardians two children; a few without email")
    func shapes() throws {
        let dir = NSTemporaryDirectory() + "rostermail-sample-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let students = 3000
        let summary = try SampleDistrict(students: students, schools: 6, seed: 9).write(to: dir)
        let rows = try Self.guardians(in: dir + "/oneroster/users.csv")
        #expect(rows.count == summary.guardians)
        #expect(rows.reduce(0) { $0 + $1.students.count } == summary.guardianLinks)

        var perStudent = [Int](repeating: 0, count: students + 1)
        for g in rows { for s in g.students { perStudent[Int(s.dropFirst(4))!] += 1 } }
        let counts = Dictionary(grouping: perStudent.dropFirst(), by: { $0 }).mapValues(\.count)
        let none = counts[0] ?? 0, one = counts[1] ?? 0, two = counts[2] ?? 0
        #expect(none + one + two == students, "at most two guardians each: \(counts)")
        #expect(one + two > students * 85 / 100, "most have one or two: \(counts)")
        #expect(none > students * 2 / 100, "some have none: \(counts)")
        let twoChildren = rows.filter { $0.students.count == 2 }.count
        #expect(twoChildren > rows.count / 20 && rows.allSatisfy { (1...2).contains($0.students.count) })
        let noEmail = rows.filter(\.email.isEmpty).count
        #expect(noEmail > 0 && noEmail < rows.count / 10, "a few without an email: \(noEmail) of \(rows.count)")

        // Deterministic with the seed.
        let again = NSTemporaryDirectory() + "rostermail-sample-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: again) }
        _ = try SampleDistrict(students: students, schools: 6, seed: 9).write(to: again)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: dir + "/oneroster/users.csv"))
                == Data(contentsOf: URL(fileURLWithPath: again + "/oneroster/users.csv")))

        // All of it imports: every guardian and link, none skipped.
        let store = try RosterDatabase(path: dir + "/state/rostermail.sqlite")
        let report = try store.importOneRoster(path: dir + "/oneroster")
        #expect(report.problems.isEmpty)
        #expect(report.guardians?.inserted == summary.guardians)
        #expect(report.guardians?.linksAdded == summary.guardianLinks && report.guardians?.linksSkipped == 0)
        let stored = try store.counts()
        #expect(stored["guardian_active"] == summary.guardians)
        #expect(stored["guardian_active_with_email"] == summary.guardians - noEmail)
    }
}
