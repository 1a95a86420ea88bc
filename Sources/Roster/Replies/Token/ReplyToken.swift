import Foundation

/// The reply token: which site, which ISO week and which kind of email a reply answers, with a truncated
/// HMAC-SHA256 under the server secret so nobody can make one up.
///
/// Text form (lower case, 42 characters, safe in a local part and unchanged by lower-casing):
///
///     r2026w49.k3mq7zta.ab3d5fgh2jk4mn6p
///     │└─week─┘ └site─┘ └──── MAC ─────┘
///     kind      key     80 bits, base32
///
/// The site appears as an 8-character key (40 bits of SHA-256 of the site id) rather than the id itself,
/// because site ids (`bright-futures-after-school-club-101`) do not fit the 64-character local part of
/// `rosters+<token>@<domain>`. Verification resolves the key through a `SiteIndex` of the directory's
/// sites and checks the MAC over the full site id, so a key collision cannot confuse two sites.
/// The MAC covers kind, site id (lower-cased) and week.
public struct ReplyToken: Sendable, Hashable, CustomStringConvertible {
    /// What the email carrying the token was.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The Monday roster email (and confirmations of replies to it).
        case roster = "r"
        /// A data-request thread.
        case dataRequest = "d"
    }

    /// The site id, lower-cased (site ids are `a-z 0-9 -` by config rule).
    public let siteID: String
    public let week: ISOWeek
    public let kind: Kind
    /// The token text.
    public let text: String

    public var description: String { text }

    /// Bytes of MAC kept: 10 bytes = 80 bits = 16 base32 characters.
    static let macByteCount = 10
    /// Bytes of the site key: 5 bytes = 40 bits = 8 base32 characters.
    static let siteKeyByteCount = 5

    /// The token for `site` in `week`, signed with `secret`.
    public static func sign(site: String, week: ISOWeek, kind: Kind, secret: ReplyTokenKey) throws(ReplyTokenError)
        -> ReplyToken
    {
        let id = site.lowercased()
        guard isValidSiteID(id) else {
            throw ReplyTokenError(.invalidSiteID, "site id \"\(site)\" must be a-z, 0-9, '-', '_' or inner '.'")
        }
        let text =
            "\(kind.rawValue)\(week.compact).\(siteKey(for: id))."
            + mac(kind: kind.rawValue, site: id, week: week, key: secret)
        return ReplyToken(siteID: id, week: week, kind: kind, text: text)
    }

    /// Checks `token` (any case) against `keys` (the current secret first, then retired ones during a
    /// rotation) and resolves its site through `sites`.
    public static func verify(_ token: String, keys: [ReplyTokenKey], sites: SiteIndex) -> Result<
        ReplyToken, ReplyTokenError
    > {
        let t = token.lowercased()
        let u = Array(t.utf8)
        // kind(1) week(7) '.' key(8) '.' mac(16)
        guard u.count == 34, u[8] == 0x2E, u[17] == 0x2E else {
            return .failure(ReplyTokenError(.malformed, "\"\(printable(token))\" is not a reply token"))
        }
        let kindText = String(decoding: u[0..<1], as: UTF8.self)
        let weekText = String(decoding: u[1..<8], as: UTF8.self)
        let key = String(decoding: u[9..<17], as: UTF8.self)
        let macText = Array(u[18..<34])
        guard let week = ISOWeek(compact: weekText), Base32.isEncoded(u[9..<17]), Base32.isEncoded(macText),
            (0x61...0x7A).contains(u[0])
        else {
            return .failure(ReplyTokenError(.malformed, "\"\(printable(token))\" is not a reply token"))
        }
        let candidates = sites.siteIDs(forKey: key)
        guard !candidates.isEmpty else {
            return .failure(ReplyTokenError(.unknownSite, "token \(t) names no site of the directory"))
        }
        for site in candidates {
            for secret in keys {
                let expected = Array(mac(kind: kindText, site: site, week: week, key: secret).utf8)
                if HMACSHA256.constantTimeEqual(expected, macText) {
                    guard let kind = Kind(rawValue: kindText) else {
                        return .failure(ReplyTokenError(.unknownKind, "token \(t) has kind '\(kindText)'"))
                    }
                    return .success(ReplyToken(siteID: site, week: week, kind: kind, text: t))
                }
            }
        }
        return .failure(ReplyTokenError(.badMAC, "token \(t) does not verify (forged or altered)"))
    }

    /// The first instant replies with this token are refused: the Monday 00:00 (in `timeZone`) after the end
    /// of week `week + validWeeksAfter` (2 by default: a token of week W is good until the end of W+2).
    public func expiry(validWeeksAfter: Int = 2, timeZone: TimeZone) -> Date {
        var w = week
        for _ in 0...max(0, validWeeksAfter) { w = w.next }
        return w.monday.instant(hour: 0, minute: 0, in: timeZone)
    }

    /// `true` when `now` is at or past `expiry(validWeeksAfter:timeZone:)`.
    public func isExpired(now: Date, validWeeksAfter: Int = 2, timeZone: TimeZone) -> Bool {
        now >= expiry(validWeeksAfter: validWeeksAfter, timeZone: timeZone)
    }

    /// The 8-character key standing for `siteID` in tokens.
    public static func siteKey(for siteID: String) -> String {
        let digest = SHA256Digest.hex(Array("rostermail.site-key.v1\u{0}\(siteID.lowercased())".utf8))
        var bytes: [UInt8] = []
        var it = Array(digest.utf8).makeIterator()
        while bytes.count < siteKeyByteCount, let hi = it.next(), let lo = it.next() {
            bytes.append(hexValue(hi) << 4 | hexValue(lo))
        }
        return Base32.encode(bytes)
    }

    /// The truncated MAC over kind, site and week, base32. `kind` is raw so tests can sign unknown kinds.
    static func mac(kind: String, site: String, week: ISOWeek, key: ReplyTokenKey) -> String {
        let message = Array("rostermail.reply-token.v1\u{0}\(kind)\u{0}\(site)\u{0}\(week.compact)".utf8)
        return Base32.encode(HMACSHA256.mac(key: key.bytes, message: message).prefix(macByteCount))
    }

    static func isValidSiteID(_ id: String) -> Bool {
        let u = Array(id.utf8)
        guard let first = u.first, let last = u.last, first != 0x2E, last != 0x2E else { return false }
        var previousDot = false
        for c in u {
            let dot = c == 0x2E
            guard (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == 0x2D || c == 0x5F || dot,
                !(dot && previousDot)
            else { return false }
            previousDot = dot
        }
        return true
    }

    private static func hexValue(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : c - 0x61 + 10 }

    static func printable(_ s: String) -> String {
        String(s.unicodeScalars.prefix(80).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
    }
}

extension ISOWeek {
    /// Parses exactly the compact form `2026w49` (any case).
    init?(compact text: String) {
        let u = Array(text.lowercased().utf8)
        guard u.count == 7, u[4] == 0x77, u.indices.allSatisfy({ $0 == 4 || (0x30...0x39).contains(u[$0]) }) else {
            return nil
        }
        func num(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(u[$1] - 0x30) } }
        self.init(year: num(0..<4), week: num(5..<7))
    }
}
