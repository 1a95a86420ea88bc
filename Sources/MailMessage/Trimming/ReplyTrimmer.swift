/// The sender's own words in a reply: quoted history, quote headers and signatures removed.
///
/// Rules, in order (each a linear pass over classified lines; no regular expressions):
/// 1. Quote headers at the very top (a forward's "From:/Date:/Subject:" block, an "On … wrote:" and the
///    quote after it) are dropped and the text after them is the reply.
/// 2. The first quote header after the reply's own text ends it: an Outlook-style header block
///    (From/Sent/To/Subject in several languages, bold or wrapped), an "-----Original Message-----" or
///    forward marker, or an attribution ("On … wrote:", "El … escribió:", …) followed by unquoted text.
///    An attribution followed by a '>' quote is an inline reply: the attribution goes, the quote and the
///    text after it stay, and the scan goes on.
/// 3. Within the reply, the first delimiter line ("-- ", "____", "***") after the last command line
///    starts the signature; mobile signature lines ("Sent from my iPhone") are dropped wherever they are.
/// 4. Trailing quotes and a trailing "-Name" line are dropped when some own text remains; a reply made only
///    of quotes keeps them (minus quoted headers).
/// Command lines ("ADD 123456", "DROP Maria Lopez") are never cut by the signature and delimiter rules; a
/// quote header does end the reply, because the quoted roster itself contains example commands.
public enum ReplyTrimmer {
    /// Attribution windows: at most this many lines (blank ones included) and characters.
    static let maxAttributionLines = 6
    static let maxAttributionLength = 500

    public static func ownText(_ text: String) -> String {
        let r = ReplyLines(text)
        let n = r.count
        let attributionEnds = attributions(r)
        let blockEnds = headerBlocks(r)
        let markers = (0..<n).map { r.kinds[$0] == .text && QuoteHeaders.isForwardMarker(r.contents[$0]) }

        func nextNonEmpty(_ k: Int) -> Int {
            var k = k
            while k < n, r.kinds[k] == .empty { k += 1 }
            return k
        }
        func skipQuoteBlock(_ k: Int) -> Int {
            var k = k
            while k < n, r.kinds[k] == .quote || r.kinds[k] == .empty { k += 1 }
            return k
        }
        /// The end (exclusive) of a header block or marker(+block) starting at k, or nil.
        func historyHeader(at k: Int) -> Int? {
            if let end = blockEnds[k] { return end + 1 }
            if markers[k] {
                let after = nextNonEmpty(k + 1)
                if after < n, let end = blockEnds[after] { return end + 1 }
                return k + 1
            }
            if r.kinds[k] == .delimiter {
                let after = nextNonEmpty(k + 1)
                if after < n, blockEnds[after] != nil || markers[after] { return historyHeader(at: after) }
            }
            return nil
        }

        // 1. Quote headers at the top.
        var start = 0
        while true {
            let k = nextNonEmpty(start)
            guard k < n else { break }
            if let end = attributionEnds[k] {
                let after = nextNonEmpty(end + 1)
                start = after < n && r.kinds[after] == .quote ? skipQuoteBlock(after) : end + 1
            } else if let end = historyHeader(at: k) {
                start = end
            } else {
                break
            }
        }

        // 2. The first quote header after own text ends the reply; inline attributions are dropped.
        var dropped = [Bool](repeating: false, count: n)
        var end = n
        var i = start
        while i < n {
            if let aEnd = attributionEnds[i] {
                let after = nextNonEmpty(aEnd + 1)
                if after < n && r.kinds[after] == .quote {
                    for k in i...aEnd { dropped[k] = true }
                    i = aEnd + 1
                    continue
                }
                end = i
                break
            }
            if blockEnds[i] != nil || markers[i] {
                end = i
                break
            }
            i += 1
        }

        // 3. Signature: the first delimiter after the last command line; mobile signature lines.
        let lastCommand = (start..<max(start, end)).last { r.kinds[$0] == .command } ?? -1
        if let cut = (start..<max(start, end)).first(where: { r.kinds[$0] == .delimiter && $0 > lastCommand }) {
            end = cut
        }
        var kept = (start..<max(start, end)).filter { !dropped[$0] && r.kinds[$0] != .signature }

        // 4. Trailing quotes and "-Name" when own text remains.
        let isOwn: (Int) -> Bool = { r.kinds[$0] == .text || r.kinds[$0] == .command || r.kinds[$0] == .delimiter }
        if kept.contains(where: isOwn) {
            while let last = kept.last, r.kinds[last] == .quote || r.kinds[last] == .empty { kept.removeLast() }
            if let last = kept.last, r.kinds[last] == .text, isDashName(r.contents[last]) {
                kept.removeLast()
                while let l = kept.last, r.kinds[l] == .quote || r.kinds[l] == .empty { kept.removeLast() }
            }
        } else {
            kept = (0..<n).filter {
                r.kinds[$0] == .quote && !r.quoted($0).isEmpty && !QuoteHeaders.isAttribution(String(r.quoted($0)))
            }
        }
        while let first = kept.first, r.kinds[first] == .empty { kept.removeFirst() }
        return kept.map { String(r.lines[$0]) }.joined(separator: "\n")
    }

    /// "-Abhishek Kona": a dash glued to one to three words of letters, as a last line.
    private static func isDashName(_ content: Substring) -> Bool {
        guard content.first == "-", let second = content.dropFirst().first, second.isLetter else { return false }
        let words = content.dropFirst().split(separator: " ")
        return words.count <= 3 && words.allSatisfy { $0.allSatisfy { $0.isLetter || $0 == "." } }
    }

    /// For each line that starts an attribution, the index of its last line.
    static func attributions(_ r: ReplyLines) -> [Int?] {
        var ends = [Int?](repeating: nil, count: r.count)
        var i = 0
        while i < r.count {
            guard r.kinds[i] == .text else {
                i += 1
                continue
            }
            if let end = attributionEnd(r, from: i) {
                ends[i] = end
                i = end + 1
            } else {
                i += 1
            }
        }
        return ends
    }

    /// The last line of an attribution starting at `i`, growing a window of up to six lines.
    private static func attributionEnd(_ r: ReplyLines, from i: Int) -> Int? {
        var joined = String(r.contents[i])
        if QuoteHeaders.isAttribution(joined) { return i }
        guard QuoteHeaders.opensAttribution(r.contents[i]) else { return nil }
        var j = i
        var blanks = 0
        while j + 1 < r.count, j + 1 - i < maxAttributionLines, joined.utf8.count < maxAttributionLength {
            let previous = r.contents[j]
            // Each test below needs a final '.', '!' or '?' byte (most lines end otherwise).
            let last = previous.utf8.last
            let mayEndSentence = last == 0x2E || last == 0x21 || last == 0x3F
            if mayEndSentence && (previous.hasSuffix("...") || previous.hasSuffix("!") || previous.hasSuffix("?")) {
                return nil
            }
            if mayEndSentence, previous.last == ".",
                previous.utf8.count
                    - (previous.utf8.lastIndex(of: 0x20).map {
                        previous.utf8.distance(from: previous.utf8.startIndex, to: $0)
                    } ?? -1) > 7
            {
                return nil  // a sentence ends here (a long last word with a period, not "28." or "nachm.")
            }
            j += 1
            switch r.kinds[j] {
            case .empty:
                blanks += 1
                if blanks > 1 { return nil }
                continue
            case .command, .delimiter, .signature:
                return nil
            case .quote:
                // Only as the last line: "> wrote:" or ">:" of a wrapped attribution.
                return QuoteHeaders.isAttribution(joined + " " + r.quoted(j)) ? j : nil
            case .text:
                blanks = 0
                joined += " " + r.contents[j]
                if QuoteHeaders.isAttribution(joined) { return j }
            }
        }
        return nil
    }

    /// For each line that starts an Outlook-style header block (three or more header lines: From, and Sent/Date
    /// or Subject; at most one other line between two of them), the index of its last header line.
    static func headerBlocks(_ r: ReplyLines) -> [Int?] {
        var ends = [Int?](repeating: nil, count: r.count)
        var i = 0
        while i < r.count {
            guard r.kinds[i] == .text, let first = QuoteHeaders.field(r.contents[i]) else {
                i += 1
                continue
            }
            var fields: Set<QuoteHeaders.Field> = [first]
            var count = 1
            var last = i
            var j = i + 1
            while j < r.count, j - last <= 2 {
                if r.kinds[j] == .text, let f = QuoteHeaders.field(r.contents[j]) {
                    fields.insert(f)
                    count += 1
                    last = j
                } else if r.kinds[j] == .quote || r.kinds[j] == .command {
                    break
                }
                j += 1
            }
            if count >= 3 && fields.contains(.from) && (fields.contains(.date) || fields.contains(.subject)) {
                ends[i] = last
            }
            i = last + 1
        }
        return ends
    }
}
