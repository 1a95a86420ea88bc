import Foundation
import Logging
import MailMessage
import Roster
import RosterStore

/// The CSC desk: a coordinator's reply to the school's daily review digest. The digest's reply address carries a
/// token for the school and day; only that school's CSC may act (DMARC as for every reply); each line is an
/// action on a numbered item of that digest (`CSCActionReader`). Everything the reply does is recorded in one
/// transaction with its inbox row, the coordinator's confirmation and the partners' follow-ups; a RELEASE runs
/// the released reply through the roster desk first (and is then done: releasing it again does nothing).
extension ReplyDesk {
    /// How long a digest may be acted on.
    static let digestValidDays = 14

    func handleDigestReply(
        _ token: DigestToken, parsed: ParsedMessage, headers: ReplyHeaders, messageID: String, sender: String,
        source: InboxSource, subject: String, now: Date
    ) throws -> Outcome {
        func quarantine(_ reason: QuarantineReason) throws -> Outcome {
            try quarantined(
                reason, what: "digest reply quarantined", messageID: messageID, sender: sender, subject: subject,
                siteID: nil, source: source, now: now, metadata: ["roster.school": "\(token.school)"])
        }
        guard token.verifies(keys: keys),
            let school = config.directory.schools.first(where: { $0.number.lowercased() == token.school })
        else { return try quarantine(.forgedDigestToken) }
        let today = CalendarDay(now, in: config.timeZone)
        guard token.day <= today, token.day.adding(days: Self.digestValidDays) >= today else {
            return try quarantine(.expiredDigestToken(school: school.number, day: token.day.description))
        }
        guard school.coordinator.email.lowercased() == sender.lowercased() else {
            return try quarantine(.notTheCSC(school: school.number))
        }
        if let problem = ReplyAuthorization.dmarcProblem(
            headers: headers, sender: sender, authservID: config.replies.authservID,
            required: config.replies.requireDMARC)
        {
            return try quarantine(problem)
        }
        // The coordinator's own words: quotes removed, and any run of our digest's lines (Outlook's unquoted
        // original) too, so the digest's own examples are never actions.
        let own = try quotedOurs(parsed).withoutOurRuns(ReplyBody.ownText(of: parsed))
        let read = CSCActionReader.read(own)
        let items = try store.digestItems(school: school.number, day: token.day)
        var lines: [String] = []
        var actions: [(label: String, action: String, detail: String)] = []
        var effects: [CSCEffect] = []
        var partnerLines: [Int64: (change: ReviewChange, lines: [String])] = [:]
        var seen = Set<String>()
        for line in read {
            let at = "line \(line.line) (\(line.text))"
            guard let action = line.action else {
                lines.append("\(at): \(line.problem ?? "not understood"); nothing was done")
                continue
            }
            guard seen.insert(action.label).inserted else {
                lines.append("\(at): item \(action.label) was already named above; nothing more was done")
                continue
            }
            guard let item = items[action.label.uppercased()] else {
                lines.append(
                    "\(at): there is no item \(action.label) in the review email of \(token.day) for \(school.name); "
                        + "nothing was done")
                continue
            }
            if let done = try store.cscAction(school: school.number, day: token.day, label: item.label) {
                lines.append("\(at): item \(item.label) was dealt with already (\(done)); nothing more was done")
                continue
            }
            switch (action, item.kind) {
            case (.apply(_, let chosen), .change):
                guard let change = try store.reviewChange(id: item.refID), change.state == "needs_review" else {
                    lines.append("\(at): item \(item.label) no longer waits for review; nothing was done")
                    continue
                }
                let student: String
                if let chosen {
                    guard change.candidates.contains(chosen) else {
                        let offered = change.candidates.isEmpty ? "none" : change.candidates.joined(separator: ", ")
                        lines.append(
                            "\(at): student \(chosen) was not among item \(item.label)'s candidates (\(offered)); "
                                + "nothing was done")
                        continue
                    }
                    student = chosen
                } else if change.candidates.count == 1 {
                    student = change.candidates[0]
                } else {
                    lines.append(
                        change.candidates.isEmpty
                            ? "\(at): item \(item.label) has no candidate student; reject it, or ask the partner to "
                                + "write the student's number; nothing was done"
                            : "\(at): item \(item.label) has \(change.candidates.count) candidates; write APPLY "
                                + "\(item.label) AS <student number>; nothing was done")
                    continue
                }
                let verb = change.action == "add" ? "added" : "dropped"
                effects.append(
                    .apply(changeID: change.id, studentNumber: student, note: "applied by the CSC (\(sender))"))
                actions.append((item.label, "apply", student))
                lines.append("\(at): \"\(PartnerWording.echo(change.rawLine))\" applied: student \(student) \(verb)")
                partnerLines[change.inboxID, default: (change, [])].lines.append(
                    "\"\(PartnerWording.echo(change.rawLine))\": applied, student no. \(student) \(verb)")
            case (.reject(_, let reason), .change):
                guard let change = try store.reviewChange(id: item.refID), change.state == "needs_review" else {
                    lines.append("\(at): item \(item.label) no longer waits for review; nothing was done")
                    continue
                }
                let why = reason.isEmpty ? "the Community School Coordinator did not apply it" : reason
                effects.append(.reject(changeID: change.id, reason: "rejected by the CSC: \(why)"))
                actions.append((item.label, "reject", why))
                lines.append("\(at): \"\(PartnerWording.echo(change.rawLine))\" rejected; the partner is told why")
                partnerLines[change.inboxID, default: (change, [])].lines.append(
                    "\"\(PartnerWording.echo(change.rawLine))\": not applied: \(why)")
            case (.discard, .quarantine):
                guard let q = try store.quarantinedMessage(inboxID: item.refID), q.state == "quarantined" else {
                    lines.append("\(at): reply \(item.label) is no longer quarantined; nothing was done")
                    continue
                }
                effects.append(.discard(inboxID: q.inboxID, note: "discarded by the CSC (\(sender))"))
                actions.append((item.label, "discard", ""))
                lines.append("\(at): reply \(item.label) from \(q.sender ?? "an unknown sender") discarded")
            case (.release, .quarantine):
                let (line, released) = try release(item, by: sender, now: now)
                lines.append("\(at): " + line)
                if released { actions.append((item.label, "release", "")) }
            default:
                let expected = item.kind == .change ? "APPLY or REJECT" : "RELEASE or DISCARD"
                lines.append("\(at): item \(item.label) takes \(expected); nothing was done")
            }
        }
        if read.isEmpty {
            lines.append("no APPLY, REJECT, RELEASE or DISCARD line was found; nothing was done")
        }
        let composer = CSCActionComposer(district: config.district, timeZone: config.timeZone)
        let thread = CSCActionComposer.Thread(
            messageID: messageID, references: parsed.references, subject: parsed.subject ?? "")
        let confirmation = try composer.confirmation(
            to: school.coordinator, school: school.number, lines: lines, thread: thread, now: now)
        var followUps: [ComposedEmail] = []
        for (_, entry) in partnerLines.sorted(by: { $0.key < $1.key }) {
            let c = entry.change
            let name =
                config.directory.site(id: c.siteID)?.contacts
                .first { $0.email.lowercased() == c.requestedBy.lowercased() }?.name ?? c.requestedBy
            followUps.append(
                try composer.followUp(
                    to: Person(name: name, email: c.requestedBy), siteID: c.siteID, lines: entry.lines,
                    thread: .init(messageID: c.messageID, subject: c.subject), now: now))
        }
        let applied = effects.count + actions.filter { $0.action == "release" }.count
        let inbox = InboxRecord(
            messageID: messageID, source: source, receivedAt: now, sender: sender, subject: subject, siteID: nil,
            week: nil, state: .applied, reason: String(("CSC actions: " + lines.joined(separator: "; ")).prefix(500)),
            destination: config.replies.processedFolder)
        var outcome = Outcome(state: .applied, reason: inbox.reason, destination: inbox.destination)
        outcome.applied = applied
        outcome.confirmed = true
        do {
            outcome.inboxID = try store.recordCSCActions(
                inbox, school: school.number, day: token.day, actions: actions, effects: effects,
                confirmation: confirmation, followUps: followUps, now: now)
        } catch let e as StoreError where e.code == .inconsistent {
            outcome.alreadyRecorded = true
        }
        logger.info(
            "CSC actions recorded",
            metadata: [
                "mail.message_id": "\(messageID)", "roster.school": "\(school.number)",
                "csc.actions": "\(actions.count)",
            ])
        return outcome
    }

    /// RELEASE Qn: the quarantined reply goes through the roster desk as if its sender were the site's contact
    /// (the CSC vouches for them), replacing its quarantined inbox row in the roster desk's own transaction.
    /// Returns the confirmation line, and whether it was released. A crash before the CSC's reply is recorded
    /// leaves the release done; the reply read again is then told the item is no longer quarantined.
    func release(_ item: DigestItem, by csc: String, now: Date) throws -> (String, Bool) {
        let gone = "reply \(item.label) is no longer quarantined (released or dealt with before); nothing was done"
        guard let q = try store.quarantinedMessage(inboxID: item.refID), q.state == "quarantined" else {
            return (gone, false)
        }
        guard let bytes = q.bytes, let siteID = q.siteID, let site = config.directory.site(id: siteID),
            let program = config.directory.program(id: site.programID),
            let partner = config.directory.partner(id: program.partnerID),
            let school = config.directory.school(number: site.schoolNumber)
        else {
            return (
                "reply \(item.label) cannot be released (\(q.reason)); ask the sender to write again; nothing was done",
                false
            )
        }
        let parsed = try MessageParser.parse(bytes, limits: config.replies.limits)
        // A data request is the site contact's to make from the contact's own address; it is not released.
        if DataRequestForm.read(ReplyBody.ownText(of: parsed)) != .none {
            return (
                "reply \(item.label) asks for data; a data request must come from the contact's address in "
                    + "partners.yaml; nothing was done", false
            )
        }
        let headers = ReplyHeaders(parsed.headers.map { (name: $0.name, value: $0.value) })
        var searched: [String] = []
        for name in ["To", "Cc", "In-Reply-To", "References"] { searched += headers.values(name) }
        let index = ReplyToken.SiteIndex(config.directory)
        let tokens = ReplyToken.find(
            in: searched, localPart: config.district.replyLocalPart, domain: config.district.domain
        ).compactMap { text in try? ReplyToken.verify(text, keys: keys, sites: index).get() }
        guard let token = tokens.first(where: { $0.siteID == siteID }) else {
            return ("reply \(item.label) carries no valid reply token for its site; nothing was done", false)
        }
        let sender = q.sender ?? parsed.from.first?.address ?? csc
        let accepted = AcceptedReply(
            token: token, site: site, program: program, partner: partner, school: school,
            sender: Person(name: parsed.from.first?.displayName ?? sender, email: sender), role: .contact,
            messageID: ReplyAuthorization.normalizedMessageID(parsed.messageID ?? "") ?? "released.\(q.inboxID)")
        do {
            let o = try apply(
                accepted, parsed: parsed, source: .init(kind: "csc-release"),
                subject: String((parsed.subject ?? "").prefix(200)), now: now, releasing: q.inboxID)
            if o.alreadyRecorded { return (gone, false) }
            return (
                "reply \(item.label) from \(sender) released: \(o.applied) applied, \(o.needsReview) for review, "
                    + "\(o.rejected) rejected; the sender got the usual confirmation", true
            )
        } catch let e as StoreError where e.code == .inconsistent {
            return (gone, false)
        }
    }
}
