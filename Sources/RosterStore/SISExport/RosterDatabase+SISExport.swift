import Foundation
import GRDB
import Roster

/// One participation row of an SIS export, in the participation import's layout.
public struct SISExportRow: Sendable, Hashable {
    public var participationID: Int64
    public var studentNumber: String
    public var schoolNumber: String
    public var programCode: String
    public var startDate: String
    public var endDate: String?
}

/// One change behind an export: who asked for what, and when.
public struct SISExportRequest: Sendable, Hashable {
    public var changeID: Int64
    public var studentNumber: String
    public var schoolNumber: String
    public var programCode: String
    public var action: String
    public var effective: String
    public var requestedBy: String
    public var requestedAt: String
    public var source: String
}

/// What an export would carry: the changes and the participation rows they leave waiting for the SIS.
public struct SISExportSelection: Sendable {
    public var rows: [SISExportRow]
    public var requests: [SISExportRequest]
}

/// An exported change the SIS has not confirmed: still missing after imports, or contradicted.
public struct SISOutstanding: Sendable, Hashable {
    public var participationID: Int64
    public var siteID: String
    public var schoolNumber: String
    public var studentNumber: String
    public var startDate: String
    public var endDate: String?
    public var exportedOn: String
    public var state: String
    public var missingImports: Int
    public var detail: String
    /// Already told to the admin.
    public var alerted: Bool

    /// One line for the CSC and the admin: what was asked, when it was exported, what the SIS shows.
    public var line: String {
        let what =
            endDate.map { "drop of student \(studentNumber) (last day \($0))" }
            ?? "add of student \(studentNumber) (from \(startDate))"
        let status =
            state == "contradicted"
            ? detail
            : "still not in the SIS after \(missingImports) participation import\(missingImports == 1 ? "" : "s")"
        return "site \(siteID): \(what), exported \(exportedOn); \(status)"
    }
}

/// What a participation import did to the exported changes.
public struct SISReconciliation: Sendable, Equatable {
    public var confirmed = 0
    public var contradicted = 0
    /// Still not in the SIS after this import.
    public var missing = 0
    /// Newly reaching two imports without showing up, or newly contradicted: to tell the admin (once each).
    public var newlyFlagged: [Int64] = []
}

extension RosterDatabase {
    /// The applied changes not yet exported (all of them with `again`), optionally only those made in
    /// [`from`, `to`), and the participation rows they touched that still wait for the SIS.
    public func sisExportSelection(from: Date? = nil, to: Date? = nil, again: Bool = false) throws
        -> SISExportSelection
    {
        try read { db in try Self.sisExportSelection(from: from, to: to, again: again, db: db) }
    }

    static func sisExportSelection(from: Date?, to: Date?, again: Bool, db: Database) throws -> SISExportSelection {
        var filter = "c.state = 'applied' AND c.student_sourced_id IS NOT NULL"
        var args: [any DatabaseValueConvertible] = []
        if !again { filter += " AND c.exported_at IS NULL" }
        if let from {
            filter += " AND c.created_at >= ?"
            args.append(Timestamp.string(from))
        }
        if let to {
            filter += " AND c.created_at < ?"
            args.append(Timestamp.string(to))
        }
        let requests = try Row.fetchAll(
            db,
            sql: """
                SELECT c.id, s.number, site.school_number, p.code, c.action, COALESCE(c.effective, ''),
                    c.requested_by, c.created_at, c.source
                FROM change c JOIN student s ON s.sourced_id = c.student_sourced_id
                JOIN site ON site.id = c.site_id JOIN program p ON p.id = site.program_id
                WHERE \(filter) ORDER BY c.id
                """, arguments: StatementArguments(args)
        ).map { r in
            SISExportRequest(
                changeID: r[0], studentNumber: r[1], schoolNumber: r[2], programCode: r[3], action: r[4],
                effective: r[5], requestedBy: r[6], requestedAt: r[7], source: r[8])
        }
        // The participation rows of the changes' students at their sites that the SIS has not shown yet (for
        // `again`, also those it has: the export is then a full re-send of those rows).
        let state = again ? "" : "AND x.state = 'pending_sis'"
        var rows: [Int64: SISExportRow] = [:]
        let statement = try db.makeStatement(
            sql: """
                SELECT x.id, s.number, site.school_number, p.code, x.start_date, x.end_date
                FROM change c JOIN participation x ON x.student_sourced_id = c.student_sourced_id
                    AND x.site_id = c.site_id \(state)
                    AND ((c.action = 'add' AND x.start_date = c.effective)
                        OR (c.action = 'drop' AND x.end_date = date(c.effective, '-1 day')))
                JOIN student s ON s.sourced_id = x.student_sourced_id
                JOIN site ON site.id = x.site_id JOIN program p ON p.id = site.program_id
                WHERE c.id = ?
                """)
        for request in requests {
            for r in try Row.fetchAll(statement, arguments: [request.changeID]) {
                let id: Int64 = r[0]
                rows[id] = SISExportRow(
                    participationID: id, studentNumber: r[1], schoolNumber: r[2], programCode: r[3], startDate: r[4],
                    endDate: r[5])
            }
        }
        let sorted = rows.values.sorted {
            ($0.schoolNumber, $0.programCode, $0.studentNumber, $0.startDate)
                < ($1.schoolNumber, $1.programCode, $1.studentNumber, $1.startDate)
        }
        return SISExportSelection(rows: sorted, requests: requests)
    }

    /// Records an export written to `file` (SHA-256 `sha256`) in one transaction: the export, its changes
    /// (marked exported), the reconciliation rows of its participation rows, and the emails to the SIS operators.
    /// Returns the export's id.
    @discardableResult
    public func recordSISExport(
        _ selection: SISExportSelection, week: ISOWeek, trigger: String, again: Bool, file: String, sha256: String,
        emails: (Int64) throws -> [ComposedEmail], now: Date = Date()
    ) throws -> Int64 {
        try write { db in
            let at = Timestamp.string(now)
            // Another export (the daemon's schedule and an admin's command at once) may have taken these changes
            // since they were selected: then this one records nothing.
            if !again {
                for r in selection.requests
                where try Bool.fetchOne(
                    db, sql: "SELECT exported_at IS NOT NULL FROM change WHERE id = ?", arguments: [r.changeID])
                    ?? false
                {
                    throw StoreError(
                        .inconsistent, location: "change \(r.changeID)",
                        "another export carried these changes meanwhile; nothing was recorded (run it again)")
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO sis_export (week, created_at, trigger, again, rows, changes, file, sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    week.description, at, trigger, again, selection.rows.count, selection.requests.count, file, sha256,
                ])
            let id = db.lastInsertedRowID
            for r in selection.requests {
                try db.execute(
                    sql: "INSERT INTO sis_export_change (export_id, change_id) VALUES (?, ?)",
                    arguments: [id, r.changeID])
                try db.execute(
                    sql: "UPDATE change SET exported_at = ? WHERE id = ? AND exported_at IS NULL",
                    arguments: [at, r.changeID])
            }
            let day = String(at.prefix(10))
            for row in selection.rows {
                // A row exported again starts its reconciliation over.
                try db.execute(
                    sql: """
                        INSERT INTO sis_reconcile (participation_id, export_id, exported_on, exported_end, state,
                            updated_at)
                        SELECT ?, ?, ?, ?, 'exported', ? FROM participation WHERE id = ? AND state = 'pending_sis'
                        ON CONFLICT(participation_id) DO UPDATE SET export_id = excluded.export_id,
                            exported_on = excluded.exported_on, exported_end = excluded.exported_end,
                            state = 'exported', missing_imports = 0, detail = '', alerted = 0,
                            updated_at = excluded.updated_at
                        """, arguments: [row.participationID, id, day, row.endDate, at, row.participationID])
            }
            for email in try emails(id) { _ = try Self.insertOutbox(email, kind: "sis-export", at: at, db: db) }
            try AuditLog.append(
                db, actor: trigger, action: "export.sis", subject: file,
                detail: [
                    "week": week.description, "rows": String(selection.rows.count),
                    "changes": String(selection.requests.count), "hash": sha256, "again": again ? "yes" : "no",
                ], now: now)
            return id
        }
    }

    /// Whether the scheduled export of `week` has run.
    public func hasScheduledSISExport(week: ISOWeek) throws -> Bool {
        try read { db in
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM sis_export WHERE week = ? AND trigger = 'schedule'",
                arguments: [week.description]) ?? false
        }
    }

    /// The latest export that wrote a file: its week, file and row count.
    public func latestSISExport() throws -> (week: String, file: String, rows: Int)? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT week, file, rows FROM sis_export WHERE file != '' ORDER BY id DESC LIMIT 1"
            ).map { ($0[0], $0[1], $0[2]) }
        }
    }

    /// Applied changes not exported yet.
    public func unexportedChangeCount() throws -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM change WHERE state = 'applied' AND exported_at IS NULL "
                    + "AND student_sourced_id IS NOT NULL") ?? 0
        }
    }

    /// Exported participation rows the SIS has not confirmed: `contradicted` ones, and `exported` ones missing
    /// from at least `afterImports` imports.
    public func sisOutstanding(afterImports: Int = 2) throws -> [SISOutstanding] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.participation_id, x.site_id, site.school_number, s.number, x.start_date, x.end_date,
                        r.exported_on, r.state, r.missing_imports, r.detail, r.alerted
                    FROM sis_reconcile r JOIN participation x ON x.id = r.participation_id
                    JOIN student s ON s.sourced_id = x.student_sourced_id JOIN site ON site.id = x.site_id
                    WHERE r.state = 'contradicted' OR (r.state = 'exported' AND r.missing_imports >= ?)
                    ORDER BY site.school_number, x.site_id, s.number
                    """, arguments: [afterImports]
            ).map { r in
                SISOutstanding(
                    participationID: r[0], siteID: r[1], schoolNumber: r[2], studentNumber: r[3], startDate: r[4],
                    endDate: r[5], exportedOn: r[6], state: r[7], missingImports: r[8], detail: r[9], alerted: r[10])
            }
        }
    }

    /// Exported rows the SIS has shown neither way yet.
    public func sisAwaiting() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sis_reconcile WHERE state = 'exported'") ?? 0 }
    }

    /// Marks `ids` as told to the admin.
    public func markSISAlerted(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try write { db in
            for id in ids {
                try db.execute(sql: "UPDATE sis_reconcile SET alerted = 1 WHERE participation_id = ?", arguments: [id])
            }
        }
    }

    /// Within a participation import's transaction, after its rows are upserted: compares every exported,
    /// unconfirmed participation row with what the SIS file says about the same student, site and start date.
    /// - the same end date (or both open): confirmed; the row becomes the SIS's (`active`, or `dropped` when
    ///   it has ended);
    /// - another end date: contradicted (shown to the CSC; the partner's change stays as it is);
    /// - absent from the file: one more import without it.
    static func reconcileSIS(
        imported: [String: String?], now: Date, db: Database
    ) throws -> SISReconciliation {
        var result = SISReconciliation()
        let at = Timestamp.string(now)
        let open = try Row.fetchAll(
            db,
            sql: """
                SELECT r.participation_id, x.student_sourced_id, x.site_id, x.start_date, r.exported_end,
                    r.missing_imports, r.alerted, x.end_date
                FROM sis_reconcile r JOIN participation x ON x.id = r.participation_id
                WHERE r.state IN ('exported', 'contradicted')
                """)
        for r in open {
            let id: Int64 = r[0]
            let key = "\(r[1] as String)|\(r[2] as String)|\(r[3] as String)"
            // What was exported is what the SIS is asked to show.
            let ours: String? = r[4]
            let missing: Int = r[5]
            let alerted: Bool = r[6]
            let current: String? = r[7]
            // Changed again since the export (the partner dropped a student just added): the next export carries
            // the new state and starts over; nothing to compare until then.
            guard current == ours else { continue }
            // Absent, or (for a drop) still open in the SIS: not there yet.
            guard let theirs = imported[key], !(ours != nil && theirs == nil) else {
                try db.execute(
                    sql: "UPDATE sis_reconcile SET missing_imports = missing_imports + 1, updated_at = ? "
                        + "WHERE participation_id = ?", arguments: [at, id])
                result.missing += 1
                if missing + 1 >= 2 && !alerted { result.newlyFlagged.append(id) }
                continue
            }
            if theirs == ours {
                try db.execute(
                    sql: "UPDATE participation SET state = ? WHERE id = ?",
                    arguments: [ours == nil ? "active" : "dropped", id])
                try db.execute(
                    sql: "UPDATE sis_reconcile SET state = 'confirmed', updated_at = ? WHERE participation_id = ?",
                    arguments: [at, id])
                result.confirmed += 1
            } else {
                let detail =
                    if let ours {
                        "the SIS ends it on \(theirs ?? "?"); the partner's last day is \(ours)"
                    } else {
                        "the SIS ends it on \(theirs ?? "?"); the partner added the student"
                    }
                try db.execute(
                    sql: "UPDATE sis_reconcile SET state = 'contradicted', detail = ?, updated_at = ? "
                        + "WHERE participation_id = ?", arguments: [detail, at, id])
                result.contradicted += 1
                if !alerted { result.newlyFlagged.append(id) }
            }
        }
        return result
    }
}
