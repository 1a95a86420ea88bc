import Foundation

/// Where a received message came from, for the `inbox` row and the move after the commit.
public struct InboxSource: Sendable, Equatable {
    /// `imap`, `maildir` or `ingest`.
    public var kind: String
    /// The mailbox (IMAP URL or Maildir path) it was read from, if any.
    public var mailbox: String?
    public var uidValidity: UInt32?
    public var uid: UInt32?

    public init(kind: String, mailbox: String? = nil, uidValidity: UInt32? = nil, uid: UInt32? = nil) {
        self.kind = kind
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }
}

/// One `inbox` row: what happened to a received message.
public struct InboxRecord: Sendable, Equatable {
    public enum State: String, Sendable {
        case applied, quarantined, ignored
    }

    /// The normalized Message-ID; for a message without one, or a second message reusing one, a unique
    /// stand-in (`<id or none>~<digest>`), so every received message has its row.
    public var messageID: String
    public var source: InboxSource
    public var receivedAt: Date
    public var sender: String?
    public var subject: String
    public var siteID: String?
    public var week: String?
    public var state: State
    public var reason: String
    /// The mailbox folder it is moved to after the commit: `Processed` or `Quarantine`.
    public var destination: String
    /// The message's bytes, kept for a quarantined reply of a known site (the CSC may release it).
    public var body: [UInt8]?

    public init(
        messageID: String, source: InboxSource, receivedAt: Date, sender: String?, subject: String, siteID: String?,
        week: String?, state: State, reason: String, destination: String
    ) {
        self.messageID = messageID
        self.source = source
        self.receivedAt = receivedAt
        self.sender = sender
        self.subject = subject
        self.siteID = siteID
        self.week = week
        self.state = state
        self.reason = reason
        self.destination = destination
    }
}

/// One `change` row: a requested add or drop and what became of it.
public struct ChangeRecord: Sendable, Equatable {
    public enum Action: String, Sendable {
        case add, drop
    }

    public enum State: String, Sendable {
        case applied
        case needsReview = "needs_review"
        case rejected
    }

    public var siteID: String
    public var action: Action
    /// The matched student's number (applied, or a review candidate), nil when none matched.
    public var studentNumber: String?
    public var rawLine: String
    public var source: String
    public var requestedBy: String
    public var effective: String?
    public var state: State
    public var reason: String
    /// For a change set aside for review: the students the CSC may choose from (their numbers).
    public var candidates: [String] = []

    public init(
        siteID: String, action: Action, studentNumber: String?, rawLine: String, source: String, requestedBy: String,
        effective: String?, state: State, reason: String, candidates: [String] = []
    ) {
        self.candidates = candidates
        self.siteID = siteID
        self.action = action
        self.studentNumber = studentNumber
        self.rawLine = rawLine
        self.source = source
        self.requestedBy = requestedBy
        self.effective = effective
        self.state = state
        self.reason = reason
    }
}

/// A message recorded but not yet moved out of the polled mailbox (a crash came between the commit and
/// the move): the next poll moves it.
public struct UnmovedMessage: Sendable, Equatable {
    public var inboxID: Int64
    public var uidValidity: UInt32
    public var uid: UInt32
    public var destination: String
}
