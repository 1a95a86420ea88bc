import Foundation
import Logging
import Roster
import RosterStore

/// A data request's life after it is filed, shared by the desk (emails), the daemon's rounds and the CLI:
/// compute the answer and send it for review (or straight to the partner under `approval: auto`), approve,
/// reject, remind the data team, tell the admin and the CSC when it is overdue.
public struct DataRequests: Sendable {
    public let config: RosterMailConfig
    public let store: RosterDatabase
    let keys: [ReplyTokenKey]
    let logger: Logger

    public init(config: RosterMailConfig, store: RosterDatabase, keys: [ReplyTokenKey], logger: Logger) {
        self.config = config
        self.store = store
        self.keys = keys
        self.logger = logger
    }

    var composer: DataRequestComposer { DataRequestComposer(district: config.district, timeZone: config.timeZone) }
    var domain: String { config.district.domain }

    /// The address partners write to (and the reply address of what we send them).
    var requestsAddress: String { config.requests.address(domain: domain) }

    func token(_ row: DataRequestRow) -> DataRequestToken {
        DataRequestToken.sign(
            .init(id: row.id, siteID: row.siteID, receivedAt: row.receivedAtText), secret: keys[0])
    }

    func teamReplyAddress(_ row: DataRequestRow) -> String {
        token(row).replyAddress(localPart: config.requests.localPart(domain: domain), domain: domain)
    }

    /// "Program at School (number)".
    func siteName(_ siteID: String) -> String { DataAnswers.siteName(siteID, in: config.directory) }

    func summary(_ row: DataRequestRow) -> DataRequestComposer.Summary {
        .init(
            id: row.id, siteID: row.siteID, siteName: siteName(row.siteID), measures: row.measures, level: row.level,
            period: row.period, purpose: row.purpose, requester: row.requester, receivedAt: row.receivedAt,
            dueOn: row.dueOn)
    }

    func spec(_ row: DataRequestRow) -> DataAnswerSpec {
        DataAnswerSpec(
            requestID: row.id, siteID: row.siteID, partnerID: row.partnerID, measures: row.measures, level: row.level,
            period: row.period)
    }

    /// SHA-256 over the attachments' names and bytes: what the team reviewed.
    static func fingerprint(_ a: ComputedAnswer) -> String {
        var bytes: [UInt8] = Array((a.refusal ?? "").utf8) + [0]
        for f in a.attachments { bytes += Array(f.filename.utf8) + [0] + f.bytes + [0] }
        return SHA256Digest.hex(bytes)
    }

    static func files(_ a: ComputedAnswer) -> [DataRequestComposer.File] {
        a.attachments.map { .init(filename: $0.filename, contentType: $0.contentType, bytes: $0.bytes) }
    }

    var requester: (DataRequestRow) -> Person { { Person(name: $0.requesterName, email: $0.requester) } }

    func thread(_ row: DataRequestRow) -> DataRequestComposer.Thread? {
        row.messageID.map { .init(messageID: $0, references: row.references, subject: row.subject) }
    }

    /// The due day of a request received at `now`.
    func dueOn(receivedAt now: Date) -> CalendarDay {
        CalendarDay(now, in: config.timeZone).adding(days: config.requests.dueDays)
    }

    // MARK: Computing and reviewing

    /// What the request's next step is once its answer is computed (received → review, answered or refused).
    func prepared(_ row: DataRequestRow, now: Date) throws -> DataRequestAdvance {
        let answer = try DataAnswers(config: config, store: store).compute(spec(row), seed: row.seed, now: now)
        if let refusal = answer.refusal {
            var a = DataRequestAdvance(
                requestID: row.id, from: [row.status], to: .refused, action: "refused",
                emails: [
                    .init(
                        try composer.notAnswered(
                            summary(row), to: requester(row), reason: refusal, byDataTeam: false, thread: thread(row),
                            replyAddress: requestsAddress, now: now), kind: "data-answer")
                ])
            a.reason = refusal
            return a
        }
        if config.requests.approval == .auto && row.level != .identified {
            return try sending(row, answer, from: [row.status], decidedBy: "approval: auto", now: now)
        }
        return try review(row, answer, from: [row.status], changed: false, now: now)
    }

    func review(
        _ row: DataRequestRow, _ answer: ComputedAnswer, from: Set<DataRequestRow.Status>, changed: Bool, now: Date
    ) throws -> DataRequestAdvance {
        let emails = try composer.review(
            summary(row), to: config.dataTeam, summary: answer.summary, files: Self.files(answer), token: token(row),
            replyAddress: teamReplyAddress(row), round: "round \(row.reviewRound + 1)", changedSinceReview: changed,
            now: now)
        var a = DataRequestAdvance(
            requestID: row.id, from: from, to: .review, action: changed ? "review-again" : "review",
            emails: emails.map { .init($0, kind: "data-review") })
        a.answerSHA256 = Self.fingerprint(answer)
        a.reviewMessageID = emails.first?.messageID
        a.newReviewRound = true
        return a
    }

    func sending(
        _ row: DataRequestRow, _ answer: ComputedAnswer, from: Set<DataRequestRow.Status>, decidedBy: String,
        now: Date
    ) throws -> DataRequestAdvance {
        let email = try composer.answer(
            summary(row), to: requester(row), summary: answer.summary, files: Self.files(answer), thread: thread(row),
            replyAddress: requestsAddress, now: now)
        var a = DataRequestAdvance(
            requestID: row.id, from: from, to: .answered, action: "answered",
            emails: [.init(email, kind: "data-answer")])
        a.ledger = answer.ledger
        a.decidedBy = decidedBy
        a.answerSHA256 = Self.fingerprint(answer)
        return a
    }

    /// Computes every request still `received` (just filed, or left by a crash) and queues what follows.
    @discardableResult
    public func prepareReceived(now: Date = Date()) throws -> Int {
        var done = 0
        for row in try store.dataRequests(statuses: [.received]).reversed() {
            do {
                try store.advanceDataRequest(try prepared(row, now: now), now: now)
                done += 1
            } catch let e as StoreError where e.code == .inconsistent {
                continue  // another process moved it on
            } catch {
                logger.error(
                    "data request could not be answered; will retry",
                    metadata: ["request.id": "\(row.id)", "error": "\(error)"])
            }
        }
        return done
    }

    // MARK: Decisions

    /// What a decision does: the step to write (nil when nothing changes) and the lines telling the team.
    public struct Decided: Sendable {
        public var advance: DataRequestAdvance?
        public var lines: [String]
    }

    public enum Decision: Sendable, Equatable {
        case approve
        case reject(reason: String)
    }

    /// The data team's decision on a request in review, by `actor` (an address, or `cli:<user>`).
    public func decide(_ decision: Decision, on row: DataRequestRow, by actor: String, now: Date) throws -> Decided {
        guard row.status == .review else {
            let when = row.answeredAt.map { " on \(CalendarDay($0, in: config.timeZone))" } ?? ""
            let what: String
            switch row.status {
            case .received: what = "is still being computed; try again in a few minutes"
            case .answered: what = "was answered already\(when)"
            case .rejected: what = "was rejected already\(when)"
            case .refused: what = "could not be answered (no data) and the partner was told\(when)"
            case .review: what = ""
            }
            return Decided(advance: nil, lines: ["request \(row.id) \(what); nothing was sent again"])
        }
        switch decision {
        case .reject(let reason):
            var a = DataRequestAdvance(
                requestID: row.id, from: [.review], to: .rejected, action: "rejected",
                emails: [
                    .init(
                        try composer.notAnswered(
                            summary(row), to: requester(row), reason: reason, byDataTeam: true, thread: thread(row),
                            replyAddress: requestsAddress, now: now), kind: "data-answer")
                ])
            a.decidedBy = actor
            a.reason = reason
            return Decided(
                advance: a, lines: ["REJECT: request \(row.id) rejected; \(row.requester) was told your reason"])
        case .approve:
            let answer = try DataAnswers(config: config, store: store).compute(spec(row), seed: row.seed, now: now)
            if answer.refusal == nil && Self.fingerprint(answer) == row.answerSHA256 {
                return Decided(
                    advance: try sending(row, answer, from: [.review], decidedBy: actor, now: now),
                    lines: [
                        "APPROVE: the answer to request \(row.id) (\(answer.attachments.map(\.filename).joined(separator: ", "))) was sent to \(row.requester)"
                    ])
            }
            if answer.refusal != nil {
                var a = try prepared(row, now: now)
                a.from = [.review]
                a.decidedBy = actor
                return Decided(
                    advance: a,
                    lines: [
                        "APPROVE: request \(row.id) can no longer be answered (\(answer.refusal ?? "")); the partner was told"
                    ])
            }
            return Decided(
                advance: try review(row, answer, from: [.review], changed: true, now: now),
                lines: [
                    "APPROVE not applied: the data changed since the review you answered, so nothing was sent; a new "
                        + "review email of request \(row.id) is on its way"
                ])
        }
    }

    // MARK: Reminders and overdue notices

    /// Reminds the team (at `requests.remind_after_days`) and, from the due day, tells the admin and the CSC
    /// once a day. Returns how many emails were queued.
    @discardableResult
    public func remind(now: Date = Date()) throws -> Int {
        let today = CalendarDay(now, in: config.timeZone)
        var queued = 0
        for row in try store.dataRequests(statuses: [.review]).reversed() {
            let waited = today.dayNumber - CalendarDay(row.receivedAt, in: config.timeZone).dayNumber
            var a = DataRequestAdvance(requestID: row.id, from: [.review], to: .review, action: "reminder")
            if today < row.dueOn,
                let day = config.requests.remindAfterDays.filter({ $0 <= waited && $0 > row.remindedDay }).max()
            {
                a.remindedDay = day
                a.emails += try composer.reminder(
                    summary(row), to: config.dataTeam, daysWaiting: waited, token: token(row),
                    replyAddress: teamReplyAddress(row), reviewMessageID: row.reviewMessageID, now: now
                ).map { .init($0, kind: "data-reminder") }
            }
            if today >= row.dueOn, row.overdueNoticeOn != today {
                a.action = "overdue"
                a.overdueNoticeOn = today
                var to = [Person(name: "RosterMail admin", email: config.adminAddress)]
                if let site = config.directory.site(id: row.siteID),
                    let csc = config.directory.school(number: site.schoolNumber)?.coordinator
                {
                    to.insert(csc, at: 0)
                }
                a.emails += try composer.overdue(summary(row), to: to, day: today, now: now).map {
                    .init($0, kind: "data-overdue")
                }
            }
            guard !a.emails.isEmpty else { continue }
            do {
                try store.advanceDataRequest(a, now: now)
                queued += a.emails.count
            } catch let e as StoreError where e.code == .inconsistent {
                continue
            }
        }
        return queued
    }

    /// The daemon's round: compute what was filed, then remind.
    public func round(now: Date = Date()) {
        do {
            try prepareReceived(now: now)
            try remind(now: now)
        } catch {
            logger.error("data request round failed; retrying later", metadata: ["error": "\(error)"])
        }
    }
}

extension DataRequests {
    /// What `requests file` does: logs a request that came another way (phone, letter, a form), for `siteID`,
    /// acknowledged to `requester` (a contact of the site; its first contact when nil), then computed.
    public func file(
        siteID: String, measures: [ReleaseMeasure], level: DataLevel, period: SchoolYear, purpose: String,
        requester: String?, now: Date = Date()
    ) throws -> (request: DataRequestRow, duplicate: Bool) {
        let d = config.directory
        guard let site = d.site(id: siteID) else {
            throw StoreError(.notFound, location: "--site \(siteID)", "no such site in partners.yaml")
        }
        guard !measures.isEmpty else {
            throw StoreError(.importRejected, location: "--measures", "name at least one measure")
        }
        let contact: Person
        if let requester {
            guard let c = site.contacts.first(where: { $0.email.lowercased() == requester.lowercased() }) else {
                throw StoreError(
                    .notFound, location: "--requester \(requester)",
                    "not a contact of \(siteID) in partners.yaml; name one of "
                        + site.contacts.map(\.email).joined(separator: ", "))
            }
            contact = c
        } else if let first = site.contacts.first {
            contact = first
        } else {
            throw StoreError(.notFound, location: "--site \(siteID)", "the site has no contact to answer")
        }
        var random = SystemRandomNumberGenerator()
        let new = NewDataRequest(
            siteID: site.id, partnerID: d.program(id: site.programID)?.partnerID ?? "", requester: contact.email,
            requesterName: contact.name, messageID: nil, references: [], subject: "", source: "cli",
            measures: measures, level: level, period: period,
            purpose: String(purpose.prefix(DataRequestForm.purposeLimit)),
            receivedAt: now, dueOn: dueOn(receivedAt: now), seed: random.next())
        let filed = try store.fileDataRequest(new, inbox: nil, now: now) { row, duplicate in
            try composer.acknowledgement(
                summary(row), to: contact, replyAddress: requestsAddress, thread: nil, duplicate: duplicate, now: now)
        }
        round(now: now)
        return (try store.dataRequest(id: filed.request.id) ?? filed.request, filed.duplicate)
    }

    /// `requests approve|reject` by hand: the same decision as the team's reply, by `actor`.
    public func decideByHand(_ decision: Decision, id: Int64, actor: String, now: Date = Date()) throws -> [String] {
        guard let row = try store.dataRequest(id: id) else {
            throw StoreError(.notFound, location: "request \(id)", "no such data request; `rostermail requests list`")
        }
        let decided = try decide(decision, on: row, by: actor, now: now)
        if let advance = decided.advance { try store.advanceDataRequest(advance, now: now) }
        return decided.lines
    }

    /// `requests answer ID --dry-run`: the answer as it would be sent now. Stores nothing.
    public func preview(id: Int64) throws -> (request: DataRequestRow, answer: ComputedAnswer) {
        guard let row = try store.dataRequest(id: id) else {
            throw StoreError(.notFound, location: "request \(id)", "no such data request; `rostermail requests list`")
        }
        return (row, try DataAnswers(config: config, store: store).compute(spec(row), seed: row.seed))
    }
}
