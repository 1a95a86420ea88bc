import Foundation

/// When the weekly mailing is due: a weekday and local time in an IANA zone, a catch-up window for a
/// daemon that was down at that time, and weeks without school. Pure: the caller passes `now` and which
/// weeks were already mailed.
public struct MailingSchedule: Sendable, Equatable {
    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var hour: Int
    public var minute: Int
    public var timeZone: TimeZone
    /// How long after the scheduled instant a missed mailing is still sent (never for a past week).
    public var catchUp: TimeInterval
    public var noSchoolWeeks: Set<ISOWeek>

    public init(
        weekday: Int, hour: Int, minute: Int, timeZone: TimeZone, catchUp: TimeInterval, noSchoolWeeks: Set<ISOWeek>
    ) {
        self.weekday = weekday
        self.hour = hour
        self.minute = minute
        self.timeZone = timeZone
        self.catchUp = catchUp
        self.noSchoolWeeks = noSchoolWeeks
    }

    /// The instant the mailing of `week` is scheduled for (local wall time; across DST the Calendar picks
    /// the instant that wall time has that day, or the next valid one in a spring-forward gap).
    public func scheduledInstant(of week: ISOWeek) -> Date {
        week.day(weekday - 1).instant(hour: hour, minute: minute, in: timeZone)
    }

    /// What to do at `now`.
    public enum Decision: Sendable, Equatable {
        /// Mail `week` now.
        case mail(ISOWeek)
        /// Nothing to do until `date`.
        case wait(until: Date)
    }

    /// The decision at `now`, given `isMailed(week)` (the store knows which weeks are in the outbox).
    /// Only the week containing `now` can be due: a mailing is never sent for a past week.
    public func decision(at now: Date, isMailed: (ISOWeek) -> Bool) -> Decision {
        let week = ISOWeek(containing: now, in: timeZone)
        let at = scheduledInstant(of: week)
        if now >= at && now < at.addingTimeInterval(catchUp) && !noSchoolWeeks.contains(week) && !isMailed(week) {
            return .mail(week)
        }
        return .wait(until: nextScheduled(after: now))
    }

    /// The first scheduled instant strictly after `now` of a week with school.
    public func nextScheduled(after now: Date) -> Date {
        var week = ISOWeek(containing: now, in: timeZone)
        for _ in 0..<60 {
            let at = scheduledInstant(of: week)
            if at > now && !noSchoolWeeks.contains(week) { return at }
            week = week.next
        }
        return now.addingTimeInterval(7 * 86_400)
    }
}
