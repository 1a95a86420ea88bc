import Foundation
import GRDB
import Outcomes

/// What one data answer disclosed, as the ledger keeps it: written in the transaction that queues the answer
/// to the partner, so every later answer to that partner for the same measure and period is checked against it.
public struct AnswerLedger: Sendable, Hashable {
    /// An identified row and the release it relied on (34 CFR 99.32).
    public struct Disclosure: Sendable, Hashable {
        public var student: String
        public var releaseID: Int64

        public init(student: String, releaseID: Int64) {
            self.student = student
            self.releaseID = releaseID
        }
    }

    public var partnerID: String
    public var period: String
    /// Each published group count (and the de-identified rows' roster), per measure column.
    public var entries: [LedgerEntry]
    public var identified: [Disclosure]
    /// The requested measures, comma-separated, as identified disclosures record them.
    public var measures: String

    public init(
        partnerID: String, period: String, entries: [LedgerEntry] = [], identified: [Disclosure] = [],
        measures: String = ""
    ) {
        self.partnerID = partnerID
        self.period = period
        self.entries = entries
        self.identified = identified
        self.measures = measures
    }
}

extension RosterDatabase {
    /// Records `ledger` for request `requestID` within the caller's write transaction.
    static func recordLedger(_ ledger: AnswerLedger, requestID: Int64, at: Date, db: Database) throws {
        let now = Timestamp.string(at)
        for e in ledger.entries {
            try db.execute(
                sql: """
                    INSERT INTO answer_ledger (request_id, partner_id, period, metric, grouping, students, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    requestID, ledger.partnerID, ledger.period, e.metric, e.grouping,
                    e.students.sorted().joined(separator: " "), now,
                ])
        }
        for d in ledger.identified {
            try db.execute(
                sql: """
                    INSERT INTO identified_disclosure
                        (request_id, partner_id, student_sourced_id, release_id, measures, disclosed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [requestID, ledger.partnerID, d.student, d.releaseID, ledger.measures, now])
        }
    }

    /// What earlier answers to `partnerID` for `period` published.
    public func ledgerEntries(partnerID: String, period: String) throws -> [LedgerEntry] {
        try read { db in try Self.ledgerEntries(partnerID: partnerID, period: period, db: db) }
    }

    static func ledgerEntries(partnerID: String, period: String, db: Database) throws -> [LedgerEntry] {
        try Row.fetchAll(
            db,
            sql: "SELECT metric, grouping, students FROM answer_ledger WHERE partner_id = ? AND period = ? ORDER BY id",
            arguments: [partnerID, period]
        ).map { r in
            LedgerEntry(
                metric: r[0], grouping: r[1], students: Set((r[2] as String).split(separator: " ").map(String.init)))
        }
    }

    /// The identified disclosures of a request: student sourcedId and release id (34 CFR 99.32's record).
    public func identifiedDisclosures(requestID: Int64) throws -> [AnswerLedger.Disclosure] {
        try read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT student_sourced_id, release_id FROM identified_disclosure WHERE request_id = ? ORDER BY id",
                arguments: [requestID]
            ).map { AnswerLedger.Disclosure(student: $0[0], releaseID: $0[1]) }
        }
    }
}
