import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// Adds composed messages to the outbox in one transaction. A message whose (kind, week, site, recipient)
    /// is already there is left alone, so composing the same week twice adds nothing. Returns how many were added.
    @discardableResult
    /// `snapshots`: the rosters these emails list, recorded in the same transaction (see `sentRoster`).
    public func enqueue(
        _ emails: [ComposedEmail], kind: String = "roster", snapshots: [WeeklyRoster] = [], now: Date = Date()
    ) throws -> Int {
        guard !emails.isEmpty || !snapshots.isEmpty else { return 0 }
        return try bulkWrite { db in
            try Self.saveSnapshots(snapshots, db: db)
            let stmt = try db.makeStatement(
                sql: """
                    INSERT INTO outbox (kind, week, site_id, recipient, message_id, state, created_at)
                    VALUES (?, ?, ?, ?, ?, 'queued', ?) ON CONFLICT DO NOTHING
                    """)
            let body = try db.makeStatement(sql: "INSERT INTO outbox_body (outbox_id, bytes) VALUES (?, ?)")
            let at = Timestamp.string(now)
            var added = 0
            for e in emails {
                try stmt.execute(arguments: [kind, e.week.description, e.siteID, e.recipient, e.messageID, at])
                if db.changesCount > 0 {
                    try body.execute(arguments: [db.lastInsertedRowID, Data(e.bytes)])
                    added += 1
                }
            }
            return added
        }
    }

    /// Recipients that already have a message of `kind` for `site` in `week`.
    public func outboxRecipients(kind: String = "roster", week: ISOWeek, siteID: String) throws -> Set<String> {
        try read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT lower(recipient) FROM outbox WHERE kind = ? AND week = ? AND site_id = ?",
                    arguments: [kind, week.description, siteID]))
        }
    }

    /// Recipients that already have a message of `kind` in `week`, by site.
    public func outboxRecipientsBySite(kind: String = "roster", week: ISOWeek) throws -> [String: Set<String>] {
        try read { db in
            var out: [String: Set<String>] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT site_id, lower(recipient) FROM outbox WHERE kind = ? AND week = ?",
                arguments: [kind, week.description])
            while let r = try rows.next() { out[r[0], default: []].insert(r[1]) }
            return out
        }
    }

    /// Messages of one week (optionally one site), in id order.
    public func outboxMessages(week: ISOWeek? = nil, siteID: String? = nil) throws -> [OutboxMessage] {
        try read { db in
            var sql =
                "SELECT \(Self.outboxColumns) FROM \(Self.outboxJoin) WHERE 1"
            var args: StatementArguments = []
            if let week {
                sql += " AND week = ?"
                args += [week.description]
            }
            if let siteID {
                sql += " AND site_id = ?"
                args += [siteID]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: args).map(Self.outboxMessage)
        }
    }

    /// Outbox counts by state for `week`.
    public func outboxStates(week: ISOWeek) throws -> [OutboxMessage.State: Int] {
        try read { db in
            var out: [OutboxMessage.State: Int] = [:]
            for r in try Row.fetchAll(
                db, sql: "SELECT state, COUNT(*) FROM outbox WHERE week = ? GROUP BY state",
                arguments: [week.description])
            {
                if let s = OutboxMessage.State(rawValue: r[0]) { out[s] = r[1] }
            }
            return out
        }
    }

    /// Whether the full weekly mailing of `week` was composed (not only a single site's).
    public func hasWeeklyMailing(week: ISOWeek) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM audit WHERE action = 'mailing.compose' AND subject = ?
                        AND detail LIKE '%"site_filter":""%')
                    """, arguments: [week.description]) ?? false
        }
    }

    /// Writes an audit entry (for services outside the store: mailings, deliveries).
    public func audit(actor: String, action: String, subject: String, detail: [String: String], now: Date = Date())
        throws
    {
        try write { db in
            try AuditLog.append(db, actor: actor, action: action, subject: subject, detail: detail, now: now)
        }
    }

    /// The columns `outboxMessage(_:)` reads, from `outboxJoin`.
    static let outboxColumns =
        "outbox.id, kind, week, site_id, recipient, message_id, outbox_body.bytes, state, attempts, created_at"
    static let outboxJoin = "outbox JOIN outbox_body ON outbox_body.outbox_id = outbox.id"

    static func outboxMessage(_ r: Row) -> OutboxMessage {
        let data: Data = r[6]
        return OutboxMessage(
            id: r[0], kind: r[1], week: r[2], siteID: r[3], recipient: r[4], messageID: r[5], bytes: [UInt8](data),
            state: OutboxMessage.State(rawValue: r[7]) ?? .queued, attempts: r[8], createdAt: r[9])
    }
}
