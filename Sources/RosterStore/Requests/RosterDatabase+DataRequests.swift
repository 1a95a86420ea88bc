import Foundation
import GRDB
import Roster

extension RosterDatabase {
    static let dataRequestColumns = """
        id, site_id, partner_id, requester, requester_name, message_id, thread_references, subject, source,
        measures, level, period, purpose, status, received_at, due_on, seed, answer_sha256, review_round,
        review_message_id, reminded_day, overdue_notice_on, decided_by, reason, answered_at
        """

    static func dataRequestRow(_ r: Row) -> DataRequestRow {
        let measures = (r["measures"] as String).split(separator: ",").compactMap {
            ReleaseMeasure(rawValue: String($0))
        }
        let received: String = r["received_at"]
        let seed: Int64 = r["seed"]
        return DataRequestRow(
            id: r["id"], siteID: r["site_id"], partnerID: r["partner_id"], requester: r["requester"],
            requesterName: r["requester_name"], messageID: r["message_id"],
            references: (r["thread_references"] as String).split(separator: " ").map(String.init),
            subject: r["subject"], source: r["source"], measures: measures,
            level: DataLevel(rawValue: r["level"]) ?? .aggregate,
            period: SchoolYear(r["period"] as String) ?? SchoolYear(startYear: 0), purpose: r["purpose"],
            status: DataRequestRow.Status(rawValue: r["status"]) ?? .received,
            receivedAt: Timestamp.date(received) ?? Date(timeIntervalSince1970: 0), receivedAtText: received,
            dueOn: CalendarDay(iso: r["due_on"] as String) ?? CalendarDay(dayNumber: 0), seed: UInt64(bitPattern: seed),
            answerSHA256: r["answer_sha256"], reviewRound: r["review_round"], reviewMessageID: r["review_message_id"],
            remindedDay: r["reminded_day"],
            overdueNoticeOn: (r["overdue_notice_on"] as String?).flatMap { CalendarDay(iso: $0) },
            decidedBy: r["decided_by"], reason: r["reason"],
            answeredAt: (r["answered_at"] as String?).flatMap(Timestamp.date))
    }

    public func dataRequest(id: Int64) throws -> DataRequestRow? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.dataRequestColumns) FROM data_request WHERE id = ?", arguments: [id]
            ).map(Self.dataRequestRow)
        }
    }

    /// Requests, newest first; `statuses` empty for all.
    public func dataRequests(statuses: Set<DataRequestRow.Status> = []) throws -> [DataRequestRow] {
        try read { db in
            var sql = "SELECT \(Self.dataRequestColumns) FROM data_request"
            if !statuses.isEmpty {
                sql += " WHERE status IN (\(statuses.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ")))"
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id DESC").map(Self.dataRequestRow)
        }
    }

    /// Files `new` — or, when the same site, measures, level and period were asked less than a day earlier,
    /// finds that request — and records the message that brought it (`inbox`) with the acknowledgement
    /// `acknowledge` composes for the row (and whether it is that earlier one), all in one transaction.
    public func fileDataRequest(
        _ new: NewDataRequest, inbox: InboxRecord?, now: Date,
        acknowledge: (DataRequestRow, _ duplicate: Bool) throws -> ComposedEmail?
    ) throws -> (request: DataRequestRow, duplicate: Bool, inboxID: Int64?) {
        try write { db in
            let measures = new.measures.map(\.rawValue).joined(separator: ",")
            let received = Timestamp.string(new.receivedAt)
            let dayBefore = Timestamp.string(new.receivedAt.addingTimeInterval(-86_400))
            var duplicate = false
            let id: Int64
            if let earlier = try Int64.fetchOne(
                db,
                sql: """
                    SELECT id FROM data_request WHERE site_id = ? AND period = ? AND level = ? AND measures = ?
                        AND received_at > ? ORDER BY id LIMIT 1
                    """, arguments: [new.siteID, new.period.description, new.level.rawValue, measures, dayBefore])
            {
                duplicate = true
                id = earlier
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO data_request (site_id, partner_id, requester, requester_name, message_id,
                            thread_references, subject, source, measures, level, period, purpose, status, received_at,
                            due_on, seed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?, ?)
                        """,
                    arguments: [
                        new.siteID, new.partnerID, new.requester, new.requesterName, new.messageID,
                        new.references.suffix(10).joined(separator: " "), String(new.subject.prefix(200)), new.source,
                        measures, new.level.rawValue, new.period.description, new.purpose, received,
                        new.dueOn.description, Int64(bitPattern: new.seed),
                    ])
                id = db.lastInsertedRowID
                try AuditLog.append(
                    db, actor: new.requester, action: "data_request.filed", subject: "request \(id)",
                    detail: [
                        "site": new.siteID, "measures": measures, "level": new.level.rawValue,
                        "period": new.period.description, "source": new.source, "due": new.dueOn.description,
                    ], now: now)
            }
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT \(Self.dataRequestColumns) FROM data_request WHERE id = ?", arguments: [id]
                ).map(Self.dataRequestRow)
            else { throw StoreError(.inconsistent, location: "request \(id)", "vanished while filing") }
            let ack = try acknowledge(row, duplicate)
            var inboxID: Int64?
            if let inbox {
                inboxID = try insertReceived(inbox, confirmation: ack, now: now, db: db)
            } else if let ack {
                try Self.insertOutbox(ack, kind: "data-ack", at: Timestamp.string(now), db: db)
            }
            return (row, duplicate, inboxID)
        }
    }

    /// One step of a request (see `DataRequestAdvance`), with the message that brought it when there is one.
    /// Throws `StoreError(.inconsistent)` when the request is no longer in `from` (nothing written).
    @discardableResult
    public func advanceDataRequest(
        _ a: DataRequestAdvance, inbox: InboxRecord? = nil, confirmation: ComposedEmail? = nil, now: Date
    ) throws -> Int64? {
        try write { db in
            let at = Timestamp.string(now)
            guard
                let status = try String.fetchOne(
                    db, sql: "SELECT status FROM data_request WHERE id = ?", arguments: [a.requestID]
                ).flatMap(DataRequestRow.Status.init(rawValue:))
            else { throw StoreError(.notFound, location: "request \(a.requestID)", "no such data request") }
            guard a.from.contains(status) else {
                throw StoreError(
                    .inconsistent, location: "request \(a.requestID)", "the request is \(status.rawValue) already")
            }
            var sets = ["status = ?"]
            var args: StatementArguments = [a.to.rawValue]
            if let v = a.answerSHA256 {
                sets.append("answer_sha256 = ?")
                args += [v]
            }
            if let v = a.reviewMessageID {
                sets.append("review_message_id = ?")
                args += [v]
            }
            if a.newReviewRound { sets.append("review_round = review_round + 1") }
            if let v = a.remindedDay {
                sets.append("reminded_day = ?")
                args += [v]
            }
            if let v = a.overdueNoticeOn {
                sets.append("overdue_notice_on = ?")
                args += [v.description]
            }
            if let v = a.decidedBy {
                sets.append("decided_by = ?")
                args += [v]
            }
            if let v = a.reason {
                sets.append("reason = ?")
                args += [v]
            }
            if [.answered, .rejected, .refused].contains(a.to) && !a.from.contains(a.to) {
                sets.append("answered_at = ?")
                args += [at]
            }
            args += [a.requestID]
            try db.execute(sql: "UPDATE data_request SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments: args)
            for q in a.emails { try Self.insertOutbox(q.email, kind: q.kind, at: at, db: db) }
            if let ledger = a.ledger { try Self.recordLedger(ledger, requestID: a.requestID, at: now, db: db) }
            try AuditLog.append(
                db, actor: a.decidedBy ?? "rostermail", action: "data_request.\(a.action)",
                subject: "request \(a.requestID)",
                detail: ["status": a.to.rawValue, "emails": String(a.emails.count), "reason": a.reason ?? ""],
                now: now)
            if let inbox { return try insertReceived(inbox, confirmation: confirmation, now: now, db: db) }
            return nil
        }
    }
}
