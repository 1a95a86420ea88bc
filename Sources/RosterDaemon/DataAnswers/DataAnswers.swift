import Foundation
import Roster
import RosterStore

// INTERFACE STUB (issue 11): the outcomes engineer replaces the body of `compute` (and may add fields);
// the data-request desk relies on the names and meanings below.

/// One data request as the answer needs it.
public struct DataAnswerSpec: Sendable, Hashable {
    public var requestID: Int64
    public var siteID: String
    public var partnerID: String
    public var measures: [ReleaseMeasure]
    public var level: DataLevel
    public var period: SchoolYear

    public init(
        requestID: Int64, siteID: String, partnerID: String, measures: [ReleaseMeasure], level: DataLevel,
        period: SchoolYear
    ) {
        self.requestID = requestID
        self.siteID = siteID
        self.partnerID = partnerID
        self.measures = measures
        self.level = level
        self.period = period
    }
}

/// A file of the answer: `aggregates.csv`, `deidentified.csv`, `identified.csv`, `README.txt`.
public struct AnswerAttachment: Sendable, Hashable {
    public var filename: String
    /// `text/csv` or `text/plain` (UTF-8).
    public var contentType: String
    public var bytes: [UInt8]

    public init(filename: String, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// A computed answer: deterministic for a given spec, seed and store state, so the data desk can recompute it
/// at approval time and send exactly what the team reviewed (or re-review when anything changed).
public struct ComputedAnswer: Sendable {
    public var attachments: [AnswerAttachment]
    /// Plain-words lines for the email body (what was answered and what was withheld, and why). No names.
    public var summary: [String]
    /// Students in the site's program during the period.
    public var students: Int
    /// Identified level: students left out (no valid release covering the measures). Never who.
    public var leftOut: Int
    /// Nothing can be answered (no outcome data for the period, nobody in the program then): why, for the
    /// partner. Attachments are empty then.
    public var refusal: String?
    /// What the answer discloses, recorded when it is sent to the partner.
    public var ledger: AnswerLedger

    public init(
        attachments: [AnswerAttachment], summary: [String], students: Int, leftOut: Int, refusal: String?,
        ledger: AnswerLedger
    ) {
        self.attachments = attachments
        self.summary = summary
        self.students = students
        self.leftOut = leftOut
        self.refusal = refusal
        self.ledger = ledger
    }
}

/// Computes answers from the store's outcome data, participation, releases and answer ledger.
public struct DataAnswers: Sendable {
    let config: RosterMailConfig
    let store: RosterDatabase

    public init(config: RosterMailConfig, store: RosterDatabase) {
        self.config = config
        self.store = store
    }

    /// The answer to `spec`; `seed` fixes the random order of the de-identified labels (stored per request).
    public func compute(_ spec: DataAnswerSpec, seed: UInt64) throws -> ComputedAnswer {
        throw StoreError(
            .inconsistent, location: "request \(spec.requestID)", "data answers are not built yet (issue 11)")
    }
}
