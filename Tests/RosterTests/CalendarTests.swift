import Foundation
import Testing

@testable import Roster

@Suite("ISO weeks and calendar days")
struct CalendarTests {
    @Test(
        "ISO week of a day, across year boundaries",
        arguments: [
            ("2026-11-30", "2026-W49"), ("2026-12-31", "2026-W53"), ("2027-01-03", "2026-W53"),
            ("2027-01-04", "2027-W01"), ("2024-12-30", "2025-W01"), ("2021-01-03", "2020-W53"),
        ])
    func weekOfDay(day: String, week: String) {
        let d = CalendarDay(iso: day)!
        #expect(ISOWeek(containingDay: d).description == week)
        #expect(ISOWeek(week)!.monday <= d && d <= ISOWeek(week)!.sunday)
    }

    @Test("weeks per year: 53 only in long years")
    func weeksPerYear() {
        #expect(ISOWeek.weeksIn(year: 2026) == 53)
        #expect(ISOWeek.weeksIn(year: 2025) == 52)
        #expect(ISOWeek(year: 2025, week: 53) == nil)
        #expect(ISOWeek("2026-W54") == nil)
        #expect(ISOWeek("2026-49") == nil)
    }

    @Test("previous and next cross the year")
    func neighbours() {
        #expect(ISOWeek("2027-W01")!.previous.description == "2026-W53")
        #expect(ISOWeek("2026-W53")!.next.description == "2027-W01")
    }

    @Test("day numbers round-trip and weekdays are right")
    func dayNumbers() {
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(CalendarDay(dayNumber: n).dayNumber == n)
        }
        #expect(CalendarDay(iso: "2026-11-30")!.isoWeekday == 1)
        #expect(CalendarDay(iso: "2026-02-29") == nil)
        #expect(CalendarDay(iso: "2024-02-29") != nil)
        #expect(CalendarDay(iso: "2026-1-01") == nil)
    }

    @Test("the week of an instant depends on the district's zone")
    func zone() {
        // Monday 2026-11-30 03:00 UTC is still Sunday evening in Chicago.
        let instant = Date(timeIntervalSince1970: 1_796_007_600)
        #expect(ISOWeek(containing: instant, in: TimeZone(identifier: "UTC")!).description == "2026-W49")
        #expect(ISOWeek(containing: instant, in: TimeZone(identifier: "America/Chicago")!).description == "2026-W48")
    }
}

@Suite("CEDS grades")
struct GradeTests {
    @Test("labels and order")
    func labels() {
        #expect(Grade(ceds: "KG")!.label == "K")
        #expect(Grade(ceds: "04")!.label == "4")
        #expect(Grade(ceds: "12")!.label == "12")
        #expect(Grade(ceds: "4") == nil)
        #expect(Grade(ceds: "kg") == nil)
        #expect(Grade(ceds: "PK")! < Grade(ceds: "KG")!)
        #expect(Grade(ceds: "09")! < Grade(ceds: "10")!)
    }
}
