import Foundation
import Roster

extension RosterMailConfig {
    /// Guardian releases (`releases:` in rostermail.yaml): how requests go out and what a signature needs.
    public struct Releases: Sendable, Equatable {
        public enum RequestMode: String, Sendable { case auto, manual }
        public enum Signers: String, Sendable { case one, all }

        /// `auto`: the daemon queues requests after each weekly mailing; `manual`: only `releases send`.
        public var request: RequestMode
        /// `one`: the first guardian who signs or declines decides; `all`: every guardian with an email signs.
        public var signers: Signers
        /// The last day a release (and its request's reply token) is valid; nil for the end of the school year
        /// (June 30) of the day it is signed.
        public var validUntil: CalendarDay?
        /// Days after the request when the first and second reminder go out.
        public var remindAfterDays: [Int]
        /// A signature needs DMARC pass from our MTA (34 CFR 99.30(d): the signer is authenticated).
        public var requireDMARC: Bool
        /// The purpose the form states when the partner has no `release_purpose`.
        public var purpose: String
        /// The records the form names.
        public var measures: [ReleaseMeasure]

        public static let `default` = Releases(
            request: .auto, signers: .one, validUntil: nil, remindAfterDays: [7, 21], requireDMARC: true,
            purpose: "to plan, run and evaluate the program's services for your child",
            measures: ReleaseMeasure.allCases)

        /// Whether a standing release in `state` ends the requests to every guardian of the student: with `one`
        /// any decision does; with `all` only a refusal or a revocation (a signature ends only its signer's).
        public func settlesForEveryone(_ state: String) -> Bool {
            signers == .one || state == "declined" || state == "revoked"
        }

        /// The last valid day of a release signed (or a request sent) on `day`: `validUntil`, else June 30 of
        /// the school year `day` is in.
        public func expiry(from day: CalendarDay) -> CalendarDay {
            if let validUntil { return validUntil }
            return CalendarDay(year: day.month >= 7 ? day.year + 1 : day.year, month: 6, day: 30)!
        }

        /// The school year of `day` as the SIS writes it: `2026-2027`; the cycle of release requests.
        public func cycle(of day: CalendarDay) -> String {
            let end = expiry(from: day)
            return "\(end.year - 1)-\(end.year)"
        }
    }
}
