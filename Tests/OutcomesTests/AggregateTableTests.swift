import Disclosure
import Roster
import Testing

@testable import Outcomes

/// The aggregate table of one measure: group rule, coded counts, complementary suppression across the
/// breakdowns, and the release ledger against earlier answers.
@Suite struct AggregateTableTests {
    static let policy = Policy(minGroup: 11, minCount: 10, k: 11, l: 2, zeros: .suppress)

    /// `count` students at `school`, the first `absent` of them chronically absent.
    static func students(_ prefix: String, count: Int, absent: Int, school: String = "101", grade: String = "05")
        -> [StudentRecord]
    {
        (0..<count).map { i in
            StudentRecord(
                id: "\(prefix)\(i)", number: "\(prefix)\(i)", school: school, gender: "F", grade: grade,
                raceEthnicity: "White",
                current: YearOutcomes(daysEnrolled: 100, daysAbsent: i < absent ? 20 : 2), prior: YearOutcomes())
        }
    }

    static func run(_ students: [StudentRecord], earlier: [LedgerEntry] = []) throws -> AggregateTable.Output {
        try AggregateTable(policy: policy, column: .chronicallyAbsent, period: "2026-2027")
            .run(students, earlier: earlier)
    }

    @Test func aGroupOfTenGetsNothingAndElevenGetsItsSize() throws {
        let ten = try Self.run(Self.students("a", count: 10, absent: 5))
        #expect(ten.rows.count == 1)
        #expect(ten.rows[0].students == nil && ten.rows[0].count == nil && ten.rows[0].percent == nil)
        #expect(ten.rows[0].shownAs == "n/a")
        #expect(ten.rows[0].withheldReason.contains("not eligible without a release"))
        #expect(ten.published.isEmpty)
        let eleven = try Self.run(Self.students("a", count: 11, absent: 5))
        #expect(eleven.rows[0].students == 11)
        #expect(eleven.rows[0].shownAs == "<10" && eleven.rows[0].count == nil)
    }

    @Test func smallCountsAndComplementsAreCodedAndPercentOnlyWithTheCount() throws {
        let few = try Self.run(Self.students("a", count: 30, absent: 4))
        #expect(few.rows[0].shownAs == "<10" && few.rows[0].percent == nil)
        let most = try Self.run(Self.students("a", count: 30, absent: 25))
        #expect(most.rows[0].shownAs == ">20" && most.rows[0].count == nil)
        let none = try Self.run(Self.students("a", count: 30, absent: 0))
        #expect(none.rows[0].count == nil, "zero is withheld: it tells about every student")
        let all = try Self.run(Self.students("a", count: 30, absent: 30))
        #expect(all.rows[0].count == nil, "everyone is withheld: it tells about every student")
        let half = try Self.run(Self.students("a", count: 30, absent: 15))
        #expect(half.rows[0].count == 15 && half.rows[0].percent == 50 && half.rows[0].shownAs == "15")
        #expect(half.published.map(\.grouping) == ["all"])
    }

    @Test func aSmallSchoolCannotBeWorkedOutFromTheWholeAndTheOtherSchool() throws {
        let students =
            Self.students("a", count: 30, absent: 15, school: "101")
            + Self.students("b", count: 12, absent: 3, school: "202")
        let out = try Self.run(students)
        let byGroup = Dictionary(uniqueKeysWithValues: out.rows.map { ($0.group, $0) })
        #expect(Set(byGroup.keys) == ["all", "school:101", "school:202"])
        #expect(byGroup["school:202"]?.shownAs == "<10")
        #expect(
            byGroup["all"]?.count == nil || byGroup["school:101"]?.count == nil,
            "18 − 15 would give the small school's 3")
        #expect(byGroup["school:101"]?.students == 30 && byGroup["school:202"]?.students == 12)
    }

    @Test func aSecondAnswerAfterOneStudentJoinsCannotBeDifferenced() throws {
        let first = Self.students("a", count: 30, absent: 15)
        let answer = try Self.run(first)
        #expect(answer.rows[0].count == 15)
        // One more student joins (chronically absent): 16 of 31 minus 15 of 30 would reveal them.
        let second = first + Self.students("z", count: 1, absent: 1)
        let again = try Self.run(second, earlier: answer.published)
        #expect(again.rows[0].count == nil && again.rows[0].percent == nil)
        #expect(again.rows[0].shownAs == "withheld")
        #expect(again.rows[0].withheldReason.contains("earlier answer"))
        #expect(again.published.isEmpty)
        // The same roster again is allowed (it adds nothing); so is another measure of the new roster.
        #expect(try Self.run(first, earlier: answer.published).rows[0].count == 15)
        let other = try AggregateTable(policy: Self.policy, column: .behaviorEvent, period: "2026-2027")
            .run(second, earlier: answer.published)
        #expect(other.rows[0].shownAs == "<10", "no behavior events at all: a coded zero, not a ledger refusal")
        // Eleven students join: no group of fewer than ten can be derived any more.
        let grown = first + Self.students("z", count: 11, absent: 5)
        #expect(try Self.run(grown, earlier: answer.published).rows[0].count == 20)
    }
}
