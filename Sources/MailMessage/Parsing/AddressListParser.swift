/// A tolerant RFC 5322 address-list reader: display names with encoded-words, quoted strings, comments,
/// groups, bare addresses, and the common mistakes (unquoted commas in names, missing brackets).
public enum AddressListParser {
    private enum Token: Equatable {
        case word(String)
        case quoted(String)
        case comment(String)
        case angle(String)
        case comma, colon, semicolon
    }

    /// The mailboxes of a raw (undecoded) header value such as `"Muñoz, José" <jose@example.org>, b@c.org`.
    public static func parse(_ raw: String) -> [ParsedAddress] {
        var result: [ParsedAddress] = []
        var element: [Token] = []
        var pendingName: String?
        func flush() {
            defer { element = [] }
            guard !element.isEmpty else { return }
            let hasAngle = element.contains { if case .angle = $0 { return true } else { return false } }
            let hasAt = element.contains { if case .word(let w) = $0 { return w.contains("@") } else { return false } }
            if !hasAngle && !hasAt {
                // "Smith, Pat <pat@x>": keep the words for the next element's display name.
                let words = phrase(element)
                if !words.isEmpty { pendingName = pendingName.map { $0 + ", " + words } ?? words }
                return
            }
            var address = mailbox(element, hasAngle: hasAngle)
            if !hasAngle { pendingName = nil }
            if let prefix = pendingName {
                let name = address.displayName.map { prefix + ", " + $0 } ?? prefix
                address = ParsedAddress(displayName: name, address: address.address)
                pendingName = nil
            }
            result.append(address)
        }
        for token in tokenize(raw) {
            switch token {
            case .comma, .semicolon:
                flush()
            case .colon:
                // A group name ("Team: a@b, c@d;") unless we are inside an address.
                if element.contains(where: { if case .angle = $0 { return true } else { return false } }) {
                    element.append(.word(":"))
                } else {
                    element = []
                    pendingName = nil
                }
            default:
                element.append(token)
            }
        }
        flush()
        if let name = pendingName, result.isEmpty {
            result.append(ParsedAddress(displayName: nil, address: name))
        }
        return result
    }

    private static func mailbox(_ tokens: [Token], hasAngle: Bool) -> ParsedAddress {
        if hasAngle {
            var before: [Token] = []
            var address = ""
            var comments: [String] = []
            for token in tokens {
                switch token {
                case .angle(let a) where address.isEmpty: address = a
                case .comment(let c): comments.append(c)
                default: if address.isEmpty { before.append(token) }
                }
            }
            if let colon = address.lastIndex(of: ":"), address.hasPrefix("@") {
                address = String(address[address.index(after: colon)...])  // source route
            }
            var name = phrase(before)
            if name.isEmpty, let c = comments.first { name = EncodedWords.decode(c) }
            return ParsedAddress(displayName: name.isEmpty ? nil : name, address: address)
        }
        var address = ""
        var comment: String?
        var words: [String] = []
        for token in tokens {
            switch token {
            case .word(let w): words.append(w)
            case .quoted(let q): words.append(q)
            case .comment(let c): comment = comment ?? c
            default: break
            }
        }
        if let at = words.firstIndex(where: { $0.contains("@") }) {
            // "Name a@b" without brackets: the words before are the display name.
            address = words[at]
            let name = words[..<at].joined(separator: " ")
            if !name.isEmpty { comment = comment ?? name }
        } else {
            address = words.joined()
        }
        let name = comment.map { EncodedWords.decode($0) }
        return ParsedAddress(displayName: name?.isEmpty == false ? name : nil, address: address)
    }

    /// Display-name words joined by single spaces, quotes removed, encoded-words decoded.
    private static func phrase(_ tokens: [Token]) -> String {
        var words: [String] = []
        for token in tokens {
            switch token {
            case .word(let w): words.append(w)
            case .quoted(let q): words.append(q)
            default: break
            }
        }
        return ByteRules.trimmingWhitespace(EncodedWords.decode(words.joined(separator: " ")))
    }

    private static func tokenize(_ raw: String) -> [Token] {
        let s = Array(raw.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        var word = ""
        func endWord() {
            if !word.isEmpty { tokens.append(.word(word)) }
            word = ""
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case " ", "\t", "\r", "\n":
                endWord()
                i += 1
            case "\"":
                endWord()
                var text = ""
                i += 1
                while i < s.count, s[i] != "\"" {
                    if s[i] == "\\", i + 1 < s.count { i += 1 }
                    text.unicodeScalars.append(s[i])
                    i += 1
                }
                i += 1
                tokens.append(.quoted(text))
            case "(":
                endWord()
                var depth = 1
                var text = ""
                i += 1
                while i < s.count, depth > 0 {
                    if s[i] == "\\", i + 1 < s.count {
                        i += 1
                    } else if s[i] == "(" {
                        depth += 1
                    } else if s[i] == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    text.unicodeScalars.append(s[i])
                    i += 1
                }
                i += 1
                tokens.append(.comment(text))
            case "<":
                endWord()
                var text = ""
                i += 1
                while i < s.count, s[i] != ">" {
                    if s[i] != " " && s[i] != "\t" && s[i] != "\r" && s[i] != "\n" { text.unicodeScalars.append(s[i]) }
                    i += 1
                }
                i += 1
                tokens.append(.angle(text))
            case ",", ";", ":":
                endWord()
                tokens.append(c == "," ? .comma : c == ";" ? .semicolon : .colon)
                i += 1
            default:
                word.unicodeScalars.append(c)
                i += 1
            }
        }
        endWord()
        return tokens
    }
}
