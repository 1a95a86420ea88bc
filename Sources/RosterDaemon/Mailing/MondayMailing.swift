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
        var batch: [ComposedEmail] = []
        var snapshots: [WeeklyRoster] = []
        let queuedBySite = try store.outboxRecipientsBySite(week: week)
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
            let roster = try store.weeklyRoster(siteID: site.id, partnerID: partner.id, week: week)
            summary.students += roster.active.count
            // What this week's email lists: an edited copy in a reply is compared with it.
            snapshots.append(roster)
            let ctx = RosterComposer.SiteContext(
                site: site, program: program, partner: partner, school: school, roster: roster)
            batch += try composer.compose(ctx, contacts: todo, now: now)
            if batch.count >= 256 {
                summary.queued += try store.enqueue(batch, snapshots: snapshots, now: now)
                batch.removeAll(keepingCapacity: true)
                snapshots.removeAll(keepingCapacity: true)
            }
        }
        summary.queued += try store.enqueue(batch, snapshots: snapshots, now: now)
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
}
