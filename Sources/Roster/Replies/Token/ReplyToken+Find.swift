extension ReplyToken {
    /// `rosters+<token>@<domain>` for `district` (its `replyLocalPart` and `domain`): the Reply-To of the
    /// roster email and of confirmations.
    public func replyAddress(_ district: DistrictIdentity) -> String {
        "\(district.replyLocalPart)+\(text)@\(district.domain)"
    }

    /// A Message-ID that carries the token, so a reply that keeps only `In-Reply-To`/`References` (a
    /// partner who wrote to the plain `rosters@` address) still finds it:
    /// `<prefix>.<token>.<16 hex of the recipient>@<domain>`; `prefix` is `roster` for the Monday
    /// email, `confirm` for confirmations. The same on every run, so a resend keeps it.
    public func messageID(prefix: String = "roster", recipient: String, domain: String) -> String {
        "\(prefix).\(text).\(StableHash.hex(recipient.lowercased()))@\(domain)"
    }

    /// ` [RM:<token>]`-style subject tag; a reply's `Re: …` keeps it even when every header is lost.
    public var subjectTag: String { "[RM:\(text)]" }

    /// Message-ID prefixes `find` recognises.
    static let messageIDPrefixes: Set<String> = ["roster", "confirm"]

    /// Token texts found in `values`, best first, each once (lower-cased, not yet verified).
    ///
    /// Give `values` in priority order: the envelope recipient, `To`, `Cc`, `In-Reply-To`, `References`,
    /// `Subject`. Recognised, in any case:
    /// - an address `<localPart>+<token>@<domain>` (also inside `Name <…>` lists and `mailto:`);
    /// - a Message-ID `<prefix>.<token>.<hash>@<domain>` (prefix `roster` or `confirm`);
    /// - a subject tag `[RM:<token>]`.
    /// Addresses and Message-IDs at another domain are ignored. Linear in the input.
    public static func find(in values: [String], localPart: String, domain: String) -> [String] {
        let plus = Array((localPart.lowercased() + "+").utf8)
        let dom = Array(domain.lowercased().utf8)
        var found: [String] = []
        func add(_ bytes: ArraySlice<UInt8>) {
            let s = String(decoding: bytes, as: UTF8.self)
            if !s.isEmpty && !found.contains(s) { found.append(s) }
        }
        for value in values {
            let u = Array(value.lowercased().utf8)
            // Subject tags.
            var i = 0
            while i + 4 <= u.count {
                if u[i] == 0x5B, u[i + 1] == 0x72, u[i + 2] == 0x6D, u[i + 3] == 0x3A {  // "[rm:"
                    var j = i + 4
                    while j < u.count && u[j] == 0x20 { j += 1 }
                    let start = j
                    while j < u.count && u[j] != 0x5D && u[j] != 0x20 { j += 1 }
                    if j < u.count && u[j] == 0x5D { add(u[start..<j]) }
                    i = j
                } else {
                    i += 1
                }
            }
            // Addresses and Message-IDs: atoms between separators.
            var start = 0
            for k in 0...u.count {
                if k < u.count && !isSeparator(u[k]) { continue }
                defer { start = k + 1 }
                guard k > start else { continue }
                var atom = u[start..<k]
                if atom.starts(with: Array("mailto:".utf8)) { atom = atom.dropFirst(7) }
                guard let at = atom.lastIndex(of: 0x40), atom[(at + 1)...].elementsEqual(dom) else { continue }
                let local = atom[..<at]
                if local.starts(with: plus) {
                    add(local.dropFirst(plus.count))
                    continue
                }
                let parts = local.split(separator: 0x2E, omittingEmptySubsequences: false)
                if parts.count == 5, messageIDPrefixes.contains(String(decoding: parts[0], as: UTF8.self)) {
                    let first = parts[1].startIndex
                    let last = parts[3].endIndex
                    add(local[first..<last])
                }
            }
        }
        return found
    }

    private static func isSeparator(_ c: UInt8) -> Bool {
        switch c {
        case 0x20, 0x09, 0x0A, 0x0D, 0x3C, 0x3E, 0x2C, 0x3B, 0x22, 0x28, 0x29, 0x5B, 0x5D: return true
        default: return false
        }
    }
}
