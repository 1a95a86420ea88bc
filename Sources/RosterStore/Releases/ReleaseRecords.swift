import Foundation
import Roster

/// A release decided for one student and one partner (a signature, a refusal), with its evidence.
public struct ReleaseRecord: Sendable, Equatable {
    public enum State: String, Sendable { case pending, valid, declined, revoked }
    public enum Source: String, Sendable { case email, `import` }

    public var studentNumber: String
    public var partnerID: String
    public var state: State
    public var source: Source
    public var guardianID: String?
    public var guardianName: String
    public var guardianEmail: String
    public var decidedAt: Date
    public var measures: [String]
    public var purpose: String
    /// SHA-256 of the exact form text the guardian answered.
    public var formSHA256: String?
    public var requestID: Int64?
    public var messageID: String?
    /// SHA-256 of the reply's bytes as received.
    public var replySHA256: String?
    /// Our MTA's `Authentication-Results` of the reply.
    public var authenticationResults: String?
    /// Another e-signature system's reference (imports).
    public var evidenceRef: String?
    public var expires: CalendarDay

    public init(
        studentNumber: String, partnerID: String, state: State, source: Source, guardianID: String?,
        guardianName: String, guardianEmail: String, decidedAt: Date, measures: [String], purpose: String,
        formSHA256: String? = nil, requestID: Int64? = nil, messageID: String? = nil, replySHA256: String? = nil,
        authenticationResults: String? = nil, evidenceRef: String? = nil, expires: CalendarDay
    ) {
        self.studentNumber = studentNumber
        self.partnerID = partnerID
        self.state = state
        self.source = source
        self.guardianID = guardianID
        self.guardianName = guardianName
        self.guardianEmail = guardianEmail
        self.decidedAt = decidedAt
        self.measures = measures
        self.purpose = purpose
        self.formSHA256 = formSHA256
        self.requestID = requestID
        self.messageID = messageID
        self.replySHA256 = replySHA256
        self.authenticationResults = authenticationResults
        self.evidenceRef = evidenceRef
        self.expires = expires
    }
}

/// A revocation: every valid (or pending) release of these students for the partner ends.
public struct ReleaseRevocation: Sendable, Equatable {
    public var partnerID: String
    public var studentNumbers: [String]
    /// Who revoked (a guardian's name and address, or the admin's `--by`).
    public var by: String
    /// How it arrived (`email <message-id>`, `command`).
    public var how: String

    public init(partnerID: String, studentNumbers: [String], by: String, how: String) {
        self.partnerID = partnerID
        self.studentNumbers = studentNumbers
        self.by = by
        self.how = how
    }
}

/// What a guardian's reply does to releases, recorded in the reply's transaction.
public struct ReleaseEffects: Sendable {
    public var records: [ReleaseRecord]
    public var revocations: [ReleaseRevocation]
    /// With `releases.signers: all`, pending signatures become valid once every active guardian with an email
    /// of the student has signed.
    public var promoteWhenAllSigned: Bool
    /// "It is settled" notices to the other guardians, queued as `release-notice`.
    public var notices: [ComposedEmail]

    public init(
        records: [ReleaseRecord] = [], revocations: [ReleaseRevocation] = [], promoteWhenAllSigned: Bool = false,
        notices: [ComposedEmail] = []
    ) {
        self.records = records
        self.revocations = revocations
        self.promoteWhenAllSigned = promoteWhenAllSigned
        self.notices = notices
    }
}

/// A release request as stored: one email to one guardian about one partner.
public struct ReleaseRequestRow: Sendable, Equatable {
    public var id: Int64
    public var cycle: String
    public var guardianID: String
    public var guardianGiven: String
    public var guardianFamily: String
    public var guardianEmail: String?
    public var guardianLanguage: String?
    public var partnerID: String
    public var round: Int
    /// Student sourced ids the request named.
    public var students: [String]
    public var formSHA256: String
    public var messageID: String
    public var createdAt: Date
    public var expiresAt: CalendarDay
    /// The site the request's outbox message is filed under (the first child's).
    public var siteID: String

    public var token: ReleaseToken.Request {
        ReleaseToken.Request(id: id, guardianID: guardianID, partnerID: partnerID, cycle: cycle, round: round)
    }
}
