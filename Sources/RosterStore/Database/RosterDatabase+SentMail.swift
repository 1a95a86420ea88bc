import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// The bytes of our outbox messages whose Message-ID is among `messageIDs` (at most 20).
    public func sentMail(messageIDs: [String]) throws -> [[UInt8]] {
        let ids = Array(Set(messageIDs).prefix(20))
        guard !ids.isEmpty else { return [] }
        return try read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT b.bytes FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id
                    WHERE o.message_id IN (\(marks)) ORDER BY o.id
                    """, arguments: StatementArguments(ids)
            ).map { row -> [UInt8] in
                let data: Data = row[0]
                return [UInt8](data)
            }
        }
    }

    /// The bytes of the emails of ours that a reply may quote back: the roster email of `siteID` for `week`
    /// (the copy sent to `recipient` when there is one, else another contact's: they differ only in the
    /// greeting), and every outbox message whose Message-ID is among `messageIDs` (the reply's
    /// `In-Reply-To`/`References`: a confirmation, a digest, an alert). At most 20 referenced messages.
    public func sentMail(siteID: String, week: ISOWeek, recipient: String, messageIDs: [String]) throws -> [[UInt8]] {
        let roster: [UInt8]? = try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT b.bytes FROM outbox o JOIN outbox_body b ON b.outbox_id = o.id
                    WHERE o.kind = 'roster' AND o.site_id = ? AND o.week = ?
                    ORDER BY (o.recipient = ?) DESC, o.id LIMIT 1
                    """, arguments: [siteID, week.description, recipient]
            ).map { r -> [UInt8] in
                let data: Data = r[0]
                return [UInt8](data)
            }
        }
        return (roster.map { [$0] } ?? []) + (try sentMail(messageIDs: messageIDs))
    }
}
