import Foundation
import Logging
import Roster
import RosterStore

/// Composes one week's roster emails (one per contact per site) into the outbox. Running it again for the
/// same week adds nothing: the outbox's unique key is (kind, week, site, recipient).
public struct MondayMailing: Sendable {
    public let config: RosterMailConfig
    public let store: RosterDatabase
    public let composer: RosterComposer
    let logger: Logger

    public init(
        config: RosterMailConfig, store: RosterDatabase, templates: RosterTemplates, tokenKey: ReplyTokenKey,
        logger: Logger
    ) {
        self.config = config
        self.store = store
        self.composer = RosterComposer(
            templates: templates, district: config.district, timeZone: config.timeZone, tokenKey: tokenKey)
        self.logger = logger
    }

    public struct Summary: Sendable {
        public var week: ISOWeek
        public var sites = 0
        /// Students on the rosters composed by this run.
        public var students = 0
        /// Emails added to the outbox by this run.
        public var queued = 0
        /// Emails of this week that were already in the outbox.
        public var alreadyQueued = 0
    }

    /// Composes `week` for every configured site (or only `siteID`).
    public func compose(week: ISOWeek, siteID: String? = nil, now: Date = Date()) throws -> Summary {
        if config.schedule.noSchoolWeeks.contains(week) {
            throw RosterError(
                .invalidMessage, location: "schedule.no_school_weeks",
                "\(week) is listed as a no-school week in rostermail.yaml; no rosters are sent that week")
        }
        let directory = config.directory
        var sites = directory.sites
        if let siteID {
            sites = sites.filter { $0.id == siteID }
            guard !sites.isEmpty else {
                throw RosterError(
                    .invalidMessage, location: "--site \(siteID)",
                    "no such site in partners.yaml; see `rostermail status` for site ids")
            }
        }
        var summary = Summary(week: week)
        let queuedBySite = try store.outboxRecipientsBySite(week: week)
        var work: [SiteWork] = []
        for site in sites {
            guard let program = directory.program(id: site.programID),
                let partner = directory.partner(id: program.partnerID),
                let school = directory.school(number: site.schoolNumber)
            else { continue }
            summary.sites += 1
            let done = queuedBySite[site.id] ?? []
            let todo = site.contacts.filter { !done.contains($0.email.lowercased()) }
            summary.alreadyQueued += site.contacts.count - todo.count
            guard !todo.isEmpty else { continue }
            work.append(SiteWork(site: site, program: program, partner: partner, school: school, contacts: todo))
        }
        // Chunks of sites: each chunk's rosters are read and composed on every core (a read transaction
        // and pure composition per site), then queued in site order in one write transaction.
        for start in stride(from: 0, to: work.count, by: Self.chunkSize) {
            let chunk = Array(work[start..<min(start + Self.chunkSize, work.count)])
            let composed = try composeConcurrently(chunk, week: week, now: now)
            summary.students += composed.reduce(0) { $0 + $1.roster.active.count }
            // What this week's email lists: an edited copy in a reply is compared with it.
            summary.queued += try store.enqueue(
                composed.flatMap(\.emails), snapshots: composed.map(\.roster), now: now)
        }
        try store.audit(
            actor: "mailing", action: "mailing.compose", subject: week.description,
            detail: [
                "sites": String(summary.sites), "queued": String(summary.queued),
                "already_queued": String(summary.alreadyQueued), "site_filter": siteID ?? "",
            ], now: now)
        logger.info(
            "composed weekly mailing",
            metadata: [
                "roster.week": "\(week)", "roster.sites": "\(summary.sites)", "mail.queued": "\(summary.queued)",
                "mail.already_queued": "\(summary.alreadyQueued)",
            ])
        return summary
    }

    /// Sites per write transaction.
    static let chunkSize = 96

    /// One site to compose: its directory entries and the contacts not queued yet.
    struct SiteWork: Sendable {
        var site: Site
        var program: Program
        var partner: Partner
        var school: School
        var contacts: [Person]
    }

    /// Reads each site's roster and composes its emails, sites spread over the cores; results in the
    /// order of `chunk`. The first error (by site order) is thrown.
    func composeConcurrently(_ chunk: [SiteWork], week: ISOWeek, now: Date) throws -> [(
        roster: WeeklyRoster, emails: [ComposedEmail]
    )] {
        try concurrentMap(chunk.count) { i in
            Result { () throws -> (roster: WeeklyRoster, emails: [ComposedEmail]) in
                let w = chunk[i]
                let roster = try store.weeklyRoster(siteID: w.site.id, partnerID: w.partner.id, week: week)
                let ctx = RosterComposer.SiteContext(
                    site: w.site, program: w.program, partner: w.partner, school: w.school, roster: roster)
                return (roster, try composer.compose(ctx, contacts: w.contacts, now: now))
            }
        }
        .map { try $0.get() }
    }
}
