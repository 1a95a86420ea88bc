import MailMessage

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
        line.isPlainASCII ? line.withUTF8Bytes(tokenizeASCII) : tokenizeCharacters(line)
    }

    /// `tokenize` on `Character`s: the reference, and the path for lines that are not plain ASCII.
    static func tokenizeCharacters(_ line: some StringProtocol) -> [LineToken] {
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
            // A single ASCII scalar (or CR LF) by its byte value: no `Character` comparisons.
            if let ascii = ch.asciiValue {
                switch ascii {
                case 0x2C, 0x3B, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D:  // , ; ( ) [ ] { }
                    flush()
                    tokens.append(.separator(ch))
                case 0x3A, 0x22, 0x21, 0x3F, 0x2A, 0x5F, 0x7C:  // : " ! ? * _ |
                    flush()
                default:
                    if ASCIIByte.isWhitespace(ascii) { flush() } else { current.append(ch) }
                }
                continue
            }
            switch ch {
            case "“", "”", "«", "»", "¿", "¡":
                flush()
            default:
                if ch.isWhitespace { flush() } else { current.append(ch) }
            }
        }
        flush()
        return tokens
    }

    /// `tokenize` on the bytes of a plain-ASCII line, where every byte is one `Character`: the same rules,
    /// with each word a byte range folded by `TextFolding.foldASCII`.
    static func tokenizeASCII(_ b: UnsafeBufferPointer<UInt8>) -> [LineToken] {
        var tokens: [LineToken] = []
        var start = 0
        func flush(_ end: Int) {
            var end = end
            while end - start > 1 && (b[end - 1] == 0x2E || b[end - 1] == 0x27) { end -= 1 }
            guard end > start else { return }
            let word = UnsafeBufferPointer(rebasing: b[start..<end])
            if word.count == 1 {
                switch word[0] {
                case 0x2E, 0x27: return  // "." or "'"
                case 0x2D, 0x3D:  // "-" or "="
                    tokens.append(.separator(Character(Unicode.Scalar(word[0]))))
                    return
                default: break
                }
            }
            tokens.append(LineToken(raw: String(decoding: word, as: UTF8.self), folded: TextFolding.foldASCII(word)!))
        }
        for k in b.indices {
            switch b[k] {
            case 0x2C, 0x3B, 0x28, 0x29, 0x5B, 0x5D, 0x7B, 0x7D:  // , ; ( ) [ ] { }
                flush(k)
                tokens.append(.separator(Character(Unicode.Scalar(b[k]))))
            case 0x3A, 0x22, 0x21, 0x3F, 0x2A, 0x5F, 0x7C:  // : " ! ? * _ |
                flush(k)
            case let x where ASCIIByte.isWhitespace(x):
                flush(k)
            default:
                continue
            }
            start = k + 1
        }
        flush(b.count)
        return tokens
    }
}
