import Foundation

/// An ISO 8601 week (`2026-W49`), the unit of the Monday mailing.
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    public init?(year: Int, week: Int) {
        guard (1...53).contains(week), week <= Self.weeksIn(year: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// Parses `2026-W49` (also `2026W49`, lower-case `w`).
    public init?(_ text: String) {
        // The canonical form, `2026-W49`, read directly (the delivery loop reads one per message).
        let b = Array(text.utf8)
        if b.count == 8, b[4] == 0x2D, b[5] == 0x57, b[0...3].allSatisfy({ (0x30...0x39).contains($0) }),
            b[6...7].allSatisfy({ (0x30...0x39).contains($0) })
        {
            let digit = { (i: Int) in Int(b[i]) - 0x30 }
            self.init(year: digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3), week: digit(6) * 10 + digit(7))
            return
        }
        let parts = text.uppercased().replacingOccurrences(of: "-", with: "").split(separator: "W")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let w = Int(parts[1]) else {
            return nil
        }
        self.init(year: y, week: w)
    }

    /// The ISO week containing `date` in `timeZone`.
    public init(containing date: Date, in timeZone: TimeZone) {
        var cal = Calendar(identifier: .iso8601)
        cal.timeZone = timeZone
        let comps = cal.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        self.year = comps.yearForWeekOfYear!
        self.week = comps.weekOfYear!
    }

    public var description: String {
        "\(year)-W" + (week < 10 ? "0\(week)" : "\(week)")
    }

    /// Compact form for identifiers: `2026w49`.
    public var compact: String { "\(year)w" + (week < 10 ? "0\(week)" : "\(week)") }

    /// The Monday of this week as a calendar day.
    public var monday: CalendarDay { day(0) }
    /// The Sunday ending this week.
    public var sunday: CalendarDay { day(6) }

    /// Day `offset` (0 = Monday) of this week.
    public func day(_ offset: Int) -> CalendarDay {
        // ISO week 1 contains January 4th.
        let jan4 = CalendarDay(year: year, month: 1, day: 4)!
        let jan4Weekday = jan4.isoWeekday  // 1 = Monday
        return jan4.adding(days: (week - 1) * 7 - (jan4Weekday - 1) + offset)
    }

    public var previous: ISOWeek { ISOWeek(containingDay: monday.adding(days: -7)) }
    public var next: ISOWeek { ISOWeek(containingDay: monday.adding(days: 7)) }

    init(containingDay day: CalendarDay) {
        let thursday = day.adding(days: 4 - day.isoWeekday)
        let jan1 = CalendarDay(year: thursday.year, month: 1, day: 1)!
        self.year = thursday.year
        self.week = (thursday.dayNumber - jan1.dayNumber) / 7 + 1
    }

    static func weeksIn(year: Int) -> Int {
        // A year has 53 weeks when Dec 28 falls in week 53.
        let dec28 = CalendarDay(year: year, month: 12, day: 28)!
        return ISOWeek(containingDay: dec28).week
    }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }
}
