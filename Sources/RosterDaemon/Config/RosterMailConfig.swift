import Foundation
import Roster

/// The whole configuration: `rostermail.yaml` (district, schedule, delivery, paths, policy) and
/// `partners.yaml` (schools and their coordinators, partners, programs, sites, contacts).
public struct RosterMailConfig: Sendable {
    public var district: DistrictIdentity
    /// Where failures and alerts go.
    public var adminAddress: String
    public var timeZone: TimeZone
    public var schedule: Schedule
    public var transport: Transport
    /// Absolute path of the templates directory.
    public var templatesDirectory: String
    /// Store file name, relative to the state directory unless absolute.
    public var storeFile: String
    public var policy: Policy
    public var directory: Directory
    /// The directory the files were read from.
    public var configDirectory: String

    /// When the weekly mailing goes out.
    public struct Schedule: Sendable, Equatable {
        /// 1 = Monday … 7 = Sunday.
        public var weekday: Int
        public var hour: Int
        public var minute: Int
        /// How long after the scheduled time a daemon that was down still sends that week's mailing.
        public var catchUpHours: Int
        public var noSchoolWeeks: Set<ISOWeek>
    }

    /// Disclosure thresholds (FERPA rules; see README "Privacy rules").
    public struct Policy: Sendable, Equatable {
        public var minGroupSize: Int
        public var minCellCount: Int
        public var kAnonymity: Int
        public var dataRequestDays: Int
    }
}

/// Where outgoing mail goes.
public enum Transport: Sendable, Equatable, CustomStringConvertible {
    /// A Maildir, relative to the state directory unless absolute (the embedded default).
    case maildir(String)
    /// SMTP submission (`smtp://` with STARTTLS, `smtps://`): delivery over SMTP is not built yet (issue 5).
    case smtp(String)

    /// Parses `maildir:PATH`, `smtp://host:port`, `smtps://host:port`.
    public init?(_ text: String) {
        if text.hasPrefix("maildir:") {
            let path = String(text.dropFirst("maildir:".count))
            guard !path.isEmpty else { return nil }
            self = .maildir(path)
        } else if text.hasPrefix("smtp://") || text.hasPrefix("smtps://"), URL(string: text)?.host != nil {
            self = .smtp(text)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .maildir(let p): return "maildir:\(p)"
        case .smtp(let u): return u
        }
    }
}
