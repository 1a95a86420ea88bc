import Foundation
import GRDB

// INTERFACE STUB (issue 11): the outcomes engineer replaces this file's body; the data-request desk only
// passes an `AnswerLedger` from `ComputedAnswer` to `recordLedger` inside its sending transaction.

/// What one data answer disclosed, as the ledger keeps it: written in the transaction that queues the answer
/// to the partner, so every later answer to that partner for the same measure and period is checked against it.
public struct AnswerLedger: Sendable, Hashable {
    public var partnerID: String
    public var period: String

    public init(partnerID: String, period: String) {
        self.partnerID = partnerID
        self.period = period
    }
}

extension RosterDatabase {
    /// Records `ledger` for request `requestID` within the caller's write transaction.
    static func recordLedger(_ ledger: AnswerLedger, requestID: Int64, at: Date, db: Database) throws {
        throw StoreError(
            .inconsistent, location: "request \(requestID)", "the answer ledger is not built yet (issue 11)")
    }
}
