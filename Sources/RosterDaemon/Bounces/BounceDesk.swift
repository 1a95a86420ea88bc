import Foundation
import MailMessage
import Roster
import RosterStore

/// The bounce desk: delivery reports (RFC 3464 DSNs and the common plain-text bounces) and anything sent to
/// the VERP bounce address, routed here before the automatic-mail rules would ignore them.
///
/// A report is matched to the outbox message it is about by its VERP address (`bounces+<id>.<MAC>@<domain>`,
/// verified with the reply-token keys), else — without `delivery.verp` — by the returned message's
/// Message-ID. With `delivery.verp: true` a report naming one of our Message-IDs without a valid VERP address
/// is forged: quarantined, nothing changed. A report about no message of ours is recorded as ignored. A
/// permanent failure makes the message `bounced` with the remote reply, marks the contact undeliverable
/// and, the first time for that contact, alerts the school's CSC and the admin; a delay notice or any other
/// report is recorded only. The router's Message-ID check makes a re-fetched or replayed report a no-op.
extension ReplyDesk {
    /// The router's bounce branch: nil when the message is neither a delivery report nor sent to the bounce
    /// address (then it goes on to the other desks).
    func routeBounce(
        _ parsed: ParsedMessage, bytes: [UInt8], headers: ReplyHeaders, envelopeRecipient: String?,
        processedIDs: Set<String>, source: InboxSource, now: Date
    ) throws -> Outcome? {
        var addressed: [String] = envelopeRecipient.map { [$0] } ?? []
        for name in ["Delivered-To", "X-Original-To", "To"] { addressed += headers.values(name) }
        let domain = config.district.domain
        let report = DeliveryReport.read(parsed)
        guard report != nil || BounceToken.addressed(in: addressed, domain: domain) else { return nil }
        return try handleBounce(
            report, parsed: parsed, bytes: bytes, tokens: BounceToken.find(in: addressed, domain: domain),
            processedIDs: processedIDs, source: source, now: now)
    }

    func handleBounce(
        _ report: DeliveryReport?, parsed: ParsedMessage, bytes: [UInt8], tokens: [BounceToken],
        processedIDs: Set<String>, source: InboxSource, now: Date
    ) throws -> Outcome {
        let sender = parsed.from.count == 1 ? parsed.from[0].address : nil
        let subject = String((parsed.subject ?? "").prefix(200))
        let normalized = parsed.messageID.flatMap(ReplyAuthorization.normalizedMessageID)
        if let id = normalized, processedIDs.contains(id) {
            // Another message reusing a recorded report's Message-ID: a replay.
            return try record(
                InboxRecord(
                    messageID: "\(id)~\(SHA256Digest.hex(bytes).prefix(16))", source: source, receivedAt: now,
                    sender: sender, subject: subject, siteID: nil, week: nil, state: .quarantined,
                    reason: QuarantineReason.replayedMessageID(id).description,
                    destination: config.replies.quarantineFolder), now: now)
        }
        let messageID = normalized ?? "none~\(SHA256Digest.hex(bytes).prefix(32))"
        let processed = config.replies.processedFolder
        guard let report else {
            return try record(
                InboxRecord(
                    messageID: messageID, source: source, receivedAt: now, sender: sender, subject: subject,
                    siteID: nil, week: nil, state: .ignored,
                    reason: "sent to the bounce address but not a delivery report; nothing to do",
                    destination: processed), now: now)
        }

        // Which message: the VERP address first, then (without VERP) the returned Message-ID.
        var entry: OutboxEntry?
        var matchedBy: BounceRecord.MatchedBy?
        if let token = tokens.first(where: { $0.verifies(keys: keys) }),
            let e = try store.outboxEntry(id: token.outboxID)
        {
            (entry, matchedBy) = (e, .verp)
        }
        let named = try report.originalMessageID.flatMap { try store.outboxEntry(messageID: $0) }
        var base = BounceRecord(
            outboxID: named?.id, originalMessageID: report.originalMessageID, reportingMTA: report.reportingMTA,
            effect: .unknownMessage)
        if entry == nil {
            if config.delivery.verp, let named {
                base.effect = .forged
                let reason =
                    "forged bounce: it names Message-ID <\(named.messageID)> of outbox \(named.id) but was not sent to "
                    + "that message's signed bounce address (delivery.verp is on); nothing changed. If it is genuine "
                    + "(a message sent before VERP was turned on), check the address with the partner by hand"
                return try finishBounce(
                    .quarantined, reason: reason, destination: config.replies.quarantineFolder, bounce: base,
                    entry: named, messageID: messageID, sender: sender, subject: subject, source: source, now: now)
            }
            if !config.delivery.verp, let named { (entry, matchedBy) = (named, .messageID) }
        }
        guard let entry else {
            let what =
                report.originalMessageID.map { "Message-ID <\($0)>" }
                ?? (tokens.isEmpty ? "no original Message-ID" : "bounce address \(tokens[0]) does not verify")
            return try finishBounce(
                .ignored, reason: "delivery report for a message we never sent (\(what)); nothing changed",
                destination: processed, bounce: base, entry: nil, messageID: messageID, sender: sender,
                subject: subject, source: source, now: now)
        }

        // What it says about the message's recipient.
        let lower = entry.recipient.lowercased()
        // The group of the message's own recipient; a group naming another address (a forward at the partner
        // that failed, or a made-up report) is not about this recipient. A lone group without any address (a
        // plain-text bounce that names none) is taken as this message's.
        let group =
            report.recipients.first { r in
                r.finalRecipient?.lowercased() == lower || r.originalRecipient?.lowercased() == lower
            }
            ?? report.recipients.first { r in
                report.recipients.count == 1 && r.finalRecipient == nil && r.originalRecipient == nil
            }
        var bounce = base
        bounce.outboxID = entry.id
        bounce.matchedBy = matchedBy
        bounce.recipient = group?.finalRecipient ?? entry.recipient
        bounce.action = group?.action
        bounce.status = group?.status
        bounce.remoteReply = group?.remoteReply.map { String($0.prefix(500)) }
        bounce.remoteMTA = group?.remoteMTA
        guard let group else {
            bounce.effect = .notice
            return try finishBounce(
                .ignored,
                reason: "delivery report for outbox \(entry.id) is about "
                    + (report.recipients.compactMap(\.finalRecipient).first.map { "<\($0)>" } ?? "no recipient")
                    + ", not its recipient <\(entry.recipient)>; recorded only, nothing changed",
                destination: processed, bounce: bounce, entry: entry, messageID: messageID, sender: sender,
                subject: subject, source: source, now: now)
        }
        if group.isDelay || !group.isPermanentFailure {
            bounce.effect = group.isDelay ? .delay : .notice
            let kind = group.isDelay ? "delay notice" : "delivery report (\(group.action ?? "no action"))"
            return try finishBounce(
                .ignored, reason: "\(kind) for outbox \(entry.id) recorded; nothing changed", destination: processed,
                bounce: bounce, entry: entry, messageID: messageID, sender: sender, subject: subject, source: source,
                now: now)
        }

        bounce.effect = .bounced
        let reply = bounce.remoteReply ?? "returned without a reason"
        bounce.remoteReply = reply
        var mark: UndeliverableMark?
        var alerts: [ComposedEmail] = []
        let sites = config.directory.sites.filter { s in s.contacts.contains { $0.email.lowercased() == lower } }
        if !entry.kind.hasPrefix("alert"), let site = sites.first(where: { $0.id == entry.siteID }) ?? sites.first {
            mark = UndeliverableMark(
                email: entry.recipient, siteID: site.id,
                contactFingerprint: UndeliverableContacts.fingerprint(of: entry.recipient, in: config.directory))
            var to = [Person(name: "RosterMail admin", email: config.adminAddress)]
            if let csc = config.directory.school(number: site.schoolNumber)?.coordinator { to.insert(csc, at: 0) }
            alerts = try AlertComposer(district: config.district, timeZone: config.timeZone).composeBounce(
                bouncedOutboxID: entry.id, siteID: site.id, week: entry.week, recipient: entry.recipient, reply: reply,
                to: to, now: now)
        }
        return try finishBounce(
            .applied, reason: "outbox \(entry.id) bounced: \(reply)", destination: processed, bounce: bounce,
            entry: entry, messageID: messageID, sender: sender, subject: subject, source: source, now: now,
            mark: mark, alerts: alerts)
    }

    /// Records the report (inbox row, bounce row, effects) in one transaction and logs it.
    private func finishBounce(
        _ state: InboxRecord.State, reason: String, destination: String, bounce: BounceRecord, entry: OutboxEntry?,
        messageID: String, sender: String?, subject: String, source: InboxSource, now: Date,
        mark: UndeliverableMark? = nil, alerts: [ComposedEmail] = []
    ) throws -> Outcome {
        let inbox = InboxRecord(
            messageID: messageID, source: source, receivedAt: now, sender: sender, subject: subject,
            siteID: entry?.siteID, week: entry?.week, state: state, reason: reason, destination: destination)
        var outcome = Outcome(state: state, reason: reason, destination: destination)
        do {
            let result = try store.recordBounce(
                inbox, bounce: bounce, mark: mark, alerts: alerts,
                deliveredBefore: now.addingTimeInterval(-UndeliverableContacts.deliveredAfter), now: now)
            outcome.inboxID = result.inboxID
            if result.effect == .alreadyBounced {
                outcome.reason = "outbox \(entry?.id ?? 0) had already bounced; another report recorded"
            }
            logger.notice(
                "delivery report recorded",
                metadata: [
                    "mail.message_id": "\(messageID)", "mail.outbox_id": "\(entry.map { String($0.id) } ?? "")",
                    "roster.site": "\(entry?.siteID ?? "")", "mail.bounce": "\(result.effect.rawValue)",
                    "mail.alerted": "\(result.alerted)",
                ])
        } catch let e as StoreError where e.code == .inconsistent {
            outcome.alreadyRecorded = true
        }
        return outcome
    }
}
