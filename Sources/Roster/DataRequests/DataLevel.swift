/// How much a data answer identifies students (issue 11): aggregates only, de-identified rows as well, or
/// identified rows for students with a release on file. Every level includes the aggregates.
public enum DataLevel: String, Sendable, Hashable, CaseIterable, Codable {
    case aggregate
    case deidentified = "de-identified"
    case identified
}

/// A school year as the outcome files write it: `2026-2027` (the second year is the first plus one).
public struct SchoolYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The calendar year the school year starts in (2026 for `2026-2027`).
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// Parses exactly `YYYY-YYYY` with consecutive years.
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 9, u[4] == 0x2D, u.indices.allSatisfy({ $0 == 4 || (0x30...0x39).contains(u[$0]) }) else {
            return nil
        }
        func num(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(u[$1] - 0x30) } }
        let a = num(0..<4), b = num(5..<9)
        guard b == a + 1, a >= 1900 else { return nil }
        self.startYear = a
    }

    /// The school year before this one.
    public var prior: SchoolYear { SchoolYear(startYear: startYear - 1) }

    /// The school year containing `day`: from July 1 to June 30.
    public init(containing day: CalendarDay) { self.startYear = day.month >= 7 ? day.year : day.year - 1 }

    /// The first and last days of the school year (July 1 … June 30).
    public var firstDay: CalendarDay { CalendarDay(year: startYear, month: 7, day: 1)! }
    public var lastDay: CalendarDay { CalendarDay(year: startYear + 1, month: 6, day: 30)! }

    public var description: String { "\(startYear)-\(startYear + 1)" }

    public static func < (a: Self, b: Self) -> Bool { a.startYear < b.startYear }
}
