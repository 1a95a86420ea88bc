import Foundation
import MailMessage
import Roster
import RosterStore

/// The demo's data request: the contact of the largest site asks for a de-identified answer by email, and the
/// data team approves it by replying to the review, both written into the demo's reply Maildir.
enum DemoDataRequest {
    /// The largest site this week (the one whose groups can be large enough to show figures).
    static func site(config: RosterMailConfig, store: RosterDatabase, week: ISOWeek) throws -> Site? {
        var best: (Site, Int)?
        for s in config.directory.sites {
            guard let partner = config.directory.program(id: s.programID)?.partnerID, !s.contacts.isEmpty else {
                continue
            }
            let n = try store.weeklyRoster(siteID: s.id, partnerID: partner, week: week).active.count
            if n > (best?.1 ?? 0) { best = (s, n) }
        }
        return best?.0
    }

    /// Writes the request; returns the site it is for.
    static func writeRequest(
        into maildir: String, config: RosterMailConfig, store: RosterDatabase, week: ISOWeek, now: Date
    ) throws -> Site? {
        guard let site = try site(config: config, store: store, week: week), let contact = site.contacts.first else {
            return nil
        }
        let period = SchoolYear(containing: CalendarDay(now, in: config.timeZone))
        let m = OutgoingMessage(
            from: try MailAddress(contact.email, displayName: contact.name),
            to: [try MailAddress(config.requests.address(domain: config.district.domain))],
            subject: "Data request for our annual report", date: now, timeZone: config.timeZone,
            messageID: "demo-data-request.\(week.compact)@partner.example",
            body: .text(
                """
                Hello,

                For our annual report to our funder we would like the following.

                DATA REQUEST
                Measures: attendance, behavior, grades, assessments, improvement
                Level: de-identified
                Period: \(period)
                Purpose: annual report to our funder on the program's students

                Thank you,
                \(contact.name)
                """))
        try DemoReplies.deliver(
            [try MessageWriter.render(m, seed: "demo-data-request")], into: maildir,
            names: ["demo-data-request.\(week.compact)"])
        return site
    }

    /// The data team's APPROVE, replying to the review email in the outbox; false when there is none.
    static func writeApproval(into maildir: String, config: RosterMailConfig, store: RosterDatabase, now: Date) throws
        -> Bool
    {
        guard
            let review = try store.outboxMessages().last(where: {
                $0.messageID.hasPrefix("datareview.")
                    && $0.recipient.lowercased() == config.dataTeam[0].email.lowercased()
            })
        else { return false }
        let parsed = try MessageParser.parse(review.bytes)
        guard let replyTo = parsed.replyTo.first?.address else { return false }
        var m = OutgoingMessage(
            from: try MailAddress(config.dataTeam[0].email, displayName: "Data team"), to: [try MailAddress(replyTo)],
            subject: "Re: " + (parsed.subject ?? ""), date: now, timeZone: config.timeZone,
            messageID: "demo-data-approval.\(review.id)@\(config.district.domain)",
            body: .text("APPROVE\n\nChecked the counts and the rows.\n\n> " + (parsed.subject ?? "") + "\n"))
        m.inReplyTo = parsed.messageID
        m.references = parsed.messageID.map { [$0] } ?? []
        try DemoReplies.deliver(
            [try MessageWriter.render(m, seed: "demo-approval")], into: maildir, names: ["demo-data-approval"])
        return true
    }
}
