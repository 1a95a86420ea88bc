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
        contents = lines.map { line in
            let blank: (Character) -> Bool = {
                $0 == " " || $0 == "\t" || $0 == "\u{A0}" || $0 == "\u{200B}" || $0 == "\u{FEFF}"
            }
            var s = line.drop(while: blank)
            while let last = s.last, blank(last) { s = s.dropLast() }
            return s
        }
        kinds = contents.map(Self.classify)
        markCodeBlocks()
    }

    var count: Int { lines.count }

    static func classify(_ content: Substring) -> Kind {
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
        if content == "ᐧ" || (content.count >= 2 && content.allSatisfy({ "-_=*#~+—–•ᐧ ".contains($0) })) {
            return .delimiter
        }
        if MobileSignatures.isSignature(content) { return .signature }
        return .text
    }

    /// Lines inside a closed ``` fence are text (a "####" in code is no delimiter).
    private mutating func markCodeBlocks() {
        var open: Int?
        for i in contents.indices where contents[i].hasPrefix("```") {
            if let o = open {
                for k in o...i where kinds[k] != .empty { kinds[k] = .text }
                open = nil
            } else {
                open = i
            }
        }
    }

    /// The content of a quote line without its '>' markers.
    func quoted(_ i: Int) -> Substring {
        contents[i].drop { $0 == ">" || $0 == " " || $0 == "\t" || ($0.isUppercase && $0.isASCII) }
    }
}
