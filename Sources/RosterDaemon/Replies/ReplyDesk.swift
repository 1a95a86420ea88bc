import Foundation
import Logging
import MailMessage
import Roster
import RosterStore

/// Handles one received message: parse (within limits), authorize, read the Add/Drop lines, match the
/// students, and record everything — inbox row, participation changes, change rows, audit, confirmation —
/// in one transaction. Nothing changes for a message that is not authorized; it is quarantined with the
/// reason. Automatic mail is recorded as ignored and never answered.
public struct ReplyDesk: Sendable {
    public let config: RosterMailConfig
    public let store: RosterDatabase
    let authorization: ReplyAuthorization
    /// Reply-token keys (current first), for the tokens desks verify themselves (release requests).
    let keys: [ReplyTokenKey]
    let confirmations: ConfirmationComposer
    let logger: Logger

    public init(config: RosterMailConfig, store: RosterDatabase, keys: [ReplyTokenKey], logger: Logger) {
        self.config = config
        self.store = store
        self.keys = keys
        self.authorization = ReplyAuthorization(
            district: config.district, directory: config.directory, keys: keys,
            policy: .init(
                requireDMARC: config.replies.requireDMARC, authservID: config.replies.authservID,
                tokenValidWeeksAfter: config.replies.tokenValidWeeks),
            timeZone: config.timeZone)
        self.confirmations = ConfirmationComposer(district: config.district, timeZone: config.timeZone)
        self.logger = logger
    }

    /// What became of a message.
    public struct Outcome: Sendable, Equatable {
        public var state: InboxRecord.State
        public var reason: String
        /// `Processed` or `Quarantine`: where the mailbox copy goes after the commit.
        public var destination: String
        public var inboxID: Int64?
        /// The message was recorded before (a re-fetch after a crash, an MTA retry): nothing new was done.
        public var alreadyRecorded = false
        public var applied = 0
        public var needsReview = 0
        public var rejected = 0
        public var confirmed = false
    }

    public func handle(
        _ bytes: [UInt8], source: InboxSource, envelopeSender: String? = nil, envelopeRecipient: String? = nil,
        now: Date = Date()
    ) throws -> Outcome {
        let quarantine = config.replies.quarantineFolder
        let parsed: ParsedMessage
        do {
            parsed = try MessageParser.parse(bytes, limits: config.replies.limits)
        } catch {
            return try record(
                InboxRecord(
                    messageID: "none~\(SHA256Digest.hex(bytes).prefix(32))", source: source, receivedAt: now,
                    sender: nil,
                    subject: "", siteID: nil, week: nil, state: .quarantined, reason: "unreadable: \(error)",
                    destination: quarantine), now: now)
        }
        let subject = String((parsed.subject ?? "").prefix(200))
        var processedIDs: Set<String> = []
        if let id = parsed.messageID.flatMap(ReplyAuthorization.normalizedMessageID),
            let earlier = try store.inboxEntry(messageID: id)
        {
            // The same mailbox message again (a crash came before the move; a rescan after a UIDVALIDITY
            // change) or an MTA retry: nothing to do but the move.
            if source.uid == nil || earlier.uid == source.uid || earlier.uidValidity != source.uidValidity {
                return Outcome(
                    state: InboxRecord.State(rawValue: earlier.state) ?? .ignored, reason: "already recorded",
                    destination: earlier.destination, inboxID: earlier.id, alreadyRecorded: true)
            }
            processedIDs.insert(id)  // another message reusing a processed Message-ID: a replay
        }
        let headers = ReplyHeaders(parsed.headers.map { (name: $0.name, value: $0.value) })
        // Bounces first: a delivery report or mail to the VERP bounce address goes to the bounce desk before the
        // automatic-mail rules would ignore it.
        if let bounced = try routeBounce(
            parsed, bytes: bytes, headers: headers, envelopeRecipient: envelopeRecipient, processedIDs: processedIDs,
            source: source, now: now)
        {
            return bounced
        }
        // The router: each token kind (or the requests address) has its desk; every desk runs after the same
        // common checks (automatic mail, Message-ID, replay, one sender), and what fails them is recorded alike.
        var searched: [String] = envelopeRecipient.map { [$0] } ?? []
        for name in ["To", "Cc", "In-Reply-To", "References"] { searched += headers.values(name) }
        func checked(_ desk: (_ messageID: String, _ sender: String) throws -> Outcome) throws -> Outcome {
            switch ReplyAuthorization.commonChecks(
                headers: headers, envelopeSender: envelopeSender, processedMessageIDs: processedIDs)
            {
            case .failure(let end):
                return try recordEnd(end.decision, parsed: parsed, bytes: bytes, source: source, now: now)
            case .success(let ok):
                return try desk(ok.messageID, ok.sender)
            }
        }
        // A reply to a release request: the release desk.
        if let releaseToken = ReleaseToken.find(in: searched, domain: config.district.domain).first {
            return try checked { id, sender in
                try handleRelease(
                    releaseToken, parsed: parsed, bytes: bytes, headers: headers, messageID: id, sender: sender,
                    source: source, subject: subject, now: now)
            }
        }
        // The CSC desk: a coordinator's reply to the school's daily review digest (its token).
        if let digestToken = DigestToken.find(
            in: searched, localPart: config.district.replyLocalPart, domain: config.district.domain
        ).first {
            return try checked { id, sender in
                try handleDigestReply(
                    digestToken, parsed: parsed, headers: headers, messageID: id, sender: sender, source: source,
                    subject: subject, now: now)
            }
        }
        // The data desks: the data team's reply to a review (its token), a partner's request to the requests address.
        if let dataToken = DataRequestToken.find(
            in: searched, localPart: config.requests.localPart(domain: config.district.domain),
            domain: config.district.domain
        ).first {
            return try checked { id, sender in
                try handleTeamReply(
                    dataToken, parsed: parsed, headers: headers, messageID: id, sender: sender, source: source,
                    subject: subject, now: now)
            }
        }
        if addressedToRequests(envelopeRecipient: envelopeRecipient, headers: headers) {
            return try checked { id, sender in
                try handleDataRequest(
                    parsed: parsed, headers: headers, messageID: id, sender: sender, source: source, subject: subject,
                    now: now, accepted: nil)
            }
        }
        // Everything else: the roster desk (its own authorization adds the site token and the contact).
        let decision = authorization.decide(
            headers: headers, envelopeSender: envelopeSender, envelopeRecipient: envelopeRecipient,
            processedMessageIDs: processedIDs, now: now)
        if case .accept(let accepted) = decision {
            return try apply(accepted, parsed: parsed, source: source, subject: subject, now: now)
        }
        return try recordEnd(decision, parsed: parsed, bytes: bytes, source: source, now: now)
    }

    /// A message a desk refuses after the common checks: logged (`what`, with the desk's `metadata`), recorded
    /// as quarantined with its reason, and moved to the quarantine folder. Shared by every desk.
    func quarantined(
        _ reason: QuarantineReason, what: String, messageID: String, sender: String, subject: String,
        siteID: String?, source: InboxSource, now: Date, metadata: Logger.Metadata = [:]
    ) throws -> Outcome {
        logger.notice(
            "\(what)",
            metadata: metadata.merging(["mail.message_id": "\(messageID)", "mail.reason": "\(reason)"]) { a, _ in a })
        return try record(
            InboxRecord(
                messageID: messageID, source: source, receivedAt: now, sender: sender, subject: subject,
                siteID: siteID, week: nil, state: .quarantined, reason: reason.description,
                destination: config.replies.quarantineFolder), now: now)
    }

    /// Records a message that ends without reaching a desk's reading: automatic mail (ignored) or a refusal
    /// (quarantined with its reason). Shared by every desk.
    func recordEnd(_ decision: ReplyDecision, parsed: ParsedMessage, bytes: [UInt8], source: InboxSource, now: Date)
        throws -> Outcome
    {
        let processed = config.replies.processedFolder, quarantine = config.replies.quarantineFolder
        let subject = String((parsed.subject ?? "").prefix(200))
        let sender = parsed.from.count == 1 ? parsed.from[0].address : nil
        let digest = SHA256Digest.hex(bytes).prefix(16)
        switch decision {
        case .ignore(let automatic):
            return try record(
                InboxRecord(
                    messageID: parsed.messageID ?? "none~\(digest)", source: source, receivedAt: now, sender: sender,
                    subject: subject, siteID: nil, week: nil, state: .ignored, reason: "automatic mail: \(automatic)",
                    destination: processed), now: now)
        case .quarantine(let q):
            var id = q.messageID ?? "none~\(digest)"
            if case .replayedMessageID = q.reason { id += "~\(digest)" }
            logger.notice(
                "reply quarantined",
                metadata: [
                    "mail.message_id": "\(id)", "mail.reason": "\(q.reason)", "roster.site": "\(q.siteID ?? "")",
                ])
            var inbox = InboxRecord(
                messageID: id, source: source, receivedAt: now, sender: q.sender ?? sender, subject: subject,
                siteID: q.siteID, week: nil, state: .quarantined, reason: q.reason.description,
                destination: quarantine)
            // A refused reply of a known site is kept, so its CSC can release it (`RELEASE Q2` in the digest).
            if q.siteID != nil, Self.releasable(q.reason) { inbox.body = bytes }
            return try record(inbox, now: now)
        case .accept(let accepted):
            return try apply(accepted, parsed: parsed, source: source, subject: subject, now: now)
        }
    }

    /// `releasing`: the quarantined inbox row a CSC released (this message), which the result replaces.
    func apply(
        _ a: AcceptedReply, parsed: ParsedMessage, source: InboxSource, subject: String, now: Date,
        releasing: Int64? = nil
    ) throws -> Outcome {
        // A DATA REQUEST block in a reply to the roster email goes to the data desk, for the token's site.
        let sentText = try sentText(a, parsed: parsed)
        let own = sentText.withoutOurRuns(ReplyBody.ownText(of: parsed))
        if DataRequestForm.read(own) != .none {
            return try handleDataRequest(
                parsed: parsed, headers: nil, messageID: a.messageID, sender: a.sender.email, source: source,
                subject: subject, now: now, accepted: a, ownText: own)
        }
        let today = CalendarDay(now, in: config.timeZone)
        let students = try store.schoolStudents(schoolNumber: a.school.number, siteID: a.site.id, on: today)
        let sent = try store.sentRoster(siteID: a.site.id, week: a.token.week)
        let attachments = parsed.parts.filter { part in
            guard part.isAttachment, let name = part.filename?.lowercased() else { return false }
            return name.hasSuffix(".csv") || name.hasSuffix(".txt")
        }.map { (filename: $0.filename ?? "", bytes: $0.body) }
        let items = ReplyExtractor().extract(
            ownText: ReplyBody.ownText(of: parsed), fullText: ReplyBody.text(of: parsed), attachments: attachments,
            sentRoster: sent, sentText: sentText)
        let entries = ReplyResolver.resolve(items, matcher: StudentMatcher(students: students))

        var changes: [ChangeRecord] = []
        var participation: [RosterDatabase.ParticipationChange] = []
        var outcome = Outcome(state: .applied, reason: "", destination: config.replies.processedFolder)
        for e in entries {
            guard let command = e.command else { continue }
            let action: ChangeRecord.Action = command.action == .add ? .add : .drop
            let effective = command.effective ?? today
            func row(_ state: ChangeRecord.State, _ number: String?, _ reason: String) -> ChangeRecord {
                ChangeRecord(
                    siteID: a.site.id, action: action, studentNumber: number, rawLine: String(e.text.prefix(500)),
                    source: e.source.description, requestedBy: a.sender.email, effective: effective.description,
                    state: state, reason: reason)
            }
            switch e.status {
            case .apply(let student):
                participation.append(
                    action == .add
                        ? .add(studentNumber: student.studentNumber, from: effective)
                        : .drop(studentNumber: student.studentNumber, asOf: effective))
                changes.append(row(.applied, student.studentNumber, ""))
                outcome.applied += 1
            case .needsReview(let reason):
                var r = row(.needsReview, nil, reason.cscDescription)
                r.candidates = Self.candidates(reason)
                changes.append(r)
                outcome.needsReview += 1
            case .rejected(let reason):
                changes.append(row(.rejected, nil, reason.rawValue))
                outcome.rejected += 1
            case .alreadyDone, .notUnderstood, .duplicate:
                break
            }
        }
        let startOfDay = today.instant(hour: 0, minute: 0, in: config.timeZone)
        var confirmation: ComposedEmail?
        if try store.confirmationCount(to: a.sender.email, since: startOfDay)
            < config.replies.confirmationsPerSenderPerDay
        {
            confirmation = try confirmations.compose(
                accepted: a,
                reply: ReplyReference(
                    messageID: a.messageID, references: parsed.references, subject: parsed.subject ?? ""),
                entries: entries, now: now)
        } else {
            logger.notice("confirmation cap reached; no confirmation", metadata: ["roster.site": "\(a.site.id)"])
        }
        outcome.confirmed = confirmation != nil
        let inbox = InboxRecord(
            messageID: a.messageID, source: source, receivedAt: now, sender: a.sender.email, subject: subject,
            siteID: a.site.id, week: a.token.week.description, state: .applied,
            reason: "\(outcome.applied) applied, \(outcome.needsReview) for review, \(outcome.rejected) rejected",
            destination: config.replies.processedFolder)
        outcome.reason = inbox.reason
        do {
            outcome.inboxID = try store.recordReceived(
                inbox, changes: changes, participation: participation, confirmation: confirmation,
                replacing: releasing, now: now)
        } catch let e as StoreError where e.code == .inconsistent {
            // Another process recorded it meanwhile.
            outcome.alreadyRecorded = true
        }
        logger.info(
            "reply applied",
            metadata: [
                "mail.message_id": "\(a.messageID)", "roster.site": "\(a.site.id)",
                "roster.applied": "\(outcome.applied)",
                "roster.needs_review": "\(outcome.needsReview)",
            ])
        return outcome
    }

    /// The students a CSC may choose from for a change set aside for review.
    static func candidates(_ reason: ReviewReason) -> [String] {
        switch reason {
        case .ambiguous(let numbers): numbers
        case .nameDoesNotMatchNumber(let s), .gradeDoesNotMatch(let s), .conflictingCommands(let s): [s.studentNumber]
        case .unknownNumber, .unknownName: []
        }
    }

    /// Refusals a CSC may overrule: who sent it (a partner's personal address, a forwarded reply), not whether
    /// the message is ours to read (forged or replayed tokens, several senders, DMARC failures stay refused).
    static func releasable(_ reason: QuarantineReason) -> Bool {
        switch reason {
        case .senderNotAContact, .tokenForAnotherSite, .expiredToken, .dmarcNotPass: true
        default: false
        }
    }

    /// The text of our emails this reply may quote (`SentText`): the roster email of its site and week and
    /// what its `In-Reply-To`/`References` name, each as its text part and its HTML part as text.
    func sentText(_ a: AcceptedReply, parsed: ParsedMessage) throws -> SentText {
        let ids = parsed.references + (parsed.inReplyTo.map { [$0] } ?? [])
        let mail = try store.sentMail(
            siteID: a.site.id, week: a.token.week, recipient: a.sender.email, messageIDs: ids.suffix(20))
        return SentText(texts: ourTexts(mail))
    }

    /// Each of our emails as its text part and its HTML part as text.
    func ourTexts(_ mail: [[UInt8]]) -> [String] {
        var texts: [String] = []
        for bytes in mail {
            guard let ours = try? MessageParser.parse(bytes, limits: config.replies.limits) else { continue }
            for part in ours.parts where !part.isAttachment {
                if part.contentType == "text/plain", let text = part.text { texts.append(text) }
                if part.contentType == "text/html", let html = part.text { texts.append(HTMLText.text(fromHTML: html)) }
            }
        }
        return texts
    }

    func record(_ inbox: InboxRecord, now: Date) throws -> Outcome {
        var outcome = Outcome(state: inbox.state, reason: inbox.reason, destination: inbox.destination)
        do {
            outcome.inboxID = try store.recordReceived(inbox, now: now)
        } catch let e as StoreError where e.code == .inconsistent {
            outcome.alreadyRecorded = true
        }
        return outcome
    }
}
