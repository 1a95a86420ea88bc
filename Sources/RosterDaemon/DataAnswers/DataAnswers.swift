import Disclosure
import Foundation
import Outcomes
import Roster
import RosterStore

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

    /// The district's disclosure policy for answers: the configured group, count and k thresholds, ℓ = 2, and
    /// zeros suppressed (a count of none, or of everyone, tells about every student of the group).
    var policy: Policy {
        Policy(
            minGroup: config.policy.minGroupSize, minCount: config.policy.minCellCount, k: config.policy.kAnonymity,
            l: 2, zeros: .suppress)
    }

    /// The answer to `spec` as of `now` (releases valid that day); `seed` fixes the random order of the
    /// de-identified labels (stored per request).
    public func compute(_ spec: DataAnswerSpec, seed: UInt64, now: Date = Date()) throws -> ComputedAnswer {
        let today = CalendarDay(now, in: config.timeZone)
        let stored = try store.answerData(
            siteID: spec.siteID, partnerID: spec.partnerID, period: spec.period, today: today,
            identified: spec.level == .identified)
        let input = AnswerInput(
            title:
                "Data request #\(spec.requestID): \(Self.siteName(spec.siteID, in: config.directory)), \(spec.period)",
            period: spec.period,
            measures: spec.measures, level: spec.level, students: stored.students, data: stored.data,
            earlier: stored.earlier, releases: stored.releases, names: stored.names)
        var rng = SeededGenerator(seed: seed)
        let built: BuiltAnswer
        do { built = try DataAnswerBuilder(policy: policy).build(input, using: &rng) } catch {
            throw StoreError(
                .inconsistent, location: "request \(spec.requestID)",
                "the answer could not be computed (\(error)); check `policy` in rostermail.yaml")
        }
        return ComputedAnswer(
            attachments: built.files.map {
                AnswerAttachment(filename: $0.filename, contentType: $0.contentType, bytes: $0.bytes)
            },
            summary: built.summary, students: built.students, leftOut: built.leftOut, refusal: built.refusal,
            ledger: AnswerLedger(
                partnerID: spec.partnerID, period: spec.period.description, entries: built.published,
                identified: built.identified.map { .init(student: $0.student, releaseID: $0.release) },
                measures: spec.measures.map(\.rawValue).joined(separator: ",")))
    }

    /// "Program at School (number)".
    static func siteName(_ siteID: String, in d: Directory) -> String {
        guard let site = d.site(id: siteID) else { return siteID }
        let program = d.program(id: site.programID)?.name ?? site.programID
        return "\(program) at \(d.school(number: site.schoolNumber)?.name ?? "school") (\(site.schoolNumber))"
    }
}
