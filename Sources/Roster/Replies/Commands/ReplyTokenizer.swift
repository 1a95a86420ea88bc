/// One token of a reply line: a word (with its folded form) or a separator (`,` `;` `(` `)` or a lone dash).
struct LineToken: Sendable, Hashable {
    /// The word as written; empty for a separator.
    let raw: String
    /// Lower case, accents removed; empty for a separator.
    let folded: String

    var isSeparator: Bool { raw.isEmpty }

    static let separator = LineToken(raw: "", folded: "")

    /// A separator that remembers which one it was (`(` and dashes start a comment after a student number).
    static func separator(_ c: Character) -> LineToken { LineToken(raw: "", folded: String(c)) }

    /// Splits `line` in one pass. Whitespace, `:`, quotes, `!`, `?`, `*` and `_` end a word; `,` `;` brackets and
    /// a lone dash are separators; trailing dots are removed from a word (`gr.` → `gr`) unless it is an
    /// ordinal like `4.`.
    static func tokenize(_ line: some StringProtocol) -> [LineToken] {
        var tokens: [LineToken] = []
        var current = ""
        func flush() {
            defer { current = "" }
            while current.count > 1 && (current.last == "." || current.last == "'") { current.removeLast() }
            if current == "." || current == "'" { return }
            guard !current.isEmpty else { return }
            if current == "-" || current == "–" || current == "—" || current == "=" || current == "→" {
                tokens.append(.separator(current.first!))
                return
            }
            tokens.append(LineToken(raw: current, folded: TextFolding.fold(current)))
        }
        for ch in line {
            switch ch {
            case ",", ";", "(", ")", "[", "]", "{", "}":
                flush()
                tokens.append(.separator(ch))
            case ":", "\"", "“", "”", "«", "»", "!", "?", "¿", "¡", "*", "_", "|":
                flush()
            default:
                if ch.isWhitespace { flush() } else { current.append(ch) }
            }
        }
        flush()
        return tokens
    }
}
