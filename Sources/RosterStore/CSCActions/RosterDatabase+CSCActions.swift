import Foundation
import GRDB
import Roster

/// A numbered item of a school's daily digest: a change set aside for review (`3`) or a quarantined reply (`Q2`).
public struct DigestItem: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case change
        case quarantine
    }

    public var label: String
    public var kind: Kind
    /// The `change` row or the `inbox` row.
    public var refID: Int64

    public init(label: String, kind: Kind, refID: Int64) {
        self.label = label
        self.kind = kind
        self.refID = refID
    }
}

/// A change set aside for review, as a CSC's action needs it.
public struct ReviewChange: Sendable, Hashable {
    public var id: Int64
    public var siteID: String
    public var action: String
    public var effective: String?
    public var rawLine: String
    public var requestedBy: String
    public var state: String
    public var reason: String
    public var candidates: [String]
    /// The partner's reply it came from.
    public var inboxID: Int64
    public var messageID: String
    public var subject: String
    public var receivedAt: Date
}

/// A quarantined reply, as a CSC's action needs it.
public struct QuarantinedMessage: Sendable, Hashable {
    public var inboxID: Int64
    public var state: String
    public var siteID: String?
    public var sender: String?
    public var reason: String
    /// Kept when the reply named a known site (see `InboxRecord.body`).
    public var bytes: [UInt8]?
}

/// What a CSC's reply does, recorded in one transaction with its inbox row and its emails.
public enum CSCEffect: Sendable, Hashable {
    /// Applies a change set aside for review, for `studentNumber`.
    case apply(changeID: Int64, studentNumber: String, note: String)
    case reject(changeID: Int64, reason: String)
    /// Marks a quarantined reply as dealt with.
    case discard(inboxID: Int64, note: String)
}

extension RosterDatabase {
    /// Records the numbered items of `school`'s digest of `day` (again: the first numbering stands).
    public func recordDigestItems(school: String, day: CalendarDay, items: [DigestItem]) throws {
        guard !items.isEmpty else { return }
        try write { db in
            for item in items {
                try db.execute(
                    sql: """
                        INSERT INTO digest_item (school, day, label, kind, ref_id) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING
                        """,
                    arguments: [school.lowercased(), day.description, item.label, item.kind.rawValue, item.refID])
            }
        }
    }

    /// The numbered items of `school`'s digest of `day`, by label (`3`, `Q2`).
    public func digestItems(school: String, day: CalendarDay) throws -> [String: DigestItem] {
        try read { db in
            var out: [String: DigestItem] = [:]
            for r in try Row.fetchAll(
                db, sql: "SELECT label, kind, ref_id FROM digest_item WHERE school = ? AND day = ?",
                arguments: [school.lowercased(), day.description])
            {
                let label: String = r[0]
                out[label.uppercased()] = DigestItem(
                    label: label, kind: DigestItem.Kind(rawValue: r[1]) ?? .change, refID: r[2])
            }
            return out
        }
    }

    public func reviewChange(id: Int64) throws -> ReviewChange? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT c.id, c.site_id, c.action, c.effective, c.raw_line, c.requested_by, c.state, c.reason,
                        c.candidates, c.inbox_id, i.message_id, i.subject, i.received_at
                    FROM change c JOIN inbox i ON i.id = c.inbox_id WHERE c.id = ?
                    """, arguments: [id]
            ).map { r in
                ReviewChange(
                    id: r[0], siteID: r[1], action: r[2], effective: r[3], rawLine: r[4], requestedBy: r[5],
                    state: r[6],
                    reason: r[7], candidates: (r[8] as String).split(separator: " ").map(String.init), inboxID: r[9],
                    messageID: r[10], subject: r[11],
                    receivedAt: Timestamp.date(r[12]) ?? Date(timeIntervalSince1970: 0))
            }
        }
    }

    public func quarantinedMessage(inboxID: Int64) throws -> QuarantinedMessage? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT i.id, i.state, i.site_id, i.sender, i.reason, b.bytes FROM inbox i
                    LEFT JOIN inbox_body b ON b.inbox_id = i.id WHERE i.id = ?
                    """, arguments: [inboxID]
            ).map { r in
                QuarantinedMessage(
                    inboxID: r[0], state: r[1], siteID: r[2], sender: r[3], reason: r[4],
                    bytes: (r[5] as Data?).map { [UInt8]($0) })
            }
        }
    }

    /// A CSC's reply and everything it does, in one transaction: its inbox row, the effects (each only if its
    /// item is still waiting: a change `needs_review`, a reply `quarantined`), one `csc_action` row per line
    /// acted on, the confirmation to the CSC and the follow-ups to partners, and the audit entry. Returns the
    /// inbox id. Throws `StoreError(.inconsistent)` when the Message-ID was recorded meanwhile.
    @discardableResult
    public func recordCSCActions(
        _ inbox: InboxRecord, school: String, day: CalendarDay,
        actions: [(label: String, action: String, detail: String)],
        effects: [CSCEffect], confirmation: ComposedEmail?, followUps: [ComposedEmail], now: Date = Date()
    ) throws -> Int64 {
        try write { db in
            let at = Timestamp.string(now)
            let inboxID = try insertReceived(inbox, confirmation: confirmation, now: now, db: db)
            for email in followUps { _ = try Self.insertOutbox(email, kind: "confirmation", at: at, db: db) }
            for effect in effects {
                switch effect {
                case .apply(let id, let number, let note):
                    let row = try Row.fetchOne(
                        db,
                        sql: "SELECT site_id, action, effective FROM change WHERE id = ? AND state = 'needs_review'",
                        arguments: [id])
                    guard let row else { continue }
                    let site: String = row[0]
                    let action: String = row[1]
                    let effective = CalendarDay(iso: (row[2] as String?) ?? "") ?? CalendarDay(now, in: .current)
                    try Self.apply(
                        action == "add"
                            ? .add(studentNumber: number, from: effective)
                            : .drop(studentNumber: number, asOf: effective),
                        siteID: site, db: db)
                    try db.execute(
                        sql: """
                            UPDATE change SET state = 'applied', reason = ?,
                                student_sourced_id = (SELECT sourced_id FROM student WHERE number = ?)
                            WHERE id = ? AND state = 'needs_review'
                            """, arguments: [note, number, id])
                case .reject(let id, let reason):
                    try db.execute(
                        sql: "UPDATE change SET state = 'rejected', reason = ? WHERE id = ? AND state = 'needs_review'",
                        arguments: [reason, id])
                case .discard(let id, let note):
                    try db.execute(
                        sql: "UPDATE inbox SET reason = reason || '; ' || ? WHERE id = ? AND state = 'quarantined'",
                        arguments: [note, id])
                    try db.execute(sql: "DELETE FROM inbox_body WHERE inbox_id = ?", arguments: [id])
                }
            }
            for a in actions {
                try db.execute(
                    sql: """
                        INSERT INTO csc_action (inbox_id, school, day, label, action, detail, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [inboxID, school.lowercased(), day.description, a.label, a.action, a.detail, at])
            }
            try AuditLog.append(
                db, actor: inbox.sender ?? "csc", action: "csc.actions", subject: inbox.messageID,
                detail: [
                    "school": school, "day": day.description,
                    "actions": actions.map { "\($0.label):\($0.action)" }.joined(separator: ","),
                ], now: now)
            return inboxID
        }
    }

    /// Whether a digest item was acted on already (and how).
    public func cscAction(school: String, day: CalendarDay, label: String) throws -> String? {
        try read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT action || ' on ' || substr(created_at, 1, 10) FROM csc_action
                    WHERE school = ? AND day = ? AND label = ? ORDER BY id LIMIT 1
                    """, arguments: [school.lowercased(), day.description, label])
        }
    }
}
