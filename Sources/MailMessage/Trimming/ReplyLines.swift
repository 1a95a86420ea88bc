/// The lines of a reply, each classified once; the trimmer then works on these kinds in linear time.
struct ReplyLines {
    enum Kind: Equatable {
        case empty
        /// "> text", ">text", or a supercite prefix of one to three capitals ("JD> text").
        case quote
        /// Only '-', '_', '=', '*', '#', '~', '+' and dashes, at least two: "--", "-- ", "____", "***".
        case delimiter
        /// A mobile signature line ("Sent from my iPhone").
        case signature
        /// A roster command ("ADD 123456"): never cut by the signature and delimiter rules.
        case command
        case text
    }

    let lines: [Substring]
    /// `lines` without leading and trailing blanks.
    let contents: [Substring]
    var kinds: [Kind]

    init(_ text: String) {
        lines = TextLines.split(text)
        contents = lines.map(Self.trimmingBlanks)
        kinds = contents.map(Self.classify)
        markCodeBlocks()
    }

    var count: Int { lines.count }

    static func classify(_ content: Substring) -> Kind {
        if content.isEmpty { return .empty }
        return content.isPlainASCII ? classifyASCII(content) : classifyCharacters(content)
    }

    /// `classify` for a plain-ASCII line, where every byte is one `Character`: the quote and delimiter
    /// tests on bytes, then the command and signature tests (which have their own ASCII paths).
    static func classifyASCII(_ content: Substring) -> Kind {
        let shape: Kind? = content.withUTF8Bytes { b in
            if b[0] == 0x3E { return .quote }
            if ASCIIByte.isUppercase(b[0]), let gt = b.prefix(4).firstIndex(of: 0x3E),
                b[..<gt].allSatisfy(ASCIIByte.isUppercase)
            {
                return .quote
            }
            return nil
        }
        if let shape { return shape }
        if CommandLines.isCommand(content) { return .command }
        let isDelimiter = content.withUTF8Bytes { b in b.count >= 2 && b.allSatisfy { "-_=*#~+ ".utf8.contains($0) } }
        if isDelimiter { return .delimiter }
        if MobileSignatures.isSignature(content) { return .signature }
        return .text
    }

    /// `classify` on `Character`s: the reference, and the path for lines that are not plain ASCII.
    static func classifyCharacters(_ content: Substring) -> Kind {
        guard let first = content.first else { return .empty }
        if first == ">" { return .quote }
        if first.isUppercase, first.isASCII {
            let prefix = content.prefix(4)
            if let gt = prefix.firstIndex(of: ">"), content[..<gt].allSatisfy({ $0.isUppercase && $0.isASCII }) {
                return .quote
            }
        }
        if CommandLines.isCommand(content) { return .command }
        // "ᐧ" alone is the marker a mail-tracking extension appends after the reply.
        // `allSatisfy` first: it stops at the first other character, `count` walks the whole line.
        if content == "ᐧ" || (content.allSatisfy({ "-_=*#~+—–•ᐧ ".contains($0) }) && content.count >= 2) {
            return .delimiter
        }
        if MobileSignatures.isSignature(content) { return .signature }
        return .text
    }

    /// `line` without leading and trailing blanks: space, tab, no-break space, zero-width space, BOM.
    static func trimmingBlanks(_ line: Substring) -> Substring {
        fastTrimmingBlanks(line) ?? slowTrimmingBlanks(line)
    }

    static func slowTrimmingBlanks(_ line: Substring) -> Substring {
        let blank: (Character) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\u{200B}" || $0 == "\u{FEFF}"
        }
        var s = line.drop(while: blank)
        while let last = s.last, blank(last) { s = s.dropLast() }
        return s
    }

    /// The same trim on UTF-8 bytes, or nil when a byte decision could differ from the `Character` one:
    /// a blank is its own grapheme unless a combining mark follows it or a prepended mark precedes it,
    /// which can only happen when the byte next to the trimmed run is not ASCII.
    static func fastTrimmingBlanks(_ line: Substring) -> Substring? {
        let bounds: (lo: Int, hi: Int)? = line.withUTF8Bytes { b in
            let n = b.count
            var lo = 0
            while lo < n {
                if b[lo] == 0x20 || b[lo] == 0x09 {
                    lo += 1
                } else if lo + 1 < n, b[lo] == 0xC2, b[lo + 1] == 0xA0 {
                    lo += 2
                } else if lo + 2 < n,
                    (b[lo] == 0xE2 && b[lo + 1] == 0x80 && b[lo + 2] == 0x8B)
                        || (b[lo] == 0xEF && b[lo + 1] == 0xBB && b[lo + 2] == 0xBF)
                {
                    lo += 3
                } else {
                    break
                }
            }
            if lo > 0 && lo < n && b[lo] >= 0x80 { return nil }
            var hi = n
            while hi > lo {
                if b[hi - 1] == 0x20 || b[hi - 1] == 0x09 {
                    hi -= 1
                } else if hi - 2 >= lo, b[hi - 2] == 0xC2, b[hi - 1] == 0xA0 {
                    hi -= 2
                } else if hi - 3 >= lo,
                    (b[hi - 3] == 0xE2 && b[hi - 2] == 0x80 && b[hi - 1] == 0x8B)
                        || (b[hi - 3] == 0xEF && b[hi - 2] == 0xBB && b[hi - 1] == 0xBF)
                {
                    hi -= 3
                } else {
                    break
                }
            }
            if hi < n && hi > lo && b[hi - 1] >= 0x80 { return nil }
            return (lo, hi)
        }
        guard let bounds else { return nil }
        let utf8 = line.utf8
        let lo = utf8.index(utf8.startIndex, offsetBy: bounds.lo)
        let hi = utf8.index(utf8.startIndex, offsetBy: bounds.hi)
        return line[lo..<hi]
    }

    /// Lines inside a closed ``` fence are text (a "####" in code is no delimiter).
    private mutating func markCodeBlocks() {
        var open: Int?
        for i in contents.indices where Self.startsWithFence(contents[i]) {
            if let o = open {
                for k in o...i where kinds[k] != .empty { kinds[k] = .text }
                open = nil
            } else {
                open = i
            }
        }
    }

    /// `content.hasPrefix("```")`, on bytes unless a fourth byte that is not ASCII could be a combining mark
    /// on the third backtick.
    static func startsWithFence(_ content: Substring) -> Bool {
        let bytes: ByteDecision<Bool> = content.withUTF8Bytes { b in
            guard b.count >= 3, b[0] == 0x60, b[1] == 0x60, b[2] == 0x60 else { return .decided(false) }
            return b.count == 3 || b[3] < 0x80 ? .decided(true) : .undecided
        }
        if case .decided(let fence) = bytes { return fence }
        return content.hasPrefix("```")
    }

    /// The content of a quote line without its '>' markers.
    func quoted(_ i: Int) -> Substring {
        contents[i].drop { $0 == ">" || $0 == " " || $0 == "\t" || ($0.isUppercase && $0.isASCII) }
    }
}
