import Foundation
import GRDB

extension RosterDatabase {
    /// One row of the `change` table as a reply recorded it (read-only view for status pages and tests).
    public struct RecordedChange: Sendable, Hashable {
        public var inboxID: Int64
        public var siteID: String
        /// `add` or `drop`.
        public var action: String
        /// The matched student's number; nil for a change that matched nobody (needs review, rejected).
        public var studentNumber: String?
        /// `applied`, `needs_review` or `rejected`.
        public var state: String
        public var reason: String
        /// Where in the reply the change came from (`line 3`, `roster.csv row 2`, `roster copy`).
        public var source: String
        public var rawLine: String
        public var requestedBy: String
        public var effective: String?
    }

    /// One row of the `inbox` table (read-only view).
    public struct ReceivedMessage: Sendable, Hashable {
        public var id: Int64
        public var messageID: String
        public var sender: String?
        public var siteID: String?
        public var week: String?
        /// `applied`, `quarantined` or `ignored`.
        public var state: String
        public var reason: String
        public var destination: String
        public var confirmationOutboxID: Int64?
    }

    /// Every received message, oldest first.
    public func receivedMessages() throws -> [ReceivedMessage] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, message_id, sender, site_id, week, state, reason, destination, confirmation_outbox_id
                    FROM inbox ORDER BY id
                    """
            ).map {
                ReceivedMessage(
                    id: $0[0], messageID: $0[1], sender: $0[2], siteID: $0[3], week: $0[4], state: $0[5],
                    reason: $0[6], destination: $0[7], confirmationOutboxID: $0[8])
            }
        }
    }

    /// The changes recorded for one received message (all of them when `inboxID` is nil), in order.
    public func recordedChanges(inboxID: Int64? = nil) throws -> [RecordedChange] {
        try read { db in
            var sql = """
                SELECT c.inbox_id, c.site_id, c.action, s.number, c.state, c.reason, c.source, c.raw_line,
                    c.requested_by, c.effective
                FROM change c LEFT JOIN student s ON s.sourced_id = c.student_sourced_id
                """
            var arguments: StatementArguments = []
            if let inboxID {
                sql += " WHERE c.inbox_id = ?"
                arguments += [inboxID]
            }
            sql += " ORDER BY c.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                RecordedChange(
                    inboxID: $0[0], siteID: $0[1], action: $0[2], studentNumber: $0[3], state: $0[4], reason: $0[5],
                    source: $0[6], rawLine: $0[7], requestedBy: $0[8], effective: $0[9])
            }
        }
    }
}
