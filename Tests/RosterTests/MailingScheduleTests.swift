import Foundation
import Testing

@testable import Roster

@Suite("weekly mailing schedule (injected clock)")
struct MailingScheduleTests {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static func schedule(noSchool: Set<ISOWeek> = [], catchUpHours: Double = 48) -> MailingSchedule {
        MailingSchedule(
            weekday: 1, hour: 7, minute: 0, timeZone: chicago, catchUp: catchUpHours * 3600, noSchoolWeeks: noSchool)
    }

    /// `2026-11-30 07:00` local → instant.
    static func local(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        CalendarDay(iso: day)!.instant(hour: hour, minute: minute, in: chicago)
    }

    @Test("due at the scheduled time, not before, not twice")
    func due() {
        let s = Self.schedule()
        #expect(
            s.decision(at: Self.local("2026-11-30", 6, 59), isMailed: { _ in false })
                == .wait(until: Self.local("2026-11-30", 7)))
        #expect(s.decision(at: Self.local("2026-11-30", 7), isMailed: { _ in false }) == .mail(ISOWeek("2026-W49")!))
        #expect(
            s.decision(at: Self.local("2026-11-30", 7, 5), isMailed: { _ in true })
                == .wait(until: Self.local("2026-12-07", 7)))
    }

    @Test("a daemon that was down catches up within the window of the same week, never for a past week")
    func catchUp() {
        let s = Self.schedule(catchUpHours: 48)
        #expect(
            s.decision(at: Self.local("2026-12-02", 6, 59), isMailed: { _ in false }) == .mail(ISOWeek("2026-W49")!))
        #expect(
            s.decision(at: Self.local("2026-12-02", 7, 1), isMailed: { _ in false })
                == .wait(until: Self.local("2026-12-07", 7)))
        // Sunday of the same week is outside the window; the next week is not due yet either.
        #expect(
            s.decision(at: Self.local("2026-12-06", 23), isMailed: { _ in false })
                == .wait(until: Self.local("2026-12-07", 7)))
    }

    @Test("no-school weeks are skipped")
    func noSchool() {
        let s = Self.schedule(noSchool: [ISOWeek("2026-W52")!, ISOWeek("2026-W53")!])
        #expect(
            s.decision(at: Self.local("2026-12-21", 8), isMailed: { _ in false })
                == .wait(until: Self.local("2027-01-04", 7)))
        #expect(s.nextScheduled(after: Self.local("2026-12-15", 9)) == Self.local("2027-01-04", 7))
    }

    @Test(
        "07:00 local stays 07:00 across the DST changes",
        arguments: [("2026-03-09", -5), ("2026-11-02", -6), ("2027-03-15", -5)])
    func dst(day: String, offsetHours: Int) {
        let s = Self.schedule()
        let week = ISOWeek(containingDay: CalendarDay(iso: day)!)
        let at = s.scheduledInstant(of: week)
        #expect(Self.chicago.secondsFromGMT(for: at) == offsetHours * 3600)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = Self.chicago
        #expect(cal.component(.hour, from: at) == 7)
        #expect(cal.component(.weekday, from: at) == 2)  // Monday
    }

    @Test("a mailing at 02:30 on a spring-forward Sunday still happens (the next valid instant)")
    func springForwardGap() {
        var s = Self.schedule()
        s.weekday = 7
        s.hour = 2
        s.minute = 30
        let at = s.scheduledInstant(of: ISOWeek("2027-W10")!)  // Sunday 2027-03-14, 02:00 → 03:00
        #expect(CalendarDay(at, in: Self.chicago).description == "2027-03-14")
        #expect(s.decision(at: at, isMailed: { _ in false }) == .mail(ISOWeek("2027-W10")!))
    }

    @Test("restart in the middle: the decision depends only on now and what the store says was mailed")
    func restart() {
        let s = Self.schedule()
        var mailed: Set<ISOWeek> = []
        let now = Self.local("2026-11-30", 9)
        if case .mail(let w) = s.decision(at: now, isMailed: mailed.contains) { mailed.insert(w) }
        // A restart an hour later sees the week mailed and waits for the next one.
        #expect(
            s.decision(at: now.addingTimeInterval(3600), isMailed: mailed.contains)
                == .wait(until: Self.local("2026-12-07", 7)))
    }
}
