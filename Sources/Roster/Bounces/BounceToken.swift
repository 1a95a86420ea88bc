/// The VERP token of one outbox message (`delivery.verp: true`): the envelope sender
/// `bounces+<outbox id>.<MAC>@<domain>`, so a bounce names the message it is about by the address it is sent
/// to. The MAC is a truncated HMAC-SHA256 of the outbox id under the reply-token key (the machinery of the
/// reply, release and data-request tokens), so a bounce cannot be forged for a message by naming its
/// Message-ID or guessing an id.
public struct BounceToken: Sendable, Hashable, CustomStringConvertible {
    public let outboxID: Int64
    /// `<id>.<mac>`, lower case.
    public let text: String
    public var description: String { text }

    /// The envelope sender's local part.
    public static let localPart = "bounces"
    static let macByteCount = 10

    public static func sign(outboxID: Int64, secret: ReplyTokenKey) -> BounceToken {
        BounceToken(outboxID: outboxID, text: "\(outboxID).\(mac(outboxID, key: secret))")
    }

    /// The outbox id of a token's text, if it has the token's form (not yet verified).
    public static func parse(_ token: String) -> BounceToken? {
        let t = token.lowercased()
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 18, parts[0].allSatisfy(\.isASCII),
            let id = Int64(parts[0]), id > 0, parts[1].utf8.count == 16, Base32.isEncoded(Array(parts[1].utf8))
        else { return nil }
        return BounceToken(outboxID: id, text: t)
    }

    /// `true` when the MAC is that of the outbox id under one of `keys` (current first, then retired).
    public func verifies(keys: [ReplyTokenKey]) -> Bool {
        guard let dot = text.firstIndex(of: ".") else { return false }
        let given = Array(text[text.index(after: dot)...].utf8)
        return keys.contains { HMACSHA256.constantTimeEqual(Array(Self.mac(outboxID, key: $0).utf8), given) }
    }

    /// `bounces+<token>@<domain>`.
    public func address(domain: String) -> String { "\(Self.localPart)+\(text)@\(domain)" }

    /// Bounce tokens in `values` (envelope recipient, Delivered-To, X-Original-To, To), best first.
    public static func find(in values: [String], domain: String) -> [BounceToken] {
        var found: [BounceToken] = []
        for text in ReplyToken.find(in: values, localPart: localPart, domain: domain) {
            if let t = parse(text), !found.contains(t) { found.append(t) }
        }
        return found
    }

    /// Whether `values` name the bounce address at all (`bounces+…@<domain>`), valid token or not.
    public static func addressed(in values: [String], domain: String) -> Bool {
        let prefix = localPart + "+", suffix = "@" + domain.lowercased()
        return values.flatMap(ReplyHeaders.addresses(in:)).contains { a in
            let l = a.lowercased()
            return l.hasPrefix(prefix) && l.hasSuffix(suffix)
        }
    }

    static func mac(_ id: Int64, key: ReplyTokenKey) -> String {
        let message = Array("rostermail.bounce-token.v1\u{0}\(id)".utf8)
        return Base32.encode(HMACSHA256.mac(key: key.bytes, message: message).prefix(macByteCount))
    }
}
