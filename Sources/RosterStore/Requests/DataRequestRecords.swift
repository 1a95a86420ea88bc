import Foundation
import Roster

/// A partner's data request as stored (table `data_request`).
public struct DataRequestRow: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        /// Filed; the answer is not computed yet (a crash between filing and computing leaves it here; the
        /// daemon computes it on its next round).
        case received
        /// The computed answer waits for the data team.
        case review
        case answered
        /// The data team declined it (the partner was told why).
        case rejected
        /// Nothing could be answered (no outcome data for the period, nobody in the program then).
        case refused
    }

    public var id: Int64
    public var siteID: String
    public var partnerID: String
    public var requester: String
    public var requesterName: String
    /// The request email's Message-ID (nil for `rostermail requests file`).
    public var messageID: String?
    public var references: [String]
    public var subject: String
    public var source: String
    public var measures: [ReleaseMeasure]
    public var level: DataLevel
    public var period: SchoolYear
    public var purpose: String
    public var status: Status
    public var receivedAt: Date
    /// `received_at` exactly as stored (the data-request token's MAC covers it).
    public var receivedAtText: String
    public var dueOn: CalendarDay
    public var seed: UInt64
    public var answerSHA256: String?
    public var reviewRound: Int
    public var reviewMessageID: String?
    /// The last reminder day (7, 12) sent to the team.
    public var remindedDay: Int
    public var overdueNoticeOn: CalendarDay?
    public var decidedBy: String?
    public var reason: String?
    public var answeredAt: Date?

    public var isOpen: Bool { status == .received || status == .review }
}

/// A request to file.
public struct NewDataRequest: Sendable {
    public var siteID: String
    public var partnerID: String
    public var requester: String
    public var requesterName: String
    public var messageID: String?
    public var references: [String]
    public var subject: String
    /// `email` or `cli`.
    public var source: String
    public var measures: [ReleaseMeasure]
    public var level: DataLevel
    public var period: SchoolYear
    public var purpose: String
    public var receivedAt: Date
    public var dueOn: CalendarDay
    public var seed: UInt64

    public init(
        siteID: String, partnerID: String, requester: String, requesterName: String, messageID: String?,
        references: [String], subject: String, source: String, measures: [ReleaseMeasure], level: DataLevel,
        period: SchoolYear, purpose: String, receivedAt: Date, dueOn: CalendarDay, seed: UInt64
    ) {
        self.siteID = siteID
        self.partnerID = partnerID
        self.requester = requester
        self.requesterName = requesterName
        self.messageID = messageID
        self.references = references
        self.subject = subject
        self.source = source
        self.measures = measures
        self.level = level
        self.period = period
        self.purpose = purpose
        self.receivedAt = receivedAt
        self.dueOn = dueOn
        self.seed = seed
    }
}

/// One step of a request's life, written in one transaction with the emails it sends (and, when a message
/// brought it, that message's inbox row and confirmation).
public struct DataRequestAdvance: Sendable {
    public struct Queued: Sendable {
        public var email: ComposedEmail
        /// The outbox kind (`data-review`, `data-answer`, …).
        public var kind: String

        public init(_ email: ComposedEmail, kind: String) {
            self.email = email
            self.kind = kind
        }
    }

    public var requestID: Int64
    /// The statuses the request must still be in (else `StoreError(.inconsistent)` and nothing is written).
    public var from: Set<DataRequestRow.Status>
    public var to: DataRequestRow.Status
    public var answerSHA256: String?
    public var reviewMessageID: String?
    public var newReviewRound = false
    public var remindedDay: Int?
    public var overdueNoticeOn: CalendarDay?
    public var decidedBy: String?
    public var reason: String?
    public var emails: [Queued] = []
    /// What the answer discloses, recorded when it is queued to the partner.
    public var ledger: AnswerLedger?
    /// What the audit says happened.
    public var action: String

    public init(
        requestID: Int64, from: Set<DataRequestRow.Status>, to: DataRequestRow.Status, action: String,
        emails: [Queued] = []
    ) {
        self.requestID = requestID
        self.from = from
        self.to = to
        self.action = action
        self.emails = emails
    }
}
