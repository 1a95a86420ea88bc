import Foundation
import Roster

extension RosterMailConfig {
    /// Partners' data requests (`requests:` in rostermail.yaml).
    public struct Requests: Sendable, Equatable {
        public enum Approval: String, Sendable {
            /// Every computed answer goes to the data team first; their APPROVE sends it.
            case dataTeam = "data_team"
            /// Aggregate and de-identified answers go out at once; identified ones wait for the data team.
            case auto
        }

        /// Where partners write requests (`data.requests@<domain>` unless set). Reviews' reply addresses are
        /// `<local part>+<token>@<domain>` under it.
        public var address: String?
        /// Days from receipt to the due date (FERPA practice here: two weeks).
        public var dueDays: Int
        public var approval: Approval
        /// The data team's addresses (reviews, reminders; only they may APPROVE or REJECT). Empty: the admin.
        public var dataTeam: [String]
        /// Days after receipt when the team is reminded of a request still waiting.
        public var remindAfterDays: [Int]

        public static let `default` = Requests(
            address: nil, dueDays: 14, approval: .dataTeam, dataTeam: [], remindAfterDays: [7, 12])

        /// The address partners write to.
        public func address(domain: String) -> String { address ?? "data.requests@\(domain)" }

        /// The local part of `address(domain:)` (reviews' reply addresses add `+<token>`).
        public func localPart(domain: String) -> String {
            let a = address(domain: domain)
            return String(a[..<(a.lastIndex(of: "@") ?? a.endIndex)])
        }
    }

    /// The data team's addresses (the admin when none are configured).
    public var dataTeam: [Person] {
        let list = requests.dataTeam.isEmpty ? [adminAddress] : requests.dataTeam
        return list.map { Person(name: "Data team", email: $0) }
    }
}
