import Foundation

/// Decides whether a received message may change anything (DESIGN §4 Authorization). Pure: the caller
/// passes the header fields, the envelope, the set of processed Message-IDs and `now`.
///
/// Checks, in order: automatic mail (ignored, never answered); Message-ID present and not processed
/// before; exactly one From address; a reply token that verifies and has not expired; its site in the
/// directory; the sender a contact of that site or its school's CSC; no `dmarc=fail` from our own MTA (ever),
/// and `dmarc=pass` when the policy requires it.
public struct ReplyAuthorization: Sendable {
    public struct Policy: Sendable, Hashable {
        /// Require `dmarc=pass` in the `Authentication-Results` of our MTA.
        public var requireDMARC: Bool
        /// Our MTA's authserv-id (the first word of its `Authentication-Results`).
        public var authservID: String
        /// A token of week W is accepted until the end of week W + this.
        public var tokenValidWeeksAfter: Int

        public init(requireDMARC: Bool, authservID: String, tokenValidWeeksAfter: Int = 2) {
            self.requireDMARC = requireDMARC
            self.authservID = authservID
            self.tokenValidWeeksAfter = tokenValidWeeksAfter
        }
    }

    public let district: DistrictIdentity
    public let directory: Directory
    public let keys: [ReplyTokenKey]
    public let policy: Policy
    public let timeZone: TimeZone
    private let siteIndex: ReplyToken.SiteIndex
    private let sitesByID: [String: Site]

    /// `keys`: the current secret first, then retired ones still accepted during a rotation.
    public init(
        district: DistrictIdentity, directory: Directory, keys: [ReplyTokenKey], policy: Policy, timeZone: TimeZone
    ) {
        self.district = district
        self.directory = directory
        self.keys = keys
        self.policy = policy
        self.timeZone = timeZone
        self.siteIndex = ReplyToken.SiteIndex(directory)
        self.sitesByID = Dictionary(directory.sites.map { ($0.id.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// A Message-ID as stored in `inbox.message_id`: without brackets and surrounding space.
    public static func normalizedMessageID(_ value: String) -> String? {
        ReplyHeaders.messageIDs(in: value).first
    }

    /// - Parameters:
    ///   - headers: the message's header fields, top first.
    ///   - envelopeSender: SMTP `MAIL FROM` (`""` for a bounce), `nil` when unknown (IMAP intake).
    ///   - envelopeRecipient: SMTP `RCPT TO` (or `Delivered-To`), `nil` when unknown.
    ///   - processedMessageIDs: normalized Message-IDs already in the inbox table (at least this one's).
    /// The checks every incoming message passes before any desk reads it, whatever its token's kind:
    /// automatic mail (ignored), a Message-ID that is present and new, exactly one From address. The
    /// message's Message-ID and sender, or the decision that ends it.
    public static func commonChecks(
        headers: ReplyHeaders, envelopeSender: String?, processedMessageIDs: Set<String>
    ) -> Result<(messageID: String, sender: String), ReplyDecisionEnd> {
        if let automatic = AutoReplyDetector.detect(headers, envelopeSender: envelopeSender) {
            return .failure(ReplyDecisionEnd(.ignore(automatic)))
        }
        let froms = headers.values("From").flatMap(ReplyHeaders.addresses(in:))
        let sender = froms.count == 1 ? froms[0] : nil
        func quarantine(_ reason: QuarantineReason, id: String? = nil) -> Result<
            (messageID: String, sender: String), ReplyDecisionEnd
        > {
            .failure(
                ReplyDecisionEnd(.quarantine(Quarantine(reason: reason, siteID: nil, sender: sender, messageID: id))))
        }
        guard let messageID = headers.first("Message-ID").flatMap(Self.normalizedMessageID) else {
            return quarantine(.missingMessageID)
        }
        if processedMessageIDs.contains(messageID) { return quarantine(.replayedMessageID(messageID), id: messageID) }
        guard let sender else {
            return quarantine(froms.isEmpty ? .missingSender : .severalSenders(froms.count), id: messageID)
        }
        return .success((messageID, sender))
    }

    /// Our MTA's DMARC verdict, checked the same way for every desk: a `dmarc=fail` is refused whatever the
    /// policy; with `required`, anything but a pass for the From domain is refused. nil when acceptable.
    public static func dmarcProblem(
        headers: ReplyHeaders, sender: String, authservID: String, required: Bool
    ) -> QuarantineReason? {
        let verdict = AuthenticationResults.dmarc(in: headers.values("Authentication-Results"), authservID: authservID)
        if let verdict, verdict.result == "fail" { return .dmarcFail(verdict.headerFrom) }
        guard required else { return nil }
        guard let verdict, verdict.result == "pass" else { return .dmarcNotPass(verdict?.result) }
        let domain = sender.lowercased().split(separator: "@").last.map(String.init) ?? ""
        if let from = verdict.headerFrom, from != domain { return .dmarcDomainMismatch(from) }
        return nil
    }

    public func decide(
        headers: ReplyHeaders, envelopeSender: String?, envelopeRecipient: String?,
        processedMessageIDs: Set<String>, now: Date
    ) -> ReplyDecision {
        let messageID: String
        let sender: String
        switch Self.commonChecks(
            headers: headers, envelopeSender: envelopeSender, processedMessageIDs: processedMessageIDs)
        {
        case .failure(let end): return end.decision
        case .success(let ok): (messageID, sender) = ok
        }
        func quarantine(_ reason: QuarantineReason, site: String? = nil, id: String? = nil) -> ReplyDecision {
            .quarantine(Quarantine(reason: reason, siteID: site, sender: sender, messageID: id))
        }

        // The token.
        var searched: [String] = []
        if let r = envelopeRecipient { searched.append(r) }
        for name in ["To", "Cc", "In-Reply-To", "References", "Subject"] { searched += headers.values(name) }
        let candidates = ReplyToken.find(in: searched, localPart: district.replyLocalPart, domain: district.domain)
        var token: ReplyToken?
        var expired: ReplyToken?
        var failure: ReplyTokenError?
        for candidate in candidates {
            switch ReplyToken.verify(candidate, keys: keys, sites: siteIndex) {
            case .success(let t):
                if t.isExpired(now: now, validWeeksAfter: policy.tokenValidWeeksAfter, timeZone: timeZone) {
                    expired = expired ?? t
                } else {
                    token = t
                }
            case .failure(let e): failure = failure ?? e
            }
            if token != nil { break }
        }
        guard let token else {
            if let expired {
                return quarantine(
                    .expiredToken(week: expired.week, siteID: expired.siteID), site: expired.siteID, id: messageID)
            }
            if let failure {
                return quarantine(
                    failure.code == .unknownSite ? .unknownSite : .forgedToken(failure.code), id: messageID)
            }
            return quarantine(.missingToken, id: messageID)
        }
        guard let site = sitesByID[token.siteID], let program = directory.program(id: site.programID),
            let partner = directory.partner(id: program.partnerID),
            let school = directory.school(number: site.schoolNumber)
        else {
            return quarantine(.unknownSite, site: token.siteID, id: messageID)
        }

        // The sender.
        let address = sender.lowercased()
        let person: Person
        let role: SenderRole
        if let contact = site.contacts.first(where: { $0.email.lowercased() == address }) {
            person = contact
            role = .contact
        } else if school.coordinator.email.lowercased() == address {
            person = school.coordinator
            role = .coordinator
        } else {
            let others = directory.sites.filter { s in
                s.contacts.contains { $0.email.lowercased() == address }
                    || directory.school(number: s.schoolNumber)?.coordinator.email.lowercased() == address
            }.map(\.id)
            return quarantine(
                others.isEmpty ? .senderNotAContact : .tokenForAnotherSite(senderSites: others.sorted()),
                site: site.id, id: messageID)
        }

        // DMARC, from our own MTA only. A definite failure is never accepted, whatever the policy: the From
        // address is then most likely forged. The policy only decides whether a missing verdict is acceptable.
        if let problem = Self.dmarcProblem(
            headers: headers, sender: address, authservID: policy.authservID, required: policy.requireDMARC)
        {
            return quarantine(problem, site: site.id, id: messageID)
        }
        return .accept(
            AcceptedReply(
                token: token, site: site, program: program, partner: partner, school: school, sender: person,
                role: role, messageID: messageID))
    }
}
