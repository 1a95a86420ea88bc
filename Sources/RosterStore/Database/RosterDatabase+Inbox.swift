import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// The inbox row of a normalized Message-ID, if one was recorded.
    public func inboxEntry(messageID: String) throws -> (
        id: Int64, state: String, uidValidity: UInt32?, uid: UInt32?, destination: String
    )? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, state, uid_validity, uid, destination FROM inbox WHERE message_id = ?",
                arguments: [messageID]
            ).map { ($0[0], $0[1], ($0[2] as Int64?).map { UInt32($0) }, ($0[3] as Int64?).map { UInt32($0) }, $0[4]) }
        }
    }

    /// The students of a school for matching a reply of `siteID`, each marked when on the site's roster on `day`.
    public func schoolStudents(schoolNumber: String, siteID: String, on day: CalendarDay) throws -> [SchoolStudent] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.number, s.given_name, s.family_name, s.grade,
                        EXISTS (SELECT 1 FROM participation p WHERE p.student_sourced_id = s.sourced_id AND p.site_id = ?
                            AND p.start_date <= ? AND (p.end_date IS NULL OR p.end_date >= ?)) AS on_site
                    FROM student s WHERE s.school_number = ? AND s.active = 1
                    """, arguments: [siteID, day.description, day.description, schoolNumber]
            ).map { r in
                let grade: String? = r[3]
                return SchoolStudent(
                    studentNumber: r[0], givenName: r[1], familyName: r[2], grade: grade.flatMap(Grade.init(ceds:)),
                    onSiteRoster: r[4])
            }
        }
    }

    /// Records which students a site's roster email of `week` listed (once per site and week): one statement
    /// per site, with the condition of `weeklyRoster`'s active students (this week's participation, an active
    /// student).
    static func saveSnapshots(_ rosters: [WeeklyRoster], db: Database) throws {
        guard !rosters.isEmpty else { return }
        let stmt = try db.cachedStatement(
            sql: """
                INSERT INTO roster_snapshot (site_id, week, student_sourced_id)
                SELECT DISTINCT p.site_id, :week, p.student_sourced_id FROM participation p
                JOIN student s ON s.sourced_id = p.student_sourced_id
                WHERE p.site_id = :site AND s.active = 1 AND p.start_date <= :sun
                    AND (p.end_date IS NULL OR p.end_date >= :mon)
                ON CONFLICT DO NOTHING
                """)
        for roster in rosters where !roster.active.isEmpty {
            try stmt.execute(arguments: [
                "week": roster.week.description, "site": roster.siteID, "sun": roster.week.sunday.description,
                "mon": roster.week.monday.description,
            ])
        }
    }

    /// The roster the site's email of `week` listed, as sent (names as they are now); nil when none was sent.
    public func sentRoster(siteID: String, week: ISOWeek) throws -> WeeklyRoster? {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.number, s.given_name, s.family_name, s.grade FROM roster_snapshot r
                    JOIN student s ON s.sourced_id = r.student_sourced_id WHERE r.site_id = ? AND r.week = ?
                    """, arguments: [siteID, week.description])
            guard !rows.isEmpty else { return nil }
            let entries = rows.map { r -> RosterEntry in
                let grade: String? = r[3]
                return RosterEntry(
                    studentNumber: r[0], givenName: r[1], familyName: r[2], grade: grade.flatMap(Grade.init(ceds:)),
                    releaseOnFile: false, change: .none)
            }
            return WeeklyRoster(
                siteID: siteID, week: week, active: Self.sortedByName(entries), droppedSinceLastWeek: [])
        }
    }

    /// Confirmations queued for `recipient` since `since` (the per-sender daily cap).
    public func confirmationCount(to recipient: String, since: Date) throws -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM outbox WHERE kind = 'confirmation' AND recipient = ? AND created_at >= ?",
                arguments: [recipient, Timestamp.string(since)]) ?? 0
        }
    }

    /// A roster change requested by an accepted reply, applied to `participation`.
    public enum ParticipationChange: Sendable, Equatable {
        case add(studentNumber: String, from: CalendarDay)
        case drop(studentNumber: String, asOf: CalendarDay)
    }

    /// Everything a received message does, in one transaction: its inbox row, the participation changes,
    /// the change rows, the release records and revocations, the audit entry, the confirmation in the outbox,
    /// and the mailbox checkpoint. Throws
    /// `StoreError(.inconsistent)` when the Message-ID was recorded meanwhile (nothing is written then).
    @discardableResult
    /// `replacing`: the id of a quarantined inbox row this message now replaces (a CSC released it); throws
    /// `StoreError(.inconsistent)` when that row is no longer quarantined.
    public func recordReceived(
        _ inbox: InboxRecord, changes: [ChangeRecord] = [], participation: [ParticipationChange] = [],
        confirmation: ComposedEmail? = nil, releases: ReleaseEffects? = nil, replacing: Int64? = nil,
        now: Date = Date()
    ) throws -> Int64 {
        try write { db in
            try insertReceived(
                inbox, changes: changes, participation: participation, confirmation: confirmation, releases: releases,
                replacing: replacing, now: now, db: db)
        }
    }

    /// `recordReceived`'s work inside the caller's transaction (desks with effects of their own add them in
    /// the same transaction).
    func insertReceived(
        _ inbox: InboxRecord, changes: [ChangeRecord] = [], participation: [ParticipationChange] = [],
        confirmation: ComposedEmail? = nil, releases: ReleaseEffects? = nil, replacing: Int64? = nil, now: Date,
        db: Database
    ) throws -> Int64 {
        let at = Timestamp.string(now)
        if replacing == nil,
            try Bool.fetchOne(db, sql: "SELECT 1 FROM inbox WHERE message_id = ?", arguments: [inbox.messageID])
                ?? false
        {
            throw StoreError(.inconsistent, location: "Message-ID <\(inbox.messageID)>", "already recorded")
        }
        var confirmationID: Int64?
        if let confirmation {
            try db.execute(
                sql: """
                    INSERT INTO outbox (kind, week, site_id, recipient, message_id, state, created_at)
                    VALUES ('confirmation', ?, ?, ?, ?, 'queued', ?) ON CONFLICT DO NOTHING
                    """,
                arguments: [
                    confirmation.week.description, confirmation.siteID, confirmation.recipient,
                    confirmation.messageID, at,
                ])
            if db.changesCount > 0 {
                confirmationID = db.lastInsertedRowID
                try db.execute(
                    sql: "INSERT INTO outbox_body (outbox_id, bytes) VALUES (?, ?)",
                    arguments: [confirmationID, Data(confirmation.bytes)])
            }
        }
        let inboxID: Int64
        if let replacing {
            // The quarantined row becomes the processed message; its mailbox copy stays where it was moved.
            try db.execute(
                sql: """
                    UPDATE inbox SET state = ?, reason = ?, site_id = ?, week = ?, confirmation_outbox_id = ?
                    WHERE id = ? AND state = 'quarantined'
                    """,
                arguments: [
                    inbox.state.rawValue, inbox.reason, inbox.siteID, inbox.week, confirmationID, replacing,
                ])
            guard db.changesCount == 1 else {
                throw StoreError(.inconsistent, location: "inbox \(replacing)", "no longer a quarantined reply")
            }
            inboxID = replacing
        } else {
            try db.execute(
                sql: """
                    INSERT INTO inbox (message_id, source, mailbox, uid_validity, uid, received_at, sender, subject,
                        site_id, week, state, reason, destination, confirmation_outbox_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    inbox.messageID, inbox.source.kind, inbox.source.mailbox,
                    inbox.source.uidValidity.map { Int64($0) },
                    inbox.source.uid.map { Int64($0) }, Timestamp.string(inbox.receivedAt), inbox.sender,
                    inbox.subject, inbox.siteID, inbox.week, inbox.state.rawValue, inbox.reason, inbox.destination,
                    confirmationID,
                ])
            inboxID = db.lastInsertedRowID
        }
        if let body = inbox.body {
            try db.execute(
                sql: "INSERT INTO inbox_body (inbox_id, bytes) VALUES (?, ?)", arguments: [inboxID, Data(body)])
        }
        for change in participation { try Self.apply(change, siteID: inbox.siteID ?? "", db: db) }
        if let releases { try Self.apply(releases, at: at, db: db) }
        let insertChange = try db.makeStatement(
            sql: """
                INSERT INTO change (inbox_id, site_id, action, student_sourced_id, raw_line, source, requested_by,
                    effective, state, reason, created_at, candidates)
                VALUES (?, ?, ?, (SELECT sourced_id FROM student WHERE number = ?), ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for c in changes {
            try insertChange.execute(arguments: [
                inboxID, c.siteID, c.action.rawValue, c.studentNumber, c.rawLine, c.source, c.requestedBy,
                c.effective, c.state.rawValue, c.reason, at, c.candidates.joined(separator: " "),
            ])
        }
        if let mailbox = inbox.source.mailbox, let validity = inbox.source.uidValidity, let uid = inbox.source.uid {
            try db.execute(
                sql: """
                    INSERT INTO mailbox_checkpoint (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
                    ON CONFLICT(mailbox) DO UPDATE SET uid_validity = excluded.uid_validity,
                        last_uid = CASE WHEN uid_validity = excluded.uid_validity
                            THEN MAX(last_uid, excluded.last_uid) ELSE excluded.last_uid END
                    """, arguments: [mailbox, Int64(validity), Int64(uid)])
        }
        try AuditLog.append(
            db, actor: inbox.sender ?? "unknown sender", action: "reply.\(inbox.state.rawValue)",
            subject: inbox.messageID,
            detail: [
                "site": inbox.siteID ?? "", "week": inbox.week ?? "", "reason": inbox.reason,
                "applied": String(changes.filter { $0.state == .applied }.count),
                "needs_review": String(changes.filter { $0.state == .needsReview }.count),
                "rejected": String(changes.filter { $0.state == .rejected }.count),
                "source": inbox.source.kind,
            ], now: now)
        return inboxID
    }

    static func apply(_ change: ParticipationChange, siteID: String, db: Database) throws {
        switch change {
        case .add(let number, let from):
            try db.execute(
                sql: """
                    INSERT INTO participation (student_sourced_id, site_id, start_date, end_date, source, state)
                    SELECT sourced_id, ?, ?, NULL, 'reply', 'pending_sis' FROM student WHERE number = ?
                    ON CONFLICT(student_sourced_id, site_id, start_date) DO UPDATE SET end_date = NULL, state = 'pending_sis'
                    """, arguments: [siteID, from.description, number])
        case .drop(let number, let asOf):
            // Dropped as of a day: the participation's last day is the day before.
            let last = asOf.adding(days: -1).description
            try db.execute(
                sql: """
                    UPDATE participation SET end_date = ?, state = 'pending_sis'
                    WHERE site_id = ? AND student_sourced_id = (SELECT sourced_id FROM student WHERE number = ?)
                        AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)
                    """, arguments: [last, siteID, number, asOf.description, asOf.description])
        }
    }

    /// The mailbox checkpoint: UIDVALIDITY and the highest UID recorded.
    public func mailboxCheckpoint(_ mailbox: String) throws -> (uidValidity: UInt32, lastUID: UInt32)? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT uid_validity, last_uid FROM mailbox_checkpoint WHERE mailbox = ?", arguments: [mailbox]
            )
            .map { (UInt32($0[0] as Int64), UInt32($0[1] as Int64)) }
        }
    }

    /// Messages of `mailbox` recorded but not yet moved.
    public func unmovedMessages(mailbox: String) throws -> [UnmovedMessage] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, uid_validity, uid, destination FROM inbox
                    WHERE moved_at IS NULL AND mailbox = ? AND uid IS NOT NULL ORDER BY id
                    """, arguments: [mailbox]
            ).map {
                UnmovedMessage(
                    inboxID: $0[0], uidValidity: UInt32($0[1] as Int64), uid: UInt32($0[2] as Int64), destination: $0[3]
                )
            }
        }
    }

    public func markMoved(inboxID: Int64, now: Date = Date()) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE inbox SET moved_at = ? WHERE id = ?", arguments: [Timestamp.string(now), inboxID])
        }
    }

    /// Counts by state of the inbox and the change table (status, tests).
    public func replyCounts() throws -> (inbox: [String: Int], changes: [String: Int]) {
        try read { db in
            var inbox: [String: Int] = [:]
            var changes: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM inbox GROUP BY state") {
                inbox[r[0]] = r[1]
            }
            for r in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM change GROUP BY state") {
                changes[r[0]] = r[1]
            }
            return (inbox, changes)
        }
    }
}
