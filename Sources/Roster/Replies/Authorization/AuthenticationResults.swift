/// The DMARC verdict of our own MTA, read from `Authentication-Results` (RFC 8601).
///
/// Only the topmost field whose authserv-id equals ours is trusted: our MTA adds its field on top (and
/// should remove look-alikes, RFC 8601 §5); anything below it, or with another authserv-id, could have been
/// written by the sender and is ignored.
public enum AuthenticationResults {
    public struct DMARC: Sendable, Hashable {
        /// `pass`, `fail`, `none`, `temperror`, … (lower case).
        public var result: String
        /// The `header.from` domain, when reported.
        public var headerFrom: String?
    }

    /// The DMARC result of the trusted field, or `nil` when there is no field from `authservID` or it has
    /// no `dmarc=` result.
    public static func dmarc(in values: [String], authservID: String) -> DMARC? {
        let ours = authservID.lowercased()
        for value in values {
            let segments = withoutComments(ReplyHeaders.unfold(value)).split(
                separator: ";", omittingEmptySubsequences: false)
            guard let first = segments.first,
                first.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map({ $0.lowercased() == ours }) == true
            else { continue }
            for segment in segments.dropFirst() {
                let words = normalizedPairs(String(segment))
                guard let head = words.first, head.lowercased().hasPrefix("dmarc=") else { continue }
                let result = String(head.dropFirst(6)).lowercased()
                let from = words.dropFirst().first { $0.lowercased().hasPrefix("header.from=") }.map {
                    String($0.dropFirst(12)).lowercased()
                }
                return DMARC(result: result, headerFrom: from)
            }
            return nil  // our field, but no DMARC result
        }
        return nil
    }

    /// The value with `( … )` comments (nested) removed, quoted strings kept.
    static func withoutComments(_ value: String) -> String {
        var out = ""
        var depth = 0
        var quoted = false
        for ch in value {
            if quoted {
                out.append(ch)
                if ch == "\"" { quoted = false }
            } else if ch == "(" {
                depth += 1
            } else if ch == ")" && depth > 0 {
                depth -= 1
            } else if depth == 0 {
                if ch == "\"" { quoted = true }
                out.append(ch)
            }
        }
        return out
    }

    /// Whitespace-separated words with spaces around `=` removed (`dmarc = pass` → `dmarc=pass`).
    static func normalizedPairs(_ s: String) -> [String] {
        var words: [String] = []
        for w in s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            if w == "=" || w.hasPrefix("="), let last = words.last {
                words[words.count - 1] = last + w
            } else if let last = words.last, last.hasSuffix("=") {
                words[words.count - 1] = last + w
            } else {
                words.append(w)
            }
        }
        return words.map { $0.replacingEqualsQuotes() }
    }
}

extension String {
    /// `header.from="example.org"` → `header.from=example.org`.
    fileprivate func replacingEqualsQuotes() -> String { filter { $0 != "\"" } }
}
