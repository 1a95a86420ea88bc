/// The token of a release request: which request (and so which guardian, partner, cycle and round) a
/// guardian's reply answers, with a truncated HMAC-SHA256 under the server secret.
///
/// Text form (lower case, safe in a local part): `g<request id>.<MAC>`, e.g. `g1234.ab3d5fgh2jk4mn6p`, in the
/// reply address `releases+g1234.ab3d5fgh2jk4mn6p@<domain>` and the Message-ID
/// `release.g1234.ab3d5fgh2jk4mn6p.<hash>@<domain>`. The MAC covers the request id, guardian, partner, cycle
/// and round, so a token names exactly one request row and cannot be moved to another guardian or partner.
public struct ReleaseToken: Sendable, Hashable, CustomStringConvertible {
    /// What the MAC covers: the request row's identity.
    public struct Request: Sendable, Hashable {
        public var id: Int64
        public var guardianID: String
        public var partnerID: String
        public var cycle: String
        public var round: Int

        public init(id: Int64, guardianID: String, partnerID: String, cycle: String, round: Int) {
            self.id = id
            self.guardianID = guardianID
            self.partnerID = partnerID
            self.cycle = cycle
            self.round = round
        }
    }

    public let requestID: Int64
    /// The token text.
    public let text: String
    public var description: String { text }

    /// The reply address's local part (`releases+<token>@<domain>`).
    public static let localPart = "releases"
    static let macByteCount = 10

    public static func sign(_ request: Request, secret: ReplyTokenKey) -> ReleaseToken {
        ReleaseToken(requestID: request.id, text: "g\(request.id).\(mac(request, key: secret))")
    }

    /// The request id of a token's text, if it has the token's form (not yet verified).
    public static func parse(_ token: String) -> ReleaseToken? {
        let t = token.lowercased()
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].first == "g", parts[0].count >= 2, parts[0].count <= 19,
            let id = Int64(parts[0].dropFirst()), id > 0, parts[1].utf8.count == 16,
            Base32.isEncoded(Array(parts[1].utf8))
        else { return nil }
        return ReleaseToken(requestID: id, text: t)
    }

    /// `true` when this token's MAC is that of `request` under one of `keys` (current first, then retired).
    public func verifies(for request: Request, keys: [ReplyTokenKey]) -> Bool {
        guard request.id == requestID, let dot = text.firstIndex(of: ".") else { return false }
        let given = Array(text[text.index(after: dot)...].utf8)
        return keys.contains { HMACSHA256.constantTimeEqual(Array(Self.mac(request, key: $0).utf8), given) }
    }

    /// `releases+<token>@<domain>`.
    public func replyAddress(domain: String) -> String { "\(Self.localPart)+\(text)@\(domain)" }

    /// `release.<token>.<hash of the recipient>@<domain>`: stable, so a resend keeps it; carries the token.
    public func messageID(recipient: String, domain: String) -> String {
        "release.\(text).\(StableHash.hex(recipient.lowercased()))@\(domain)"
    }

    /// Release-token texts in `values` (envelope recipient, To, Cc, In-Reply-To, References), best first:
    /// `releases+<token>@<domain>` addresses and `release.<token>.<hash>@<domain>` Message-IDs.
    public static func find(in values: [String], domain: String) -> [ReleaseToken] {
        var found: [ReleaseToken] = []
        func add(_ text: some StringProtocol) {
            if let t = parse(String(text)), !found.contains(t) { found.append(t) }
        }
        for text in ReplyToken.find(in: values, localPart: localPart, domain: domain) { add(text) }
        let suffix = "@" + domain.lowercased()
        for value in values {
            for id in ReplyHeaders.messageIDs(in: value) where id.lowercased().hasSuffix(suffix) {
                let parts = id.lowercased().dropLast(suffix.count).split(separator: ".")
                if parts.count == 4, parts[0] == "release" { add("\(parts[1]).\(parts[2])") }
            }
        }
        return found
    }

    static func mac(_ r: Request, key: ReplyTokenKey) -> String {
        let message = Array(
            "rostermail.release-token.v1\u{0}\(r.id)\u{0}\(r.guardianID)\u{0}\(r.partnerID)\u{0}\(r.cycle)\u{0}\(r.round)"
                .utf8)
        return Base32.encode(HMACSHA256.mac(key: key.bytes, message: message).prefix(macByteCount))
    }
}
