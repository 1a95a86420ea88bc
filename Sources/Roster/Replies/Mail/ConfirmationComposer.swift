import Foundation
import MailMessage

/// The confirmation of an accepted reply (DESIGN §4): to the sender, `Cc` the school's CSC, threaded under
/// the reply, `Auto-Submitted: auto-replied`, listing every entry: applied, already done, waiting for the
/// CSC, not applied (with the reason), not understood. Names only students on the partner's own roster;
/// for everything else it echoes the partner's words (see `PartnerWording`).
public struct ConfirmationComposer: Sendable {
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(district: DistrictIdentity, timeZone: TimeZone) {
        self.district = district
        self.timeZone = timeZone
    }

    /// Message-ID of the confirmation of `reply`: the same on every run (a crash before the outbox commit
    /// recomposes the same message), carrying the token so an answer to it is found.
    public func messageID(accepted: AcceptedReply, reply: ReplyReference) -> String {
        accepted.token.messageID(prefix: "confirm", recipient: reply.messageID, domain: district.domain)
    }

    public func compose(accepted: AcceptedReply, reply: ReplyReference, entries: [ResolvedEntry], now: Date) throws
        -> ComposedEmail
    {
        let id = messageID(accepted: accepted, reply: reply)
        var message = OutgoingMessage(
            from: try MailAddress(
                district.communitySchools.email, displayName: district.communitySchools.name, field: "From"),
            to: [try MailAddress(accepted.sender.email, displayName: accepted.sender.name, field: "To")],
            subject: subject(reply: reply, accepted: accepted), date: now, timeZone: timeZone, messageID: id,
            body: .text(text(accepted: accepted, entries: entries)))
        if accepted.role != .coordinator {
            let csc = accepted.school.coordinator
            message.cc = [try MailAddress(csc.email, displayName: csc.name, field: "Cc")]
        }
        message.replyTo = [
            try MailAddress(
                accepted.token.replyAddress(district), displayName: district.communitySchools.name, field: "Reply-To")
        ]
        message.inReplyTo = reply.messageID
        message.references = Array((reply.references + [reply.messageID]).suffix(10))
        message.extraHeaders = [
            ("Auto-Submitted", "auto-replied"),
            ("X-RosterMail-Site", accepted.site.id),
            ("X-RosterMail-Week", accepted.token.week.description),
        ]
        return ComposedEmail(
            siteID: accepted.site.id, week: accepted.token.week, recipient: accepted.sender.email, messageID: id,
            bytes: try MessageWriter.render(message, seed: id))
    }

    /// `Re: <their subject>` (no second `Re:`), on one line, at most 200 characters.
    func subject(reply: ReplyReference, accepted: AcceptedReply) -> String {
        var s = PartnerWording.echo(reply.subject).trimmingSpaces()
        if s.isEmpty { s = "\(accepted.program.name) roster" }
        let lower = s.lowercased()
        return ["re:", "re :", "aw:", "rv:", "sv:", "r:"].contains(where: { lower.hasPrefix($0) }) ? s : "Re: \(s)"
    }

    /// The text part.
    public func text(accepted: AcceptedReply, entries: [ResolvedEntry]) -> String {
        var applied: [String] = []
        var already: [String] = []
        var waiting: [String] = []
        var rejected: [String] = []
        var unclear: [String] = []
        var repeated: [String] = []
        for e in entries {
            let said = "\"\(PartnerWording.echo(e.text))\" (\(e.source))"
            switch e.status {
            case .apply(let s):
                let verb = e.command?.action == .drop ? "dropped" : "added"
                var line = "\(said): \(PartnerWording.student(s)) \(verb)"
                if let day = e.command?.effective { line += " effective \(day)" }
                applied.append(line + ".")
            case .alreadyDone(let s):
                already.append("\(said): \(PartnerWording.student(s)) is already on your roster.")
            case .needsReview: waiting.append("\(said): \(PartnerWording.review)")
            case .rejected(let r): rejected.append("\(said): \(PartnerWording.reject(r))")
            case .notUnderstood(let p): unclear.append("\(said): \(PartnerWording.problem(p))")
            case .duplicate(let first): repeated.append("\(said): same change as \(first).")
            }
        }
        let program = accepted.program.name
        var out = "Hello \(accepted.sender.name),\n\n"
        out +=
            "Thank you for your reply about the \(program) roster at \(accepted.school.name) "
            + "(\(accepted.token.week)).\n"
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            out += "\n\(title)\n"
            for l in lines { out += "  - \(l)\n" }
        }
        if entries.isEmpty {
            out += """

                We found no roster changes in your reply. To change the roster, reply to the roster email with one
                change per line, for example:
                  ADD 123456
                  ADD Maria Lopez, grade 4
                  DROP 123456

                """
        } else {
            section("Applied:", applied)
            section("Already done (nothing changed):", already)
            section("Waiting for your Community School Coordinator, \(accepted.school.coordinator.name):", waiting)
            section("Not applied:", rejected)
            section("Not understood (nothing changed; please write these again):", unclear)
            section("Repeated:", repeated)
            if !applied.isEmpty { out += "\nChanges reach the student information system once a week.\n" }
        }
        out += "\nQuestions? Your Community School Coordinator is \(accepted.school.coordinator.name) "
        out += "<\(accepted.school.coordinator.email)>.\n\n\(district.communitySchools.name)\n\(district.name)\n"
        return out
    }
}
