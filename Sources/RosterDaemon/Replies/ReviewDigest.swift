import Foundation
import Logging
import Roster
import RosterStore

/// The CSCs' daily email: per school, the changes partners asked for that need a person to decide, and the
/// replies quarantined that day (messages refused for lack of a site go to the admin). At most one email per
/// school per day; a day is digested once, after it ends.
public struct ReviewDigest: Sendable {
    let config: RosterMailConfig
    let store: RosterDatabase
    let logger: Logger
    /// Reply-token keys (current first): the digest's reply address is signed with the first.
    let keys: [ReplyTokenKey]

    public init(config: RosterMailConfig, store: RosterDatabase, keys: [ReplyTokenKey] = [], logger: Logger) {
        self.config = config
        self.store = store
        self.keys = keys
        self.logger = logger
    }

    /// Queues the digests of `day` (once); returns how many emails were queued.
    @discardableResult
    public func compose(day: CalendarDay, now: Date = Date()) throws -> Int {
        if try store.hasReviewDigest(day: day) { return 0 }
        let tz = config.timeZone
        let (reviews, quarantined) = try store.reviewDay(
            from: day.instant(hour: 0, minute: 0, in: tz), to: day.adding(days: 1).instant(hour: 0, minute: 0, in: tz))
        let composer = ReviewDigestComposer(district: config.district, timeZone: tz)
        let d = config.directory
        var emails: [ComposedEmail] = []
        // Release coverage per site, shown at a school on days when a release there was decided or revoked.
        let coverage = try store.releaseCoverage(
            on: day, from: day.instant(hour: 0, minute: 0, in: tz),
            to: day.adding(days: 1).instant(hour: 0, minute: 0, in: tz))
        // One pass over the directory and each list, grouped by school: a district has thousands of sites.
        var schoolOfSite: [String: String] = [:]
        var programOfSite: [String: String] = [:]
        for partner in d.partners {
            for program in partner.programs {
                for site in program.sites {
                    schoolOfSite[site.id] = site.schoolNumber
                    programOfSite[site.id] = program.name
                }
            }
        }
        func school(of siteID: String?) -> String? { siteID.flatMap { schoolOfSite[$0] } }
        func programName(_ siteID: String) -> String { programOfSite[siteID] ?? siteID }
        let reviewsBySchool = Dictionary(grouping: reviews) { school(of: $0.siteID) ?? "" }
        let quarantinedBySchool = Dictionary(grouping: quarantined) { school(of: $0.siteID) ?? "" }
        let coverageBySchool = Dictionary(grouping: coverage) { school(of: $0.siteID) ?? "" }
        // Exported changes the SIS has not confirmed: listed every day until it does (or the CSC sorts it out).
        let sisBySchool = Dictionary(grouping: try store.sisOutstanding(), by: \.schoolNumber)
        for s in d.schools {
            let pending = reviewsBySchool[s.number] ?? []
            var items: [ReviewItem] = []
            for r in pending {
                // The candidates the desk found, as the CSC may choose them (`APPLY 3 AS <number>`).
                let students =
                    r.candidates.isEmpty
                    ? [] : try store.schoolStudents(schoolNumber: s.number, siteID: r.siteID, on: day)
                let candidates = r.candidates.compactMap { n in students.first { $0.studentNumber == n } }
                items.append(
                    ReviewItem(
                        siteID: r.siteID,
                        programName: programName(r.siteID), sender: r.sender, receivedAt: r.receivedAt,
                        sourceText: r.source, text: r.rawLine,
                        reasonText: r.reason, candidates: candidates))
            }
            let refusedRows = quarantinedBySchool[s.number] ?? []
            let refused = refusedRows.map(Self.notice)
            // The numbers the CSC's reply names: `1`, `2` … for the changes, `Q1`, `Q2` … for the refused replies.
            let numbered =
                pending.enumerated().map {
                    DigestItem(label: "\($0.offset + 1)", kind: .change, refID: $0.element.changeID)
                }
                + refusedRows.enumerated().map {
                    DigestItem(label: "Q\($0.offset + 1)", kind: .quarantine, refID: $0.element.inboxID)
                }
            try store.recordDigestItems(school: s.number, day: day, items: numbered)
            let replyAddress = keys.first.flatMap { key in
                DigestToken.sign(school: s.number, day: day, secret: key)?.replyAddress(
                    localPart: config.district.replyLocalPart, domain: config.district.domain)
            }
            let sisLines = (sisBySchool[s.number] ?? []).map(\.line)
            let sites = coverageBySchool[s.number] ?? []
            let lines =
                sites.contains(where: \.changedOnDay) || !items.isEmpty || !refused.isEmpty
                ? sites.map { c in
                    ReleaseCoverageLine(
                        programName: programName(c.siteID), siteID: c.siteID, students: c.students,
                        withRelease: c.withRelease, waiting: c.waiting,
                        declined: c.declined)
                } : []
            if let email = try composer.compose(
                school: s, day: day, items: items, quarantined: refused, coverage: lines, sis: sisLines,
                replyAddress: items.isEmpty && refused.isEmpty ? nil : replyAddress, now: now)
            {
                emails.append(email)
            }
        }
        // Refusals that name no known site: the admin.
        let unsited = (quarantinedBySchool[""] ?? []).map(Self.notice)
        let admin = School(
            number: "admin", name: "all schools",
            coordinator: Person(name: "RosterMail admin", email: config.adminAddress))
        if let email = try composer.compose(school: admin, day: day, items: [], quarantined: unsited, now: now) {
            emails.append(email)
        }
        let queued = try store.enqueue(emails, kind: "review", now: now)
        try store.audit(
            actor: "replies", action: "review.digest", subject: day.description,
            detail: [
                "emails": String(queued), "reviews": String(reviews.count), "quarantined": String(quarantined.count),
            ],
            now: now)
        if queued > 0 {
            logger.info("review digests queued", metadata: ["roster.day": "\(day)", "mail.queued": "\(queued)"])
        }
        return queued
    }

    static func notice(_ q: RosterDatabase.QuarantinedReply) -> QuarantineNotice {
        QuarantineNotice(receivedAt: q.receivedAt, sender: q.sender, subject: q.subject, reasonText: q.reason)
    }
}
