/// The token of a school's daily review email: which school and day a coordinator's `APPLY`/`REJECT`/
/// `RELEASE`/`DISCARD` answers, with a truncated HMAC-SHA256 under the server secret.
///
/// Text form (lower case, safe in a local part): `c<school>.<yyyymmdd>.<MAC>`, e.g. `c101.20261207.ab3d5fgh2jk4mn6p`,
/// in the reply address `<reply local part>+c101.20261207.ab3d5fgh2jk4mn6p@<domain>`. Schools whose number is
/// not letters and digits get no token (their digest has no reply address).
public struct DigestToken: Sendable, Hashable, CustomStringConvertible {
    public let school: String
    public let day: CalendarDay
    public let text: String
    public var description: String { text }
    static let macByteCount = 10

    public static func sign(school: String, day: CalendarDay, secret: ReplyTokenKey) -> DigestToken? {
        let s = school.lowercased()
        let plain = s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        guard !s.isEmpty, s.count <= 20, plain else { return nil }
        let compact = day.description.filter { $0 != "-" }
        return DigestToken(school: s, day: day, text: "c\(s).\(compact).\(mac(s, day, key: secret))")
    }

    /// The school and day of a token's text, if it has the token's form (not yet verified).
    public static func parse(_ token: String) -> DigestToken? {
        let t = token.lowercased()
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].first == "c", parts[0].count >= 2, parts[1].count == 8,
            parts[1].allSatisfy(\.isNumber), parts[2].utf8.count == 16, Base32.isEncoded(Array(parts[2].utf8))
        else { return nil }
        let d = parts[1]
        guard let day = CalendarDay(iso: "\(d.prefix(4))-\(d.dropFirst(4).prefix(2))-\(d.suffix(2))") else {
            return nil
        }
        return DigestToken(school: String(parts[0].dropFirst()), day: day, text: t)
    }

    /// `true` when the MAC is that of this school and day under one of `keys` (current first, then retired).
    public func verifies(keys: [ReplyTokenKey]) -> Bool {
        guard let dot = text.lastIndex(of: ".") else { return false }
        let given = Array(text[text.index(after: dot)...].utf8)
        return keys.contains {
            HMACSHA256.constantTimeEqual(Array(Self.mac(school, day, key: $0).utf8), given)
        }
    }

    /// `<localPart>+<token>@<domain>`.
    public func replyAddress(localPart: String, domain: String) -> String { "\(localPart)+\(text)@\(domain)" }

    /// Digest tokens in `values` (envelope recipient, To, Cc), best first.
    public static func find(in values: [String], localPart: String, domain: String) -> [DigestToken] {
        var found: [DigestToken] = []
        for text in ReplyToken.find(in: values, localPart: localPart, domain: domain) {
            if let t = parse(String(text)), !found.contains(t) { found.append(t) }
        }
        return found
    }

    static func mac(_ school: String, _ day: CalendarDay, key: ReplyTokenKey) -> String {
        let message = Array("rostermail.digest-token.v1\u{0}\(school)\u{0}\(day)".utf8)
        return Base32.encode(HMACSHA256.mac(key: key.bytes, message: message).prefix(macByteCount))
    }
}
