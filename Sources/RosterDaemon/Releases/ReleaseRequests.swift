import Foundation
import Logging
import Roster
import RosterStore

/// Sends release requests: for every active participant without a decided release for that partner, each of
/// their guardians with an email gets one request per partner, naming only that guardian's own children in
/// that partner's programs; reminders (rounds 2 and 3) go out `releases.remind_after_days` after the first
/// request while the release is undecided. Every email goes through the outbox, once per cycle × guardian ×
/// partner × round (stable Message-ID).
public struct ReleaseRequests: Sendable {
    public let config: RosterMailConfig
    public let store: RosterDatabase
    public let templates: ReleaseTemplates
    public let tokenKey: ReplyTokenKey
    let logger: Logger

    public init(
        config: RosterMailConfig, store: RosterDatabase, templates: ReleaseTemplates, tokenKey: ReplyTokenKey,
        logger: Logger
    ) {
        self.config = config
        self.store = store
        self.templates = templates
        self.tokenKey = tokenKey
        self.logger = logger
    }

    /// One email that is due: a first request or a reminder.
    public struct Planned: Sendable, Hashable {
        public var guardianID: String
        public var guardianEmail: String
        public var partnerID: String
        public var round: Int
        /// Student sourced ids named in it.
        public var studentIDs: [String]
        public var siteID: String
    }

    public struct Summary: Sendable, Equatable {
        public var requests = 0
        public var reminders = 0
        /// Requests that were due but already queued (another run).
        public var alreadyQueued = 0
    }

    /// What is due on `now`'s day (pure over the store's reads), optionally only for one site's students.
    public func plan(now: Date, siteID: String? = nil) throws -> [Planned] {
        try plan(
            now: now, siteID: siteID, candidates: store.releaseCandidates(on: CalendarDay(now, in: config.timeZone)))
    }

    /// `plan` over candidates the caller read once (`send` needs them again for the guardians' details).
    func plan(now: Date, siteID: String?, candidates: [RosterDatabase.ReleaseCandidate]) throws -> [Planned] {
        let day = CalendarDay(now, in: config.timeZone)
        let r = config.releases
        let cycle = r.cycle(of: day)
        let directory = config.directory
        let programs = Dictionary(
            directory.partners.flatMap(\.programs).map { ($0.id, $0.partnerID) }, uniquingKeysWith: { a, _ in a })
        var partnerOfSite: [String: String] = [:]
        for site in directory.sites { partnerOfSite[site.id] = programs[site.programID] }
        // What stops a request: with `one`, any standing release of the student for the partner; with `all`,
        // that guardian's own signature, or anyone's refusal or revocation.
        var decided: Set<String> = []
        var signedBy: Set<String> = []
        for s in try store.standingReleases(on: day) {
            if r.settlesForEveryone(s.state) {
                decided.insert("\(s.studentID)\u{0}\(s.partnerID)")
            } else if let g = s.guardianID {
                signedBy.insert("\(s.studentID)\u{0}\(s.partnerID)\u{0}\(g)")
            }
        }
        struct Group {
            var email: String
            var students: [String] = []
            var site: String
        }
        var groups: [String: Group] = [:]  // guardian \0 partner
        var order: [String] = []
        for c in candidates {
            guard let partner = partnerOfSite[c.siteID] else { continue }
            if let siteID, c.siteID != siteID { continue }
            let sp = "\(c.studentID)\u{0}\(partner)"
            if decided.contains(sp) || signedBy.contains("\(sp)\u{0}\(c.guardianID)") { continue }
            let key = "\(c.guardianID)\u{0}\(partner)"
            if groups[key] == nil {
                groups[key] = Group(email: c.guardianEmail, site: c.siteID)
                order.append(key)
            }
            if !groups[key]!.students.contains(c.studentID) { groups[key]!.students.append(c.studentID) }
        }
        // Rounds already sent this cycle, and when the first went out.
        var sent: [String: (round: Int, first: Date)] = [:]
        for q in try store.releaseRequests(cycle: cycle) {
            let key = "\(q.guardianID)\u{0}\(q.partnerID)"
            let first = q.round == 1 ? q.createdAt : (sent[key]?.first ?? q.createdAt)
            sent[key] = (max(sent[key]?.round ?? 0, q.round), first)
        }
        var out: [Planned] = []
        for key in order {
            let g = groups[key]!
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            var round = 1
            if let s = sent[key] {
                guard s.round <= r.remindAfterDays.count else { continue }
                let days = day.dayNumber - CalendarDay(s.first, in: config.timeZone).dayNumber
                guard days >= r.remindAfterDays[s.round - 1] else { continue }
                round = s.round + 1
            }
            out.append(
                Planned(
                    guardianID: parts[0], guardianEmail: g.email, partnerID: parts[1], round: round,
                    studentIDs: g.students,
                    siteID: g.site))
        }
        return out
    }

    /// Queues what `plan` finds due (nothing with `dryRun`).
    @discardableResult
    public func send(now: Date, siteID: String? = nil, dryRun: Bool = false) throws -> Summary {
        let candidates = try store.releaseCandidates(on: CalendarDay(now, in: config.timeZone))
        let planned = try plan(now: now, siteID: siteID, candidates: candidates)
        var summary = Summary()
        guard !dryRun else {
            summary.requests = planned.filter { $0.round == 1 }.count
            summary.reminders = planned.count - summary.requests
            return summary
        }
        let day = CalendarDay(now, in: config.timeZone)
        let r = config.releases
        let cycle = r.cycle(of: day)
        let expires = r.expiry(from: day)
        let composer = ReleaseRequestComposer(
            templates: templates, district: config.district, timeZone: config.timeZone)
        let week = ISOWeek(containing: now, in: config.timeZone)
        let directory = config.directory
        let students = try store.studentNumbers(sourcedIDs: Array(Set(planned.flatMap(\.studentIDs))))
        let guardians = candidates.reduce(into: [String: RosterDatabase.ReleaseCandidate]()) {
            $0[$1.guardianID] = $1
        }
        // In batches of 256 requests per transaction: one commit (one fsync) per batch, not per email.
        var drafts:
            [(
                draft: RosterDatabase.ReleaseRequestDraft, planned: Planned, children: [ReleaseRequestComposer.Child],
                coordinator: Person, guardian: RosterDatabase.ReleaseCandidate, partner: Partner
            )] = []
        func flush() throws {
            guard !drafts.isEmpty else { return }
            let batch = drafts
            drafts = []
            let byKey = Dictionary(
                batch.map { ("\($0.draft.guardianID)\u{0}\($0.draft.partnerID)", $0) }, uniquingKeysWith: { a, _ in a })
            let queued = try store.queueReleaseRequests(batch.map(\.draft), now: now) { id, d in
                let item = byKey["\(d.guardianID)\u{0}\(d.partnerID)"]!
                let token = ReleaseToken.sign(
                    .init(id: id, guardianID: d.guardianID, partnerID: d.partnerID, cycle: cycle, round: d.round),
                    secret: tokenKey)
                let g = item.guardian
                return try composer.compose(
                    .init(
                        token: token,
                        guardian: Person(name: "\(g.guardianGiven) \(g.guardianFamily)", email: g.guardianEmail),
                        language: g.guardianLanguage, partnerName: item.partner.name,
                        purpose: item.partner.releasePurpose.isEmpty ? r.purpose : item.partner.releasePurpose,
                        measures: r.measures, expires: expires, children: item.children,
                        coordinator: item.coordinator, round: d.round, siteID: item.planned.siteID, week: week),
                    now: now)
            }
            let first = batch.filter { $0.draft.round == 1 }.count
            summary.alreadyQueued += batch.count - queued
            // Queued requests keep their round; a batch is all new or mostly new, so split by the rounds asked.
            summary.requests += min(first, queued)
            summary.reminders += queued - min(first, queued)
        }
        let schools = Dictionary(directory.schools.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        let partners = Dictionary(directory.partners.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let programs = Dictionary(
            directory.partners.flatMap(\.programs).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The partner's program at each school (a child's line names it).
        var programAt: [String: Program] = [:]
        for site in directory.sites {
            guard let program = programs[site.programID] else { continue }
            programAt["\(site.schoolNumber)\u{0}\(program.partnerID)"] =
                programAt["\(site.schoolNumber)\u{0}\(program.partnerID)"] ?? program
        }
        for p in planned {
            guard let partner = partners[p.partnerID], let g = guardians[p.guardianID] else { continue }
            var children: [ReleaseRequestComposer.Child] = []
            var coordinator: Person?
            for id in p.studentIDs {
                guard let s = students[id] else { continue }
                let school = schools[s.school]
                let program = programAt["\(s.school)\u{0}\(p.partnerID)"]
                coordinator = coordinator ?? school?.coordinator
                children.append(
                    .init(
                        studentNumber: s.number, givenName: s.given, familyName: s.family,
                        grade: s.grade.flatMap(Grade.init(ceds:)), schoolName: school?.name ?? s.school,
                        programName: program?.name ?? partner.name))
            }
            guard !children.isEmpty, let coordinator else { continue }
            drafts.append(
                (
                    .init(
                        cycle: cycle, guardianID: p.guardianID, partnerID: p.partnerID, round: p.round,
                        studentIDs: p.studentIDs, expiresAt: expires), p, children, coordinator, g, partner
                ))
            if drafts.count >= 256 { try flush() }
        }
        try flush()
        if summary.requests + summary.reminders > 0 {
            logger.info(
                "release requests queued",
                metadata: ["releases.requests": "\(summary.requests)", "releases.reminders": "\(summary.reminders)"])
        }
        return summary
    }
}

extension ReleaseRequests {
    /// With `releases.request: auto`, queues the requests and reminders that are due (after a weekly mailing,
    /// and once a day for reminders); errors are logged, never thrown (the mailing itself went out).
    @discardableResult
    public static func autoSend(
        config: RosterMailConfig, store: RosterDatabase, tokenKey: ReplyTokenKey, logger: Logger, now: Date
    ) -> Summary? {
        guard config.releases.request == .auto else { return nil }
        do {
            let templates = try ReleaseTemplateLoader.load(directory: config.templatesDirectory)
            return try ReleaseRequests(
                config: config, store: store, templates: templates, tokenKey: tokenKey, logger: logger
            )
            .send(now: now)
        } catch {
            logger.error("release requests failed; retrying at the next pass", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
