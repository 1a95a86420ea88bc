/// What the desk does with a received message.
public enum ReplyDecision: Sendable, Hashable {
    /// Authorized: read the commands and apply them.
    case accept(AcceptedReply)
    /// Automatic mail: record as `ignored`, apply nothing, answer nothing, tell nobody.
    case ignore(AutomaticMail)
    /// Not authorized: record as `quarantined` with the reason, change nothing, tell the CSC (at most once a
    /// day), answer nothing.
    case quarantine(Quarantine)
}

/// A decision that ends a message's handling before any desk reads it (automatic mail, a missing or
/// replayed Message-ID, not one sender): a `Result` failure value.
public struct ReplyDecisionEnd: Error, Sendable, Hashable {
    public var decision: ReplyDecision
    public init(_ decision: ReplyDecision) { self.decision = decision }
}

/// Who sent an accepted reply.
public enum SenderRole: String, Sendable, Hashable {
    /// A contact of the site.
    case contact
    /// The Community School Coordinator of the site's school.
    case coordinator
}

/// An authorized reply: the verified token, its site and the sender's role.
public struct AcceptedReply: Sendable, Hashable {
    public var token: ReplyToken
    public var site: Site
    public var program: Program
    public var partner: Partner
    public var school: School
    /// The sender as the directory knows them (name from partners.yaml, address as written there).
    public var sender: Person
    public var role: SenderRole
    /// The reply's Message-ID, normalized (`ReplyAuthorization.normalizedMessageID`).
    public var messageID: String

    public init(
        token: ReplyToken, site: Site, program: Program, partner: Partner, school: School, sender: Person,
        role: SenderRole, messageID: String
    ) {
        self.token = token
        self.site = site
        self.program = program
        self.partner = partner
        self.school = school
        self.sender = sender
        self.role = role
        self.messageID = messageID
    }
}

/// A refused message, with what is known about it for the log and the CSC.
public struct Quarantine: Sendable, Hashable, CustomStringConvertible {
    public var reason: QuarantineReason
    /// The site of the token when it verified (so the right CSC can be told), else `nil`.
    public var siteID: String?
    /// The From address, when there was exactly one.
    public var sender: String?
    public var messageID: String?

    public var description: String { reason.description }
}

/// Why a message was quarantined. Each reason is specific, so the log and the CSC's notice say what to do.
public enum QuarantineReason: Sendable, Hashable, CustomStringConvertible {
    case missingMessageID
    /// This Message-ID was processed before (a replay, or a re-fetch after a crash: check the inbox row).
    case replayedMessageID(String)
    case missingSender
    case severalSenders(Int)
    /// No reply token anywhere (recipient, To/Cc, In-Reply-To/References, subject tag).
    case missingToken
    /// A token that does not verify (bad MAC, malformed, unknown kind).
    case forgedToken(ReplyTokenError.Code)
    /// A valid token past its expiry.
    case expiredToken(week: ISOWeek, siteID: String)
    /// A valid token of a site no longer in the directory (or an unresolvable site key).
    case unknownSite
    /// The sender is a contact (or CSC) of other sites, not of the token's.
    case tokenForAnotherSite(senderSites: [String])
    /// The sender is nobody the directory knows for this site.
    case senderNotAContact
    /// Policy requires DMARC pass from our MTA; the trusted result was this (`nil`: no trusted result).
    case dmarcNotPass(String?)
    /// Our MTA reported `dmarc=fail` (for this `header.from` domain): refused whatever the policy says.
    case dmarcFail(String?)
    /// A release token that names no request, or whose MAC does not verify.
    case forgedReleaseToken
    /// A release request's token past its expiry (the end of its school year).
    case expiredReleaseToken(requestID: Int64)
    /// The release reply does not come from the guardian the request was sent to (a forwarded form).
    case notTheGuardian
    /// DMARC passed for another domain than the From address's.
    case dmarcDomainMismatch(String)
    /// A reply to a data request's review whose token names no request or does not verify.
    case forgedDataRequestToken
    /// A reply to a data request's review from an address not in `requests.data_team`.
    case notTheDataTeam
    /// A digest token that does not verify, names no school, or is past its validity.
    case forgedDigestToken
    case expiredDigestToken(school: String, day: String)
    /// A reply to a school's digest from someone other than its CSC.
    case notTheCSC(school: String)

    public var description: String {
        switch self {
        case .missingMessageID: return "the message has no Message-ID"
        case .replayedMessageID(let id): return "Message-ID <\(id)> was already processed"
        case .missingSender: return "the message has no From address"
        case .severalSenders(let n): return "the message has \(n) From addresses"
        case .missingToken: return "no reply token (not a reply to a roster email)"
        case .forgedToken(let code): return "the reply token does not verify (\(code.rawValue))"
        case .expiredToken(let week, let site): return "the reply token of \(site) for \(week) has expired"
        case .unknownSite: return "the reply token names a site that is not in partners.yaml"
        case .tokenForAnotherSite(let sites):
            return "the sender is a contact of " + sites.joined(separator: ", ") + ", not of the token's site"
        case .senderNotAContact: return "the sender is not a contact of the site or its CSC"
        case .dmarcNotPass(let r?): return "DMARC is required but our MTA reported dmarc=\(r)"
        case .dmarcNotPass(nil): return "DMARC is required but our MTA reported no DMARC result"
        case .dmarcDomainMismatch(let d): return "DMARC passed for \(d), not for the From domain"
        case .forgedReleaseToken:
            return "the release token names no release request or does not verify (forged or altered)"
        case .expiredReleaseToken(let id):
            return "the token of release request \(id) has expired; run `rostermail releases send` for a new request"
        case .notTheGuardian:
            return
                "the sender is not the guardian the release request was sent to; a forwarded form must be signed from "
                + "the guardian's own address on file"
        case .forgedDataRequestToken:
            return "the data-request token names no request or does not verify (forged or altered)"
        case .notTheDataTeam:
            return
                "only the data team (requests.data_team in rostermail.yaml) may approve or reject a data request; "
                + "the sender is not one of its addresses"
        case .forgedDigestToken:
            return "the digest token names no school or does not verify (forged or altered)"
        case .expiredDigestToken(let school, let day):
            return "the review digest of school \(school) for \(day) is too old to act on; reply to a recent one"
        case .notTheCSC(let school):
            return
                "only school \(school)'s Community School Coordinator (partners.yaml) may act on its review digest; "
                + "the sender is not that address"
        case .dmarcFail(let domain):
            return "our MTA reported dmarc=fail"
                + (domain.map { " for \($0)" } ?? "")
                + ": the From address is probably forged (release it from the CSC's review only if the sender confirms)"
        }
    }
}
