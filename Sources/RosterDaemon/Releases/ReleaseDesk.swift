import Foundation
import MailMessage
import Roster
import RosterStore

/// The release desk: a guardian's reply to a release request (a `releases+<token>` address or a
/// `release.<token>…` Message-ID), after the router's common checks. It signs, declines or revokes only
/// when the token verifies and has not expired, the sender is that guardian's address on file, our MTA's
/// DMARC verdict allows it (`releases.require_dmarc`), and the guardian's own words (not our quoted form)
/// say so; the signature needs the typed full name on file (a mismatch goes to the CSC's review). Every
/// outcome is confirmed to the guardian; anything else is quarantined and changes nothing.
extension ReplyDesk {
    func handleRelease(
        _ token: ReleaseToken, parsed: ParsedMessage, bytes: [UInt8], headers: ReplyHeaders, messageID: String,
        sender: String, source: InboxSource, subject: String, now: Date
    ) throws -> Outcome {
        let quarantineFolder = config.replies.quarantineFolder
        func quarantine(_ reason: QuarantineReason, site: String? = nil) throws -> Outcome {
            try quarantined(
                reason, what: "release reply quarantined", messageID: messageID, sender: sender, subject: subject,
                siteID: site, source: source, now: now, metadata: ["roster.site": "\(site ?? "")"])
        }
        guard let request = try store.releaseRequest(id: token.requestID),
            token.verifies(for: request.token, keys: keys)
        else { return try quarantine(.forgedReleaseToken) }
        let site = request.siteID.isEmpty ? nil : request.siteID
        let day = CalendarDay(now, in: config.timeZone)
        if day > request.expiresAt { return try quarantine(.expiredReleaseToken(requestID: request.id), site: site) }
        guard let email = request.guardianEmail, email.lowercased() == sender.lowercased() else {
            return try quarantine(.notTheGuardian, site: site)
        }
        if let problem = ReplyAuthorization.dmarcProblem(
            headers: headers, sender: sender, authservID: config.replies.authservID,
            required: config.releases.requireDMARC)
        {
            return try quarantine(problem, site: site)
        }

        // The guardian's own words: quotes, signatures and runs of our form text removed.
        let ours = try sentReleaseText(request: request, parsed: parsed)
        let own = ours.withoutOurRuns(ReplyBody.ownText(of: parsed))
        let answer = ConsentReader.read(
            own, guardianGiven: request.guardianGiven, guardianFamily: request.guardianFamily)

        let r = config.releases
        let students = try store.studentNumbers(sourcedIDs: request.students)
        let children = request.students.compactMap { id in students[id].map { (id: id, s: $0) } }
        let standing = try store.standingReleases(on: day).filter { $0.partnerID == request.partnerID }
        func decided(_ studentID: String) -> Bool {
            standing.contains { s in
                s.studentID == studentID && (r.settlesForEveryone(s.state) || s.guardianID == request.guardianID)
            }
        }
        let open = children.filter { !decided($0.id) }
        let guardianName = "\(request.guardianGiven) \(request.guardianFamily)"
        let partnerName = config.directory.partner(id: request.partnerID)?.name ?? request.partnerID
        func names(
            _ list: [(id: String, s: (number: String, given: String, family: String, grade: String?, school: String))]
        )
            -> [String]
        { list.map { "\($0.s.given) \($0.s.family)" } }

        var effects = ReleaseEffects()
        let outcome: ReleaseConfirmationComposer.Outcome
        var state = InboxRecord.State.applied
        var reason: String
        var destination = config.replies.processedFolder
        func releaseRecord(_ state: ReleaseRecord.State, _ studentNumber: String) -> ReleaseRecord {
            ReleaseRecord(
                studentNumber: studentNumber, partnerID: request.partnerID, state: state, source: .email,
                guardianID: request.guardianID, guardianName: guardianName, guardianEmail: email, decidedAt: now,
                measures: r.measures.map(\.rawValue),
                purpose: config.directory.partner(id: request.partnerID).map {
                    $0.releasePurpose.isEmpty ? r.purpose : $0.releasePurpose
                } ?? r.purpose,
                formSHA256: request.formSHA256, requestID: request.id, messageID: messageID,
                replySHA256: SHA256Digest.hex(bytes), authenticationResults: trustedAuthenticationResults(headers),
                expires: r.expiry(from: day))
        }
        switch answer {
        case .agree:
            if open.isEmpty {
                outcome = .alreadyDecided
                reason = "release: already decided"
            } else {
                let signed: ReleaseRecord.State = r.signers == .one ? .valid : .pending
                effects.records = open.map { releaseRecord(signed, $0.s.number) }
                effects.promoteWhenAllSigned = r.signers == .all
                outcome =
                    r.signers == .one
                    ? .signed(children: names(open), expires: r.expiry(from: day))
                    : .signedWaitingForOthers(children: names(open))
                reason = "release: signed for \(open.count) student(s)"
            }
        case .decline:
            if open.isEmpty {
                outcome = .alreadyDecided
                reason = "release: already decided"
            } else {
                effects.records = open.map { releaseRecord(.declined, $0.s.number) }
                outcome = .declined(children: names(open))
                reason = "release: declined for \(open.count) student(s)"
            }
        case .revoke(let number):
            let mine = children.map(\.s.number)
            let targets = number.map { n in mine.contains(n) ? [n] : [] } ?? mine
            let revocable = try store.revocableReleases(partnerID: request.partnerID, studentNumbers: targets)
            if revocable.isEmpty {
                outcome = .nothingToRevoke
                reason = "release: nothing to revoke"
            } else {
                effects.revocations = [
                    ReleaseRevocation(
                        partnerID: request.partnerID, studentNumbers: revocable, by: "\(guardianName) <\(email)>",
                        how: "email <\(messageID)>")
                ]
                outcome = .revoked(
                    children: children.filter { revocable.contains($0.s.number) }.map { "\($0.s.given) \($0.s.family)" }
                )
                reason = "release: revoked for \(revocable.count) student(s)"
            }
        case .agreeNameMismatch:
            outcome = .nameForReview
            state = .quarantined
            destination = quarantineFolder
            reason = "release signature for review: the typed name does not match the guardian's name on file"
        case .conflicting:
            outcome = .conflicting
            reason = "release: both agree and decline; nothing changed"
        case .none:
            outcome = .noAnswer
            reason = "release: no answer found; nothing changed"
        }
        // With `one`, the first guardian who decides settles it: tell the others who were asked.
        if r.signers == .one, !effects.records.isEmpty {
            let settledIDs = Set(
                effects.records.compactMap { rec in children.first { $0.s.number == rec.studentNumber }?.id })
            let composer = ReleaseConfirmationComposer(district: config.district, timeZone: config.timeZone)
            var told: Set<String> = [request.guardianID]
            for other in try store.releaseRequests(cycle: request.cycle).reversed()
            where other.partnerID == request.partnerID && !told.contains(other.guardianID) {
                let shared = other.students.filter(settledIDs.contains)
                guard !shared.isEmpty, let otherEmail = other.guardianEmail else { continue }
                told.insert(other.guardianID)
                effects.notices.append(
                    try composer.settledNotice(
                        to: Person(name: "\(other.guardianGiven) \(other.guardianFamily)", email: otherEmail),
                        language: other.guardianLanguage,
                        children: shared.compactMap { students[$0].map { "\($0.given) \($0.family)" } },
                        partnerName: partnerName, requestMessageID: other.messageID, siteID: other.siteID, now: now))
            }
        }
        let confirmation = try ReleaseConfirmationComposer(district: config.district, timeZone: config.timeZone)
            .compose(
                outcome,
                to: .init(
                    guardian: Person(name: guardianName, email: email), language: request.guardianLanguage,
                    partnerName: partnerName, messageID: messageID, references: parsed.references,
                    subject: parsed.subject ?? "",
                    replyAddress: token.replyAddress(domain: config.district.domain), siteID: request.siteID), now: now)
        var outcomeValue = Outcome(state: state, reason: reason, destination: destination)
        outcomeValue.confirmed = true
        outcomeValue.applied = effects.records.count + (effects.revocations.first?.studentNumbers.count ?? 0)
        do {
            outcomeValue.inboxID = try store.recordReceived(
                InboxRecord(
                    messageID: messageID, source: source, receivedAt: now, sender: email, subject: subject,
                    siteID: site,
                    week: ISOWeek(containing: now, in: config.timeZone).description, state: state, reason: reason,
                    destination: destination),
                confirmation: confirmation, releases: effects, now: now)
        } catch let e as StoreError where e.code == .inconsistent {
            outcomeValue.alreadyRecorded = true
        }
        logger.info(
            "release reply",
            metadata: [
                "mail.message_id": "\(messageID)", "release.request": "\(request.id)", "release.outcome": "\(reason)",
            ])
        return outcomeValue
    }

    /// The text of our release request (and whatever else of ours the reply references) for `SentText`.
    func sentReleaseText(request: ReleaseRequestRow, parsed: ParsedMessage) throws -> SentText {
        let ids = [request.messageID] + parsed.references + (parsed.inReplyTo.map { [$0] } ?? [])
        return SentText(texts: try ourTexts(store.sentMail(messageIDs: Array(ids.suffix(20)))))
    }

    /// The topmost `Authentication-Results` of our MTA, kept as evidence.
    func trustedAuthenticationResults(_ headers: ReplyHeaders) -> String? {
        let ours = config.replies.authservID.lowercased()
        return headers.values("Authentication-Results").first {
            $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix(ours)
        }
    }
}
