import Disclosure
import Roster
import Testing

@testable import Outcomes

/// The answer as a whole: refusals, files per level, identified rows only with a covering release.
@Suite struct DataAnswerBuilderTests {
    static let policy = Policy(minGroup: 11, minCount: 10, k: 11, l: 2, zeros: .suppress)
    static let year = SchoolYear(startYear: 2026)
    static let data = DataAvailability(current: ["attendance", "behavior"], prior: ["attendance"])

    static func input(
        _ level: DataLevel, students: Int = 30, data: DataAvailability = data,
        releases: [String: [ReleaseCover]] = [:], names: [String: String] = [:]
    ) -> AnswerInput {
        let students = AggregateTableTests.students("s", count: students, absent: 12)
        return AnswerInput(
            title: "Data request #7", period: year, measures: [.attendance, .behavior], level: level,
            students: students, data: data, releases: releases, names: names)
    }

    static func build(_ input: AnswerInput, seed: UInt64 = 1) throws -> BuiltAnswer {
        var rng = SplitMix(state: seed)
        return try DataAnswerBuilder(policy: policy).build(input, using: &rng)
    }

    @Test func nothingToAnswerIsARefusalWithItsReason() throws {
        let nobody = try Self.build(Self.input(.aggregate, students: 0))
        #expect(nobody.refusal == "nobody was in this site's program during 2026-2027" && nobody.files.isEmpty)
        let noData = try Self.build(Self.input(.aggregate, data: DataAvailability(current: [], prior: [])))
        #expect(noData.refusal?.contains("no outcome data for 2026-2027 has been imported yet") == true)
        let wrongKind = try Self.build(
            Self.input(.aggregate, data: DataAvailability(current: ["assessments"], prior: [])))
        #expect(wrongKind.refusal?.contains("attendance: no attendance data for 2026-2027") == true)
    }

    @Test func deidentifiedRowsAreFreshlyLabelledAndNeedKStudents() throws {
        let a = try Self.build(Self.input(.deidentified), seed: 1)
        #expect(a.files.map(\.filename) == ["aggregates.csv", "deidentified.csv", "README.txt"])
        let rows = a.files[1].text.split(separator: "\r\n")
        #expect(rows.first == "student,school,gender,grade,race_ethnicity,chronically_absent,behavior_event")
        #expect(rows.count == 31)
        #expect(!a.files[1].text.contains("s1"), "no sourcedId or number in the rows")
        let b = try Self.build(Self.input(.deidentified), seed: 2)
        #expect(a.files[1].bytes != b.files[1].bytes, "another answer, another order")
        #expect(a.files[0].bytes == b.files[0].bytes)
        let few = try Self.build(Self.input(.deidentified, students: 10))
        #expect(few.files.map(\.filename) == ["aggregates.csv", "README.txt"])
        #expect(few.summary.contains { $0.contains("fewer than the 11 that de-identified rows need") })
        #expect(a.published.contains { $0.grouping == "deidentified" && $0.students.count == 30 })
        // With a student who has no attendance: the rows reveal the count over the 30 who have; a later aggregate
        // answer over those same 30 is the same information and is not refused by the ledger.
        let noData = StudentRecord(
            id: "x", number: "x", school: "101", gender: "F", grade: "05", raceEthnicity: "White",
            current: YearOutcomes(), prior: YearOutcomes())
        var first = Self.input(.deidentified)
        first.students.append(noData)
        var rng = SplitMix(state: 3)
        let withRows = try DataAnswerBuilder(policy: Self.policy).build(first, using: &rng)
        var later = Self.input(.aggregate)
        later.students.append(noData)
        later.earlier = withRows.published
        let again = try DataAnswerBuilder(policy: Self.policy).build(later, using: &rng)
        #expect(again.files[0].text.contains("all,30,chronically_absent,12,40,12,"), "\(again.files[0].text)")
    }

    @Test func identifiedRowsOnlyForStudentsWhoseReleaseCoversEveryMeasure() throws {
        let releases: [String: [ReleaseCover]] = [
            "s0": [ReleaseCover(releaseID: 10, measures: [.attendance, .behavior, .grades])],
            "s1": [ReleaseCover(releaseID: 11, measures: [.attendance])],
            "s2": [
                ReleaseCover(releaseID: 12, measures: [.behavior]),
                ReleaseCover(releaseID: 13, measures: [.attendance, .behavior]),
            ],
        ]
        let names = ["s0": "Ana Ruiz", "s1": "Ben Ode", "s2": "Cy Park"]
        let a = try Self.build(Self.input(.identified, releases: releases, names: names))
        let file = try #require(a.files.first { $0.filename == "identified.csv" })
        #expect(
            file.text
                == "student_number,name,chronically_absent,behavior_event\r\ns0,Ana Ruiz,Y,N\r\ns2,Cy Park,Y,N\r\n")
        #expect(a.identified.map(\.student) == ["s0", "s2"])
        #expect(a.identified.map(\.release) == [10, 13])
        #expect(a.leftOut == 28)
        #expect(a.summary.contains { $0.hasPrefix("28 student(s) left out") })
        #expect(!a.summary.joined().contains("Ben"), "never who was left out")
        let none = try Self.build(Self.input(.identified))
        #expect(!none.files.contains { $0.filename == "identified.csv" })
        #expect(none.summary.contains { $0.hasPrefix("no identified rows") } && none.leftOut == 30)
    }
}

/// A small deterministic generator for the tests (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// What an answer discloses student by student counts in the ledger like a count does.
@Suite struct AnswerLedgerInteractionTests {
    static let policy = DataAnswerBuilderTests.policy

    @Test func aCountCannotBeSubtractedFromTheIdentifiedRows() throws {
        // 25 students, 24 released: the roster's count minus the identified Y would give the 25th student.
        let students = AggregateTableTests.students("s", count: 25, absent: 12)
        var releases: [String: [ReleaseCover]] = [:]
        var names: [String: String] = [:]
        for (i, s) in students.enumerated() where i < 24 {
            releases[s.id] = [ReleaseCover(releaseID: Int64(i + 1), measures: [.attendance, .behavior])]
            names[s.id] = "Student Name \(i)"
        }
        let input = AnswerInput(
            title: "t", period: DataAnswerBuilderTests.year, measures: [.attendance, .behavior], level: .identified,
            students: students, data: DataAnswerBuilderTests.data, releases: releases, names: names)
        var rng = SplitMix(state: 1)
        let answer = try DataAnswerBuilder(policy: Self.policy).build(input, using: &rng)
        let aggregates = answer.files[0].text
        #expect(aggregates.contains("all,25,chronically_absent,,,withheld,"), "\(aggregates)")
        #expect(answer.identified.count == 24 && answer.leftOut == 1)
        #expect(answer.published.contains { $0.grouping == "identified" && $0.students.count == 24 })
        // With every student released, the count adds nothing and is shown.
        let all = AnswerInput(
            title: "t", period: DataAnswerBuilderTests.year, measures: [.attendance], level: .identified,
            students: students,
            data: DataAnswerBuilderTests.data,
            releases: Dictionary(
                uniqueKeysWithValues: students.map { ($0.id, [ReleaseCover(releaseID: 1, measures: [.attendance])]) }),
            names: Dictionary(uniqueKeysWithValues: students.map { ($0.id, "N") }))
        let full = try DataAnswerBuilder(policy: Self.policy).build(all, using: &rng)
        #expect(full.files[0].text.contains("all,25,chronically_absent,12,48,12,"))
    }

    @Test func rowsAfterOneStudentJoinsWithholdTheColumnTheLedgerRefuses() throws {
        let first = AggregateTableTests.students("s", count: 30, absent: 12)
        var rng = SplitMix(state: 1)
        let earlier = try DataAnswerBuilder(policy: Self.policy).build(
            AnswerInput(
                title: "t", period: DataAnswerBuilderTests.year, measures: [.attendance], level: .aggregate,
                students: first, data: DataAnswerBuilderTests.data), using: &rng)
        #expect(earlier.files[0].text.contains("all,30,chronically_absent,12,"))
        let joined = first + AggregateTableTests.students("z", count: 1, absent: 1)
        let rows = try DataAnswerBuilder(policy: Self.policy).build(
            AnswerInput(
                title: "t", period: DataAnswerBuilderTests.year, measures: [.attendance], level: .deidentified,
                students: joined, data: DataAnswerBuilderTests.data, earlier: earlier.published), using: &rng)
        let csv = try #require(rows.files.first { $0.filename == "deidentified.csv" }).text
        let values = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").last.map(String.init) }
        #expect(values.count == 31 && values.allSatisfy { $0 == "*" }, "the 31 rows would give the newcomer")
        #expect(rows.summary.contains { $0.contains("chronically_absent withheld") })
        #expect(!rows.published.contains { $0.grouping == "deidentified" })
    }

    @Test func noDataIsNotAValueThatProtectsTheOthers() throws {
        // Eleven alike; ten improved their attendance, one has no prior year: the ten would all be known.
        let prior = YearOutcomes(daysEnrolled: 100, daysAbsent: 30)
        let students = (0..<11).map { i in
            StudentRecord(
                id: "s\(i)", number: "\(i)", school: "101", gender: "F", grade: "05", raceEthnicity: "White",
                current: YearOutcomes(daysEnrolled: 100, daysAbsent: 5), prior: i < 10 ? prior : YearOutcomes())
        }
        var rng = SplitMix(state: 1)
        let out = try DeidentifiedRows(policy: Self.policy, columns: [.improvedAttendance]).run(students, using: &rng)
        let csv = try #require(out.csv).text
        let values = csv.split(separator: "\r\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init)
        }
        #expect(values.allSatisfy { $0 == "*" }, "\(csv)")
    }
}
