import Foundation
import GRDB
import Roster

/// Bounces: the outbox message a report is about, the report's record and effects (in the same transaction
/// as its inbox row), and the contacts marked undeliverable.
extension RosterDatabase {
    /// The outbox row of `id`, without its body.
    public func outboxEntry(id: Int64) throws -> OutboxEntry? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.entryColumns) FROM outbox WHERE id = ?", arguments: [id])
                .map(Self.entry)
        }
    }

    /// The outbox row whose Message-ID is `messageID` (without brackets, case as sent), without its body.
    public func outboxEntry(messageID: String) throws -> OutboxEntry? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.entryColumns) FROM outbox WHERE message_id = ?", arguments: [messageID]
            ).map(Self.entry)
        }
    }

    static let entryColumns = "id, kind, week, site_id, recipient, message_id, state, last_reply"
    static func entry(_ r: Row) -> OutboxEntry {
        OutboxEntry(
            id: r[0], kind: r[1], week: r[2], siteID: r[3], recipient: r[4], messageID: r[5],
            state: OutboxMessage.State(rawValue: r[6]) ?? .sent, lastReply: r[7])
    }

    /// What `recordBounce` did.
    public struct BounceResult: Sendable, Equatable {
        public var inboxID: Int64
        /// The effect recorded (`bounced` may become `alreadyBounced`).
        public var effect: BounceRecord.Effect
        /// The contact was marked undeliverable now and the alerts were queued.
        public var alerted: Bool
    }

    /// Records a delivery report in one transaction: its inbox row (as every received message), its `bounce`
    /// row, and for a permanent failure the message's `bounced` state with the remote reply, and — the first
    /// time for the contact — the `undeliverable` mark and `alerts` in the outbox. A stale open mark of the
    /// contact is cleared first: partners.yaml changed the contact (`mark.contactFingerprint` differs), or a
    /// later message to it was delivered (accepted by the relay before `deliveredBefore` and not bounced).
    /// Throws `StoreError(.inconsistent)` when the Message-ID was recorded meanwhile (nothing is written).
    public func recordBounce(
        _ inbox: InboxRecord, bounce: BounceRecord, mark: UndeliverableMark?, alerts: [ComposedEmail],
        deliveredBefore: Date, now: Date = Date()
    ) throws -> BounceResult {
        try write { db in
            let at = Timestamp.string(now)
            let inboxID = try insertReceived(inbox, now: now, db: db)
            var effect = bounce.effect
            if effect == .bounced, let id = bounce.outboxID {
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'bounced', next_at = NULL, last_reply = ?
                        WHERE id = ? AND state IN ('sent', 'unknown', 'deferred', 'failed')
                        """, arguments: [bounce.remoteReply ?? "bounced", id])
                if db.changesCount == 0 { effect = .alreadyBounced }
            }
            try db.execute(
                sql: """
                    INSERT INTO bounce (inbox_id, outbox_id, matched_by, original_message_id, recipient, action, status,
                        remote_reply, remote_mta, reporting_mta, effect, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    inboxID, bounce.outboxID, bounce.matchedBy?.rawValue, bounce.originalMessageID, bounce.recipient,
                    bounce.action, bounce.status, bounce.remoteReply, bounce.remoteMTA, bounce.reportingMTA,
                    effect.rawValue, at,
                ])
            var alerted = false
            if effect == .bounced, let mark, let id = bounce.outboxID {
                let open = try Self.openMarks(db, email: mark.email, deliveredBefore: deliveredBefore).first
                var stillOpen = open != nil
                if let open, open.contactFingerprint != mark.contactFingerprint || open.laterDelivered {
                    let reason =
                        open.contactFingerprint != mark.contactFingerprint
                        ? "partners.yaml changed the contact" : "a later message to it was delivered"
                    try db.execute(
                        sql: "UPDATE undeliverable SET cleared_at = ?, cleared_reason = ? WHERE id = ?",
                        arguments: [at, reason, open.id])
                    stillOpen = false
                }
                if !stillOpen {
                    try db.execute(
                        sql: """
                            INSERT INTO undeliverable (email, site_id, outbox_id, remote_reply, contact_fingerprint, since)
                            VALUES (?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            mark.email, mark.siteID, id, bounce.remoteReply ?? "", mark.contactFingerprint, at,
                        ])
                    for email in alerts {
                        try db.execute(
                            sql: """
                                INSERT INTO outbox (kind, week, site_id, recipient, message_id, state, created_at)
                                VALUES (?, ?, ?, ?, ?, 'queued', ?) ON CONFLICT DO NOTHING
                                """,
                            arguments: [
                                "alert.bounce.\(id)", email.week.description, email.siteID, email.recipient,
                                email.messageID, at,
                            ])
                        if db.changesCount > 0 {
                            try db.execute(
                                sql: "INSERT INTO outbox_body (outbox_id, bytes) VALUES (?, ?)",
                                arguments: [db.lastInsertedRowID, Data(email.bytes)])
                        }
                    }
                    alerted = true
                }
            }
            try AuditLog.append(
                db, actor: inbox.sender ?? "mailer-daemon", action: "bounce.\(effect.rawValue)",
                subject: bounce.outboxID.map { "outbox \($0)" } ?? inbox.messageID,
                detail: [
                    "report": inbox.messageID, "status": bounce.status ?? "", "reply": bounce.remoteReply ?? "",
                    "matched_by": bounce.matchedBy?.rawValue ?? "", "contact_marked": alerted ? "yes" : "no",
                ], now: now)
            return BounceResult(inboxID: inboxID, effect: effect, alerted: alerted)
        }
    }

    /// The contacts marked undeliverable and not cleared, oldest first. `laterDelivered`: a message to the
    /// same address queued after the bounced one was accepted by the relay before `deliveredBefore` and has
    /// not bounced (`sent`): the caller treats the mark as cleared.
    public func undeliverableContacts(deliveredBefore: Date) throws -> [UndeliverableContact] {
        try read { db in try Self.openMarks(db, email: nil, deliveredBefore: deliveredBefore) }
    }

    static func openMarks(_ db: Database, email: String?, deliveredBefore: Date) throws -> [UndeliverableContact] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT u.id, u.email, u.site_id, u.outbox_id, u.remote_reply, u.contact_fingerprint, u.since,
                    EXISTS (SELECT 1 FROM outbox o WHERE o.recipient = u.email AND o.id > u.outbox_id
                        AND o.state = 'sent' AND o.sent_at <= ?) AS later
                FROM undeliverable u WHERE u.cleared_at IS NULL AND (? IS NULL OR u.email = ?) ORDER BY u.id
                """, arguments: [Timestamp.string(deliveredBefore), email, email]
        ).map {
            UndeliverableContact(
                id: $0[0], email: $0[1], siteID: $0[2], outboxID: $0[3], remoteReply: $0[4], contactFingerprint: $0[5],
                since: $0[6], laterDelivered: $0[7])
        }
    }

    /// Every `bounce` row, oldest first (tests, audits).
    public func bounceRecords() throws -> [BounceRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT outbox_id, matched_by, original_message_id, recipient, action, status, remote_reply,
                        remote_mta, reporting_mta, effect FROM bounce ORDER BY id
                    """
            ).map { r in
                BounceRecord(
                    outboxID: r[0], matchedBy: (r[1] as String?).flatMap(BounceRecord.MatchedBy.init(rawValue:)),
                    originalMessageID: r[2], recipient: r[3], action: r[4], status: r[5], remoteReply: r[6],
                    remoteMTA: r[7], reportingMTA: r[8], effect: BounceRecord.Effect(rawValue: r[9]) ?? .notice)
            }
        }
    }
}
