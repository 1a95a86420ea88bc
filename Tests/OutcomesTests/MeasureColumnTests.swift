import Roster
import Testing

@testable import Outcomes

@Suite struct MeasureColumnTests {
    static func student(
        _ id: String, enrolled: Int? = 100, absent: Int? = 5, events: Int = 0, failing: Bool? = false,
        benchmarks: [String: Bool] = [:], level: Double? = nil, prior: YearOutcomes = YearOutcomes()
    ) -> StudentRecord {
        StudentRecord(
            id: id, number: "N\(id)", school: "101", gender: "F", grade: "05", raceEthnicity: "White",
            current: YearOutcomes(
                daysEnrolled: enrolled, daysAbsent: absent, behaviorEvents: events, failingAnyCourse: failing,
                benchmarks: benchmarks, meanPerformanceLevel: level),
            prior: prior)
    }

    @Test func chronicAbsenceIsTenPercentOfEnrolledDaysOrMore() {
        #expect(MeasureColumn.chronicallyAbsent.value(Self.student("a", enrolled: 100, absent: 10)) == true)
        #expect(MeasureColumn.chronicallyAbsent.value(Self.student("b", enrolled: 100, absent: 9)) == false)
        #expect(MeasureColumn.chronicallyAbsent.value(Self.student("c", enrolled: 41, absent: 4)) == false)
        #expect(MeasureColumn.chronicallyAbsent.value(Self.student("d", enrolled: 41, absent: 5)) == true)
        #expect(MeasureColumn.chronicallyAbsent.value(Self.student("e", enrolled: nil, absent: nil)) == nil)
        #expect(MeasureColumn.chronicallyAbsent.value(Self.student("f", enrolled: 0, absent: 0)) == nil)
    }

    @Test func improvementCountsOnlyStudentsWithBothYears() {
        let prior = YearOutcomes(daysEnrolled: 100, daysAbsent: 20, meanPerformanceLevel: 2)
        #expect(MeasureColumn.improvedAttendance.value(Self.student("a", absent: 5, prior: prior)) == true)
        #expect(MeasureColumn.improvedAttendance.value(Self.student("b", absent: 30, prior: prior)) == false)
        #expect(MeasureColumn.improvedAttendance.value(Self.student("c", absent: 5)) == nil)
        #expect(MeasureColumn.improvedPerformance.value(Self.student("d", level: 3, prior: prior)) == true)
        #expect(MeasureColumn.improvedPerformance.value(Self.student("e", level: 2, prior: prior)) == false)
        #expect(MeasureColumn.improvedPerformance.value(Self.student("f", level: nil, prior: prior)) == nil)
    }

    @Test func assessmentColumnsFollowTheTestsTakenAndMissingDataIsNamed() {
        let students = [
            Self.student("a", benchmarks: ["MAP Growth|Math": true, "MAP Growth|Reading": false]),
            Self.student("b", benchmarks: ["MAP Growth|Math": false]),
        ]
        let year = SchoolYear(startYear: 2026)
        let all: Set<String> = ["attendance", "behavior", "course_marks", "assessments"]
        let (columns, unavailable) = MeasureColumn.columns(
            for: [.improvement, .assessments, .attendance], students: students,
            data: DataAvailability(current: all, prior: ["assessments"]), period: year)
        #expect(
            columns.map(\.name) == [
                "chronically_absent", "met_benchmark_map_growth_math", "met_benchmark_map_growth_reading",
                "improved_performance",
            ])
        #expect(unavailable.isEmpty)
        let none = MeasureColumn.columns(
            for: [.behavior, .improvement], students: students, data: DataAvailability(current: [], prior: []),
            period: year)
        #expect(none.columns.isEmpty)
        #expect(
            none.unavailable.map(\.1) == [
                "no behavior data for 2026-2027 has been imported",
                "improvement needs attendance or assessment data for both 2025-2026 and 2026-2027",
            ])
    }
}
