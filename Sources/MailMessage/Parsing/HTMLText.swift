/// HTML → plain text for HTML-only replies: block elements and `<br>` end lines, entities are decoded,
/// `<head>`, `<style>` and `<script>` are dropped, `<blockquote>` becomes "> " quoted lines, `<hr>` and
/// Outlook's reply-header `<div id="divRplyFwdMsg">` become a "____" separator line, so the trimmer
/// recognises the quoted history as in plain-text mail. One pass over the input; no regular expressions.
public enum HTMLText {
    public static func text(fromHTML html: String) -> String {
        var converter = Converter(Array(html.unicodeScalars))
        converter.run()
        return converter.result()
    }

    private static let skipped: Set<String> = ["head", "style", "script", "title", "noscript", "template", "xml"]
    private static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr", "pre", "section", "article",
        "header", "footer", "address", "center", "dl", "dt", "dd", "form", "fieldset", "body", "html", "main",
        "nav", "aside", "figure", "caption", "tbody", "thead", "tfoot",
    ]
    static let separator = "________________________________"

    struct Converter {
        let s: [Unicode.Scalar]
        var i = 0
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var currentDepth = 0
        var depth = 0
        var pre = 0
        var pendingSpace = false
        var cellInRow = 0

        init(_ s: [Unicode.Scalar]) { self.s = s }

        mutating func run() {
            while i < s.count {
                let c = s[i]
                if c == "<" {
                    tag()
                } else if c == "&" {
                    entity()
                } else {
                    text(c)
                    i += 1
                }
            }
            breakLine()
        }

        func result() -> String {
            var out: [String] = []
            for line in lines {
                let blank = line.allSatisfy { $0 == ">" || $0 == " " }
                if blank, let last = out.last, last.allSatisfy({ $0 == ">" || $0 == " " }) { continue }
                out.append(line)
            }
            while let first = out.first, first.isEmpty { out.removeFirst() }
            while let last = out.last, last.isEmpty { out.removeLast() }
            return out.joined(separator: "\n")
        }

        mutating func text(_ c: Unicode.Scalar) {
            if pre == 0 && (c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}") {
                pendingSpace = true
                return
            }
            if pre > 0 && c == "\n" {
                breakLine(force: true)
                return
            }
            if c == "\r" { return }
            append(c == "\u{A0}" ? " " : c)
        }

        mutating func append(_ c: Unicode.Scalar) {
            if current.isEmpty {
                currentDepth = depth
                pendingSpace = false
            } else if pendingSpace {
                current.append(" ")
                pendingSpace = false
            }
            current.append(c)
        }

        /// Ends the current line; `force` also emits an empty line (for `<br>` and line breaks in `<pre>`).
        mutating func breakLine(force: Bool = false) {
            pendingSpace = false
            var line = String(current)
            while line.last == " " { line.removeLast() }
            let d = current.isEmpty ? depth : currentDepth
            current = String.UnicodeScalarView()
            if line.isEmpty && !force { return }
            let trimmed = pre > 0 ? Substring(line) : line.drop { $0 == " " }
            lines.append(prefix(d) + trimmed)
        }

        func prefix(_ d: Int) -> String { d == 0 ? "" : String(repeating: ">", count: d) + " " }

        mutating func tag() {
            let start = i
            if matches("<!--", at: i) {
                i = find("-->", from: i + 4).map { $0 + 3 } ?? s.count
                return
            }
            var j = i + 1
            let closing = j < s.count && s[j] == "/"
            if closing { j += 1 }
            var name = ""
            while j < s.count, Self.isNameCharacter(s[j]) {
                name.unicodeScalars.append(s[j])
                j += 1
            }
            if name.isEmpty && !(j < s.count && (s[j] == "!" || s[j] == "?")) {
                text("<")  // a lone '<' in text
                i = start + 1
                return
            }
            // Attributes, quotes respected (only `div` reads them: kept as a range until then).
            let attributesStart = j
            var quote: Unicode.Scalar?
            while j < s.count {
                let c = s[j]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    break
                }
                j += 1
            }
            let attributes = attributesStart..<j
            i = min(j + 1, s.count)
            name = name.lowercased()
            if !closing && HTMLText.skipped.contains(name) {
                if let end = findClosing(name, from: i) { i = end }
                return
            }
            handle(name, closing: closing, attributes: attributes)
        }

        /// Outlook's `<div id="divRplyFwdMsg">` (lowercased attributes).
        static func isReplyHeader(_ attributes: String) -> Bool {
            attributes.contains("divrplyfwdmsg") || attributes.contains("x_divrplyfwdmsg")
        }

        /// The attribute text of a tag, lowercased.
        func attributeText(_ range: Range<Int>) -> String {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: s[range])
            return String(text).lowercased()
        }

        mutating func handle(_ name: String, closing: Bool, attributes range: Range<Int>) {
            switch name {
            case "br":
                breakLine(force: true)
            case "hr":
                breakLine()
                lines.append(prefix(depth) + HTMLText.separator)
            case "blockquote":
                breakLine()
                depth = closing ? max(0, depth - 1) : depth + 1
            case "li":
                breakLine()
                if !closing {
                    append("-")
                    pendingSpace = true
                }
            case "pre":
                breakLine()
                pre = closing ? max(0, pre - 1) : pre + 1
            case "td", "th":
                if !closing {
                    if cellInRow > 0 { append("\t") }
                    cellInRow += 1
                }
            case "tr":
                breakLine()
                cellInRow = 0
            case "div" where !closing && Self.isReplyHeader(attributeText(range)):
                breakLine()
                if lines.last?.hasSuffix(HTMLText.separator) != true {
                    lines.append(prefix(depth) + HTMLText.separator)
                }
            default:
                if HTMLText.blocks.contains(name) { breakLine() }
            }
        }

        mutating func entity() {
            var j = i + 1
            var name = ""
            while j < s.count, j - i <= 32, s[j] != ";", s[j] != "&", s[j] != "<", s[j] != " " {
                name.unicodeScalars.append(s[j])
                j += 1
            }
            let terminated = j < s.count && s[j] == ";"
            if let value = HTMLEntities.decode(name),
                terminated || name.hasPrefix("#") || HTMLEntities.legacy.contains(name)
            {
                i = terminated ? j + 1 : j
                for scalar in value.unicodeScalars { text(scalar == "\u{A0}" ? " " : scalar) }
                return
            }
            text("&")
            i += 1
        }

        /// A letter or an ASCII digit (in a tag name); ASCII without the Unicode property tables.
        static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
            if c.isASCII { return ASCIIByte.isLetter(UInt8(c.value)) || ASCIIByte.isDigit(UInt8(c.value)) }
            return c.properties.isAlphabetic
        }

        /// Same scalar ignoring case; two ASCII scalars are compared without building their mappings.
        static func sameIgnoringCase(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
            if a.isASCII && b.isASCII {
                return ASCIIByte.lowercased(UInt8(a.value)) == ASCIIByte.lowercased(UInt8(b.value))
            }
            return a.properties.lowercaseMapping == b.properties.lowercaseMapping
        }

        func matches(_ literal: String, at k: Int) -> Bool {
            var p = k
            for c in literal.unicodeScalars {
                guard p < s.count, Self.sameIgnoringCase(s[p], c) else { return false }
                p += 1
            }
            return true
        }

        func find(_ literal: String, from k: Int) -> Int? {
            guard let first = literal.unicodeScalars.first else { return nil }
            var p = k
            while p < s.count {
                if s[p] == first && matches(literal, at: p) { return p }
                p += 1
            }
            return nil
        }

        /// The index after `</name…>`, or nil when the element is never closed.
        func findClosing(_ name: String, from k: Int) -> Int? {
            var p = k
            while p < s.count {
                if s[p] == "<", p + 1 < s.count, s[p + 1] == "/", matches(name, at: p + 2) {
                    var q = p + 2 + name.unicodeScalars.count
                    while q < s.count, s[q] != ">" { q += 1 }
                    return min(q + 1, s.count)
                }
                p += 1
            }
            return nil
        }
    }
}
