/// One `bounce` row: a delivery report received and what it did.
public struct BounceRecord: Sendable, Equatable {
    public enum Effect: String, Sendable {
        /// A permanent failure: the outbox message became `bounced`.
        case bounced
        /// A permanent failure for a message already `bounced` (another report about it): nothing changed.
        case alreadyBounced = "already-bounced"
        /// A delay notice (`Action: delayed`): recorded only.
        case delay
        /// Any other report (delivered, relayed, expanded, or no action): recorded only.
        case notice
        /// It names one of our messages but its VERP address does not verify: recorded, nothing changed.
        case forged
        /// It is about no message we sent: recorded, nothing changed.
        case unknownMessage = "unknown-message"
    }

    public enum MatchedBy: String, Sendable {
        case verp
        case messageID = "message-id"
    }

    public var outboxID: Int64?
    public var matchedBy: MatchedBy?
    public var originalMessageID: String?
    public var recipient: String?
    public var action: String?
    public var status: String?
    public var remoteReply: String?
    public var remoteMTA: String?
    public var reportingMTA: String?
    public var effect: Effect

    public init(
        outboxID: Int64? = nil, matchedBy: MatchedBy? = nil, originalMessageID: String? = nil,
        recipient: String? = nil, action: String? = nil, status: String? = nil, remoteReply: String? = nil,
        remoteMTA: String? = nil, reportingMTA: String? = nil, effect: Effect
    ) {
        self.outboxID = outboxID
        self.matchedBy = matchedBy
        self.originalMessageID = originalMessageID
        self.recipient = recipient
        self.action = action
        self.status = status
        self.remoteReply = remoteReply
        self.remoteMTA = remoteMTA
        self.reportingMTA = reportingMTA
        self.effect = effect
    }
}

/// A contact to mark undeliverable when its message bounced (`undeliverable` row).
public struct UndeliverableMark: Sendable, Equatable {
    public var email: String
    public var siteID: String
    /// What partners.yaml says about the contact now (`BounceDesk.fingerprint`): a later change clears the mark.
    public var contactFingerprint: String

    public init(email: String, siteID: String, contactFingerprint: String) {
        self.email = email
        self.siteID = siteID
        self.contactFingerprint = contactFingerprint
    }
}

/// An open `undeliverable` row, for `status` and the bounce desk.
public struct UndeliverableContact: Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var siteID: String
    /// The bounced message.
    public var outboxID: Int64
    public var remoteReply: String
    public var contactFingerprint: String
    public var since: String
    /// A later message to the address was delivered (see `RosterDatabase.undeliverableContacts`).
    public var laterDelivered: Bool
}

/// One outbox row without its body: what the bounce desk matches a report to.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var week: String
    public var siteID: String
    public var recipient: String
    public var messageID: String
    public var state: OutboxMessage.State
    public var lastReply: String?
}
