import Foundation
import Roster
import RosterStore

/// One day's backup of the store and the retention of older ones: `rostermail-YYYY-MM-DD.sqlite` in the
/// backup directory (the district's date), made once a day, checked with `PRAGMA integrity_check`; copies
/// older than `keepDays` days are deleted. Other files in the directory are never touched.
public enum DailyBackup {
    public struct Outcome: Sendable, Equatable {
        /// Today's copy, when this call made it (nil: it existed already).
        public var made: BackupReport?
        /// The file names deleted because they were older than the retention.
        public var removed: [String]
    }

    public static func fileName(for day: CalendarDay) -> String { "rostermail-\(day).sqlite" }

    public static func run(store: RosterDatabase, directory: String, keepDays: Int, today: CalendarDay) throws
        -> Outcome
    {
        let fm = FileManager.default
        let path = (directory as NSString).appendingPathComponent(fileName(for: today))
        var outcome = Outcome(made: nil, removed: [])
        if !fm.fileExists(atPath: path) {
            outcome.made = try store.backup(to: path)
        }
        let oldest = today.adding(days: -keepDays)
        for name in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] {
            guard name.hasPrefix("rostermail-"), name.hasSuffix(".sqlite"),
                let day = CalendarDay(iso: name.dropFirst("rostermail-".count).dropLast(".sqlite".count)),
                day < oldest
            else { continue }
            try fm.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            outcome.removed.append(name)
        }
        outcome.removed.sort()
        return outcome
    }
}
