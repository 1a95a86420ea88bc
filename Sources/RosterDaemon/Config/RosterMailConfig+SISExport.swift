import Foundation
import Roster

extension RosterMailConfig {
    /// The weekly export of applied roster changes for the SIS (`sis_export:` in rostermail.yaml).
    public struct SISExport: Sendable, Equatable {
        /// ISO weekday (1 = Monday … 7 = Sunday) and local time of the scheduled export.
        public var weekday: Int
        public var hour: Int
        public var minute: Int
        /// The SIS operators' addresses; empty: the export is only written under `<state>/exports/`.
        public var to: [String]

        /// Friday 15:00, written to disk only.
        public static let `default` = SISExport(weekday: 5, hour: 15, minute: 0, to: [])

        /// When the scheduled export of `week` is due.
        public func due(in week: ISOWeek, timeZone: TimeZone) -> Date {
            week.monday.adding(days: weekday - 1).instant(hour: hour, minute: minute, in: timeZone)
        }
    }
}
