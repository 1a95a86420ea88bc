/// A header value with parameters (Content-Type, Content-Disposition), RFC 2045 and RFC 2231: quoted
/// strings, continuations (`name*0`, `name*1`), charset and percent-encoded values (`name*=utf-8''…`);
/// tolerant of missing quotes, stray blanks and RFC 2047 words inside quoted values.
struct ParameterizedValue: Sendable, Hashable {
    /// The lowercased value before the first ';', comments removed ("text/plain", "attachment").
    var value: String
    /// Parameters by lowercased name, fully decoded.
    var parameters: [String: String]

    init(parsing raw: String) {
        let scalars = Array(raw.unicodeScalars)
        var i = 0
        var head = ""
        var depth = 0
        while i < scalars.count, scalars[i] != ";" || depth > 0 {
            let s = scalars[i]
            if s == "(" {
                depth += 1
            } else if s == ")" && depth > 0 {
                depth -= 1
            } else if depth == 0 && s != " " && s != "\t" && s != "\"" {
                head.unicodeScalars.append(s)
            }
            i += 1
        }
        value = head.lowercased()
        var sections: [String: [(index: Int, extended: Bool, text: String)]] = [:]
        var plain: [String: String] = [:]
        while i < scalars.count {
            i += 1  // the ';'
            let (name, text, next) = Self.parameter(scalars, from: i)
            i = next
            guard !name.isEmpty else { continue }
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                let rest = name[name.index(after: star)...]
                let extended = rest.hasSuffix("*") || rest.isEmpty
                let index = Int(rest.filter(\.isNumber)) ?? 0
                if sections[base, default: []].count < 100 {
                    sections[base, default: []].append((index, extended, text))
                }
            } else if plain[name] == nil {
                plain[name] = text.contains("=?") ? EncodedWords.decode(text) : text
            }
        }
        for (name, parts) in sections {
            plain[name] = Self.assemble(parts.sorted { $0.index < $1.index })
        }
        parameters = plain
    }

    /// One `name=value` starting at `start`; returns the lowercased name, the value, and where the next
    /// parameter's ';' is.
    private static func parameter(_ s: [Unicode.Scalar], from start: Int) -> (String, String, Int) {
        var i = start
        var name = ""
        while i < s.count, s[i] != "=" && s[i] != ";" {
            if s[i] != " " && s[i] != "\t" { name.unicodeScalars.append(s[i]) }
            i += 1
        }
        guard i < s.count, s[i] == "=" else { return (name.lowercased(), "", i) }
        i += 1
        while i < s.count, s[i] == " " || s[i] == "\t" { i += 1 }
        var text = ""
        if i < s.count, s[i] == "\"" {
            i += 1
            while i < s.count, s[i] != "\"" {
                if s[i] == "\\", i + 1 < s.count { i += 1 }
                text.unicodeScalars.append(s[i])
                i += 1
            }
            while i < s.count, s[i] != ";" { i += 1 }
        } else {
            while i < s.count, s[i] != ";" {
                text.unicodeScalars.append(s[i])
                i += 1
            }
            text = ByteRules.trimmingWhitespace(text)
        }
        return (name.lowercased(), text, i)
    }

    /// Joins RFC 2231 sections: percent-decodes extended ones and decodes them in the first one's charset.
    private static func assemble(_ parts: [(index: Int, extended: Bool, text: String)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (k, part) in parts.enumerated() {
            var text = Substring(part.text)
            if k == 0 && part.extended {
                let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    charset = String(pieces[0])
                    text = pieces[2]
                }
            }
            bytes += part.extended ? percentDecoded(text) : Array(text.utf8)
        }
        if let charset, !charset.isEmpty { return Charset.decode(bytes, label: charset).text }
        return Charset.sniff(bytes)
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < utf8.count {
            if utf8[i] == 0x25, i + 2 < utf8.count, let hi = TransferDecoding.hex(utf8[i + 1]),
                let lo = TransferDecoding.hex(utf8[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
            } else {
                out.append(utf8[i])
                i += 1
            }
        }
        return out
    }
}
