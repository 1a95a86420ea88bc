/// The token of a data request's review email to the data team: which request an `APPROVE` or `REJECT`
/// answers, with a truncated HMAC-SHA256 under the server secret.
///
/// Text form (lower case, safe in a local part): `q<request id>.<MAC>`, e.g. `q12.ab3d5fgh2jk4mn6p`, in the
/// reply address `<requests local part>+q12.ab3d5fgh2jk4mn6p@<domain>` and the review's Message-ID
/// `datareview.q12.ab3d5fgh2jk4mn6p.<hash>@<domain>`. The MAC covers the request id, site and received time,
/// so a token names exactly one request row.
public struct DataRequestToken: Sendable, Hashable, CustomStringConvertible {
    /// What the MAC covers.
    public struct Request: Sendable, Hashable {
        public var id: Int64
        public var siteID: String
        /// The request's received time as stored (`Timestamp` text).
        public var receivedAt: String

        public init(id: Int64, siteID: String, receivedAt: String) {
            self.id = id
            self.siteID = siteID
            self.receivedAt = receivedAt
        }
    }

    public let requestID: Int64
    public let text: String
    public var description: String { text }
    static let macByteCount = 10

    public static func sign(_ request: Request, secret: ReplyTokenKey) -> DataRequestToken {
        DataRequestToken(requestID: request.id, text: "q\(request.id).\(mac(request, key: secret))")
    }

    /// The request id of a token's text, if it has the token's form (not yet verified).
    public static func parse(_ token: String) -> DataRequestToken? {
        let t = token.lowercased()
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].first == "q", parts[0].count >= 2, parts[0].count <= 19,
            let id = Int64(parts[0].dropFirst()), id > 0, parts[1].utf8.count == 16,
            Base32.isEncoded(Array(parts[1].utf8))
        else { return nil }
        return DataRequestToken(requestID: id, text: t)
    }

    /// `true` when this token's MAC is that of `request` under one of `keys` (current first, then retired).
    public func verifies(for request: Request, keys: [ReplyTokenKey]) -> Bool {
        guard request.id == requestID, let dot = text.firstIndex(of: ".") else { return false }
        let given = Array(text[text.index(after: dot)...].utf8)
        return keys.contains { HMACSHA256.constantTimeEqual(Array(Self.mac(request, key: $0).utf8), given) }
    }

    /// `<localPart>+<token>@<domain>`.
    public func replyAddress(localPart: String, domain: String) -> String { "\(localPart)+\(text)@\(domain)" }

    /// `datareview.<token>.<hash>@<domain>`: carries the token, unique per review round (`round`).
    public func reviewMessageID(round: String, domain: String) -> String {
        "datareview.\(text).\(StableHash.hex(round))@\(domain)"
    }

    /// Data-request tokens in `values` (envelope recipient, To, Cc, In-Reply-To, References), best first.
    public static func find(in values: [String], localPart: String, domain: String) -> [DataRequestToken] {
        var found: [DataRequestToken] = []
        func add(_ text: some StringProtocol) {
            if let t = parse(String(text)), !found.contains(t) { found.append(t) }
        }
        for text in ReplyToken.find(in: values, localPart: localPart, domain: domain) { add(text) }
        let suffix = "@" + domain.lowercased()
        for value in values {
            for id in ReplyHeaders.messageIDs(in: value) where id.lowercased().hasSuffix(suffix) {
                let parts = id.lowercased().dropLast(suffix.count).split(separator: ".")
                if parts.count == 4, parts[0] == "datareview" { add("\(parts[1]).\(parts[2])") }
            }
        }
        return found
    }

    static func mac(_ r: Request, key: ReplyTokenKey) -> String {
        let message = Array("rostermail.data-request-token.v1\u{0}\(r.id)\u{0}\(r.siteID)\u{0}\(r.receivedAt)".utf8)
        return Base32.encode(HMACSHA256.mac(key: key.bytes, message: message).prefix(macByteCount))
    }
}
