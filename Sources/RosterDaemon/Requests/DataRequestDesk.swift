import Foundation
import MailMessage
import Roster
import RosterStore

/// The data desks, after the router's common checks:
/// - a partner's request: a `DATA REQUEST` block sent to `requests.address` (the sender must be a contact of
///   the site; a contact of several sites names the school) or inside a reply to a roster email (the site is
///   the token's). Filed and acknowledged in one transaction, then computed and sent for review.
/// - the data team's `APPROVE` / `REJECT <reason>`: a reply to a review (its `+q<id>.<mac>` token), from a
///   `requests.data_team` address, DMARC as for every reply.
/// Anything else is quarantined or answered with the form; nothing changes.
extension ReplyDesk {
    var dataRequests: DataRequests { DataRequests(config: config, store: store, keys: keys, logger: logger) }

    /// Whether the message was addressed to the data-requests address (envelope recipient, To or Cc).
    func addressedToRequests(envelopeRecipient: String?, headers: ReplyHeaders) -> Bool {
        let address = config.requests.address(domain: config.district.domain).lowercased()
        var values = headers.values("To") + headers.values("Cc")
        if let envelopeRecipient { values.append(envelopeRecipient) }
        return values.flatMap(ReplyHeaders.addresses(in:)).contains { $0.lowercased() == address }
    }

    /// Our emails this message may quote: whatever its `In-Reply-To` / `References` name (and `extra`).
    func quotedOurs(_ parsed: ParsedMessage, extra: [String] = []) throws -> SentText {
        let ids = extra + parsed.references + (parsed.inReplyTo.map { [$0] } ?? [])
        return SentText(texts: try ourTexts(store.sentMail(messageIDs: Array(ids.suffix(20)))))
    }

    func handleDataRequest(
        parsed: ParsedMessage, headers: ReplyHeaders?, messageID: String, sender: String, source: InboxSource,
        subject: String, now: Date, accepted: AcceptedReply?, ownText: String? = nil
    ) throws -> Outcome {
        let processed = config.replies.processedFolder
        func quarantine(_ reason: QuarantineReason) throws -> Outcome {
            try quarantined(
                reason, what: "data request quarantined", messageID: messageID, sender: sender, subject: subject,
                siteID: accepted?.site.id, source: source, now: now)
        }
        let d = config.directory
        var sites: [Site]
        var person: Person
        if let accepted {
            sites = [accepted.site]
            person = accepted.sender
            guard accepted.role == .contact else {
                return try quarantine(.senderNotAContact)
            }
        } else {
            if let headers,
                let problem = ReplyAuthorization.dmarcProblem(
                    headers: headers, sender: sender, authservID: config.replies.authservID,
                    required: config.replies.requireDMARC)
            {
                return try quarantine(problem)
            }
            let address = sender.lowercased()
            sites = d.sites.filter { $0.contacts.contains { $0.email.lowercased() == address } }
            guard let contact = sites.first?.contacts.first(where: { $0.email.lowercased() == address }) else {
                return try quarantine(.senderNotAContact)
            }
            person = contact
        }
        let own = try ownText ?? quotedOurs(parsed).withoutOurRuns(ReplyBody.ownText(of: parsed))
        let thread = DataRequestComposer.Thread(
            messageID: messageID, references: parsed.references, subject: parsed.subject ?? "")
        let composer = dataRequests.composer
        let replyAddress = config.requests.address(domain: config.district.domain)
        func answered(_ problems: [String], reason: String) throws -> Outcome {
            let startOfDay = CalendarDay(now, in: config.timeZone).instant(hour: 0, minute: 0, in: config.timeZone)
            let capped =
                try store.confirmationCount(to: sender, since: startOfDay)
                >= config.replies.confirmationsPerSenderPerDay
            let help =
                capped
                ? nil
                : try composer.formHelp(
                    problems: problems, to: person, replyAddress: replyAddress, thread: thread, now: now)
            var outcome = Outcome(state: .applied, reason: reason, destination: processed)
            outcome.confirmed = help != nil
            do {
                outcome.inboxID = try store.recordReceived(
                    InboxRecord(
                        messageID: messageID, source: source, receivedAt: now, sender: sender, subject: subject,
                        siteID: sites.count == 1 ? sites[0].id : nil, week: nil, state: .applied, reason: reason,
                        destination: processed), confirmation: help, now: now)
            } catch let e as StoreError where e.code == .inconsistent {
                outcome.alreadyRecorded = true
            }
            return outcome
        }

        let form: DataRequestForm
        switch DataRequestForm.read(own) {
        case .none:
            // A reply to one of our emails without a request (a thank-you): nothing to do, nothing sent.
            let ours = parsed.references + (parsed.inReplyTo.map { [$0] } ?? [])
            if try !store.sentMail(messageIDs: Array(ours.suffix(20))).isEmpty {
                return try record(
                    InboxRecord(
                        messageID: messageID, source: source, receivedAt: now, sender: sender, subject: subject,
                        siteID: sites.count == 1 ? sites[0].id : nil, week: nil, state: .applied,
                        reason: "data request desk: no DATA REQUEST block; nothing done", destination: processed),
                    now: now)
            }
            return try answered(
                ["no \"DATA REQUEST\" block was found in your email"],
                reason: "data request desk: no DATA REQUEST block; the form was sent")
        case .problems(let problems):
            return try answered(problems, reason: "data request unreadable: \(problems.joined(separator: "; "))")
        case .request(let f):
            form = f
        }
        if accepted == nil, let school = form.school {
            let folded = DataRequestForm.fold(school)
            let named = sites.filter { s in
                s.schoolNumber.lowercased() == folded
                    || d.school(number: s.schoolNumber).map { DataRequestForm.fold($0.name) == folded } ?? false
            }
            guard !named.isEmpty else {
                return try answered(
                    [
                        "School: \"\(school)\" is not a school where you are a contact of a program; yours: "
                            + sites.map { "\($0.schoolNumber) (\(d.school(number: $0.schoolNumber)?.name ?? ""))" }
                            .joined(separator: ", ")
                    ], reason: "data request for a school the sender does not serve")
            }
            sites = named
        }
        guard sites.count == 1 else {
            return try answered(
                [
                    "you are a contact of programs at several schools; add a line \"School: <number>\" naming one of: "
                        + sites.map { "\($0.schoolNumber) (\(d.school(number: $0.schoolNumber)?.name ?? ""))" }
                        .joined(separator: ", ")
                ], reason: "data request without a School line from a contact of several sites")
        }
        let site = sites[0]
        let partnerID = d.program(id: site.programID)?.partnerID ?? ""
        var seedGenerator = SystemRandomNumberGenerator()
        let new = NewDataRequest(
            siteID: site.id, partnerID: partnerID, requester: person.email, requesterName: person.name,
            messageID: messageID, references: parsed.references, subject: parsed.subject ?? "", source: "email",
            measures: form.measures, level: form.level, period: form.period, purpose: form.purpose, receivedAt: now,
            dueOn: dataRequests.dueOn(receivedAt: now), seed: seedGenerator.next())
        var outcome = Outcome(state: .applied, reason: "", destination: processed)
        do {
            let filed = try store.fileDataRequest(
                new,
                inbox: InboxRecord(
                    messageID: messageID, source: source, receivedAt: now, sender: sender, subject: subject,
                    siteID: site.id, week: nil, state: .applied, reason: "data request filed", destination: processed),
                now: now
            ) { row, duplicate in
                try composer.acknowledgement(
                    dataRequests.summary(row), to: person, replyAddress: replyAddress, thread: thread,
                    duplicate: duplicate, now: now)
            }
            outcome.inboxID = filed.inboxID
            outcome.confirmed = true
            outcome.applied = filed.duplicate ? 0 : 1
            outcome.reason =
                filed.duplicate ? "same as data request \(filed.request.id)" : "data request \(filed.request.id) filed"
            logger.info(
                "data request filed",
                metadata: [
                    "mail.message_id": "\(messageID)", "roster.site": "\(site.id)", "request.id": "\(filed.request.id)",
                    "request.duplicate": "\(filed.duplicate)",
                ])
        } catch let e as StoreError where e.code == .inconsistent {
            outcome.alreadyRecorded = true
        }
        // Compute and send for review now; a failure here is retried by the daemon's round (the request is filed).
        dataRequests.round(now: now)
        return outcome
    }

    func handleTeamReply(
        _ token: DataRequestToken, parsed: ParsedMessage, headers: ReplyHeaders, messageID: String, sender: String,
        source: InboxSource, subject: String, now: Date
    ) throws -> Outcome {
        func quarantine(_ reason: QuarantineReason, site: String? = nil) throws -> Outcome {
            try quarantined(
                reason, what: "data team reply quarantined", messageID: messageID, sender: sender, subject: subject,
                siteID: site, source: source, now: now, metadata: ["request.id": "\(token.requestID)"])
        }
        let requests = dataRequests
        guard let row = try store.dataRequest(id: token.requestID),
            token.verifies(for: .init(id: row.id, siteID: row.siteID, receivedAt: row.receivedAtText), keys: keys)
        else { return try quarantine(.forgedDataRequestToken) }
        guard let member = config.dataTeam.first(where: { $0.email.lowercased() == sender.lowercased() }) else {
            return try quarantine(.notTheDataTeam, site: row.siteID)
        }
        if let problem = ReplyAuthorization.dmarcProblem(
            headers: headers, sender: sender, authservID: config.replies.authservID,
            required: config.replies.requireDMARC)
        {
            return try quarantine(problem, site: row.siteID)
        }
        let own = try quotedOurs(parsed, extra: row.reviewMessageID.map { [$0] } ?? []).withoutOurRuns(
            ReplyBody.ownText(of: parsed))
        var decided = DataRequests.Decided(advance: nil, lines: [])
        switch DataTeamDecision.read(own) {
        case .approve:
            decided = try requests.decide(.approve, on: row, by: member.email, now: now)
        case .reject(let reason):
            decided = try requests.decide(.reject(reason: reason), on: row, by: member.email, now: now)
        case .rejectWithoutReason:
            decided.lines = ["REJECT needs a reason the partner will read (REJECT <reason>); nothing was done"]
        case .conflicting:
            decided.lines = ["both APPROVE and REJECT were found; nothing was done. Reply with one of them"]
        case .none:
            decided.lines = ["no APPROVE or REJECT line was found; nothing was done"]
        }
        let confirmation = try requests.composer.teamConfirmation(
            requestID: row.id, siteID: row.siteID, lines: decided.lines, to: member,
            replyAddress: requests.teamReplyAddress(row),
            thread: .init(messageID: messageID, references: parsed.references, subject: parsed.subject ?? ""), now: now)
        let reason = "data request \(row.id): " + decided.lines.joined(separator: "; ")
        let inbox = InboxRecord(
            messageID: messageID, source: source, receivedAt: now, sender: sender, subject: subject, siteID: row.siteID,
            week: nil, state: .applied, reason: String(reason.prefix(500)), destination: config.replies.processedFolder)
        var outcome = Outcome(state: .applied, reason: inbox.reason, destination: inbox.destination)
        outcome.confirmed = true
        outcome.applied = decided.advance == nil ? 0 : 1
        do {
            if let advance = decided.advance {
                outcome.inboxID = try store.advanceDataRequest(
                    advance, inbox: inbox, confirmation: confirmation, now: now)
            } else {
                outcome.inboxID = try store.recordReceived(inbox, confirmation: confirmation, now: now)
            }
        } catch let e as StoreError where e.code == .inconsistent {
            // Recorded meanwhile by another process; or the request moved on: the next pass answers afresh.
            guard try store.inboxEntry(messageID: messageID) != nil else { throw e }
            outcome.alreadyRecorded = true
        }
        logger.info(
            "data team reply",
            metadata: ["mail.message_id": "\(messageID)", "request.id": "\(row.id)", "request.outcome": "\(reason)"])
        return outcome
    }
}
