import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// A change waiting for the CSC, as stored.
    public struct PendingReview: Sendable, Equatable {
        public var changeID: Int64 = 0
        /// Students the CSC may choose from (numbers), as the desk found them.
        public var candidates: [String] = []
        public var siteID: String
        public var sender: String
        public var receivedAt: Date
        public var source: String
        public var rawLine: String
        public var reason: String
    }

    /// A refused message, as stored.
    public struct QuarantinedReply: Sendable, Equatable {
        public var inboxID: Int64 = 0
        public var siteID: String?
        public var sender: String?
        public var receivedAt: Date
        public var subject: String
        public var reason: String
    }

    /// Changes set aside for review and replies quarantined between `from` and `to` (the day's digest).
    public func reviewDay(from: Date, to: Date) throws -> (reviews: [PendingReview], quarantined: [QuarantinedReply]) {
        try read { db in
            let range: StatementArguments = [Timestamp.string(from), Timestamp.string(to)]
            let reviews = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.site_id, i.sender, i.received_at, c.source, c.raw_line, c.reason, c.id, c.candidates
                    FROM change c
                    JOIN inbox i ON i.id = c.inbox_id
                    WHERE c.state = 'needs_review' AND i.received_at >= ? AND i.received_at < ? ORDER BY c.id
                    """, arguments: range
            ).map { r in
                PendingReview(
                    changeID: r[6], candidates: (r[7] as String).split(separator: " ").map(String.init), siteID: r[0],
                    sender: (r[1] as String?) ?? "", receivedAt: Timestamp.date(r[2]) ?? from, source: r[3],
                    rawLine: r[4], reason: r[5])
            }
            let quarantined = try Row.fetchAll(
                db,
                sql: """
                    SELECT site_id, sender, received_at, subject, reason, id FROM inbox
                    WHERE state = 'quarantined' AND received_at >= ? AND received_at < ? ORDER BY id
                    """, arguments: range
            ).map { r in
                QuarantinedReply(
                    inboxID: r[5], siteID: r[0], sender: r[1], receivedAt: Timestamp.date(r[2]) ?? from, subject: r[3],
                    reason: r[4])
            }
            return (reviews, quarantined)
        }
    }

    /// Whether the review digests of `day` were queued already.
    public func hasReviewDigest(day: CalendarDay) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM audit WHERE action = 'review.digest' AND subject = ?)",
                arguments: [day.description]) ?? false
        }
    }
}
