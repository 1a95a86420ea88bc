/// Recognisers for the lines that introduce quoted history: attributions ("On … wrote:", "El … escribió:",
/// "Am … schrieb …:", Gmail's "2016-03-03 17:21 GMT+01:00 Name"), forward and original-message markers, and
/// the header fields of Outlook-style blocks ("From:/Sent:/To:/Subject:" in several languages).
enum QuoteHeaders {

    // MARK: Attributions

    /// Verbs that end an attribution ("…, Maria <m@x.org> wrote:"), from every language of the table.
    private static let endingVerbs = words(\.endingVerbs)
    /// Verbs followed by the author ("Max <m@x> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:", "في …، كتب Name:"),
    /// each as its words.
    private static let innerVerbs: [[String]] = words(\.innerVerbs).map { $0.split(separator: " ").map(String.init) }
    /// First words of a multi-line attribution.
    static let openers = Set(words(\.openers))
    private static let maxOpenerLength = openers.map(\.utf8.count).max() ?? 0
    /// The first bytes of the openers that start with an ASCII letter: a line whose first word starts with one
    /// of them and runs into a byte that is not ASCII is left to the `Character` test ("vào", "dňa").
    private static let openerInitials = Set(openers.compactMap { $0.utf8.first.flatMap { $0 < 0x80 ? $0 : nil } })

    /// One column of the language table, lowercased, without repeats (first occurrence first).
    private static func words(_ column: KeyPath<QuoteHeaderLanguage, [String]>) -> [String] {
        var seen = Set<String>()
        return QuoteHeaderLanguage.all.flatMap { $0[keyPath: column] }.map { $0.lowercased() }.filter {
            seen.insert($0).inserted
        }
    }

    /// Bidirectional controls that RTL clients put around names and dates (LRM, RLM, ALM, embeddings,
    /// isolates): never part of a word.
    static func isBidiControl(_ c: Character) -> Bool {
        guard c.unicodeScalars.count == 1, let v = c.unicodeScalars.first?.value else { return false }
        return v == 0x200E || v == 0x200F || v == 0x061C || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v)
    }

    /// Colons that end a quote header: ASCII, fullwidth (CJK) and the Ethiopic preface colon.
    static func isColon(_ c: Character) -> Bool { c == ":" || c == "：" || c == "፦" }

    /// A Unicode decimal digit (ASCII, Arabic-Indic, Devanagari, Myanmar, fullwidth, …).
    private static func isDecimalDigit(_ c: Character) -> Bool {
        c.unicodeScalars.count == 1 && c.unicodeScalars.first?.properties.numericType == .decimal
    }

    /// True when `text` (one attribution, its lines joined by spaces) introduces a quote.
    static func isAttribution(_ text: String) -> Bool {
        if cannotBeAttribution(text) { return false }
        return fullIsAttribution(text)
    }

    /// `isAttribution` without the byte-level rejection (the reference the fast path is tested against).
    static func fullIsAttribution(_ text: String) -> Bool {
        let text = text.contains(where: isBidiControl) ? String(text.filter { !isBidiControl($0) }) : text
        // Cheap rejection first: every form ends with a colon, "wrote ----", or starts with a date.
        guard let lastChar = text.last(where: { $0 != " " && $0 != "*" && $0 != "\u{A0}" }) else { return false }
        guard isColon(lastChar) || lastChar == "-" || lastChar == ">" || text.first?.isNumber == true else {
            return false
        }
        let decoration: Set<Character> = [" ", "\t", "-", "*", "_", ">", "\u{A0}"]
        let trimmedStart = text.drop { decoration.contains($0) }
        var core = Substring(trimmedStart)
        while let last = core.last, decoration.contains(last) { core = core.dropLast() }
        guard core.count >= 6, core.count <= 400 else { return false }
        let endsWithColon = core.last.map(isColon) ?? false
        let decorated = text.hasSuffix("--") || text.hasSuffix("-- ")
        while let last = core.last, isColon(last) || last == " " || last == "." || last == "\u{A0}" {
            core = core.dropLast()
        }
        let lower = core.lowercased()
        let hasAddress = lower.utf8.contains(UInt8(ascii: "@"))
        let hasDigit = lower.contains { $0.isNumber }
        if endsWithColon || decorated {
            for verb in endingVerbs where lower.hasSuffix(verb) {
                let before = lower.dropLast(verb.count).last
                if before == nil || !before!.isLetter || joinsWithoutSpace(verb) { return hasAddress || hasDigit }
            }
        }
        if endsWithColon && hasDigit {
            // "Am … schrieb Max <m@x>:", "في …، كتب Name <addr>:"; without an address only with a time
            // (Thunderbird's "Den 1.12.2025 08:00, skrev Ana:").
            if (hasAddress || hasTime(lower)) && hasInnerVerb(lower) { return true }
            // "пн, 1 дек. 2025 г. в 08:00, Name <addr>:", "2025年12月1日(月) 8:00 Name <addr>:".
            if hasAddress && endsWithTimedAddress(lower) { return true }
        }
        return isDateFirst(lower, endsWithColon: endsWithColon)
    }

    /// Scripts written without spaces between words (Han, Kana, Myanmar): their verbs follow a letter.
    private static func joinsWithoutSpace(_ verb: String) -> Bool {
        guard let v = verb.unicodeScalars.first?.value else { return false }
        return (0x3040...0x30FF).contains(v) || (0x3400...0x9FFF).contains(v) || (0x1000...0x109F).contains(v)
    }

    private static func hasInnerVerb(_ lower: String) -> Bool {
        let words = lower.split { !$0.isLetter && $0 != "ł" }
        guard !words.isEmpty else { return false }
        return innerVerbs.contains { verb in
            guard verb.count <= words.count else { return false }
            return (0...(words.count - verb.count)).contains { k in
                zip(words[k..<(k + verb.count)], verb).allSatisfy { $0 == $1 }
            }
        }
    }

    /// A time: a decimal digit, ':' or '.', two decimal digits ("8:00", "08.00", "٨:٠٠").
    private static func hasTime(_ s: String) -> Bool {
        let c = Array(s)
        guard c.count >= 4 else { return false }
        return (0...(c.count - 4)).contains { k in
            isDecimalDigit(c[k]) && (c[k + 1] == ":" || c[k + 1] == ".") && isDecimalDigit(c[k + 2])
                && isDecimalDigit(c[k + 3])
        }
    }

    /// "… 08:00, Name <addr>" or "… 8.00 Name (addr)": the text ends with a bracketed address and has an
    /// "h:mm" time before it (the clients that write no verb).
    private static func endsWithTimedAddress(_ lower: String) -> Bool {
        guard let close = lower.last, close == ">" || close == ")" else { return false }
        let open: Character = close == ">" ? "<" : "("
        guard let start = lower.lastIndex(of: open) else { return false }
        let address = lower[start...]
        guard address.utf8.contains(UInt8(ascii: "@")), !address.contains(" ") else { return false }
        let before = Array(lower[..<start])
        guard before.count >= 4 else { return false }
        return (0...(before.count - 4)).contains { k in
            isDecimalDigit(before[k]) && before[k + 1] == ":" && isDecimalDigit(before[k + 2])
                && isDecimalDigit(before[k + 3])
        }
    }

    /// A byte-level rejection (`false` means "ask the full test"), exact by the rules of `isAttribution`:
    /// - plain ASCII without an '@' or a digit: every rule needs one of them;
    /// - no final ':' (after the decoration) and no final "--": only the date-first rule is left, and it
    ///   needs "dddd-d" or "dddd/d" right after the leading decoration.
    /// The decoration is trimmed on bytes; where the first byte after it is not ASCII (a combining mark could
    /// join it to the decoration, a bidi control is dropped by the full test) or the last byte before it is
    /// not, the answer is "ask the full test".
    static func cannotBeAttribution(_ text: String) -> Bool {
        text.withUTF8Bytes { b in
            let n = b.count
            if !b.contains(where: { $0 >= 0x80 || $0 == 0x40 || ASCIIByte.isDigit($0) }) { return true }
            /// The length of the decoration character (blank, '-', '*', '_', '>', no-break space) that
            /// starts at `k` (`forward`) or ends before `k`, or 0.
            func decoration(at k: Int, forward: Bool) -> Int {
                switch b[forward ? k : k - 1] {
                case 0x20, 0x09, 0x2D, 0x2A, 0x5F, 0x3E: return 1
                case 0xC2 where forward && k + 1 < n && b[k + 1] == 0xA0: return 2
                case 0xA0 where !forward && k >= 2 && b[k - 2] == 0xC2: return 2
                default: return 0
                }
            }
            var lo = 0
            while lo < n, case let d = decoration(at: lo, forward: true), d > 0 { lo += d }
            var hi = n
            while hi > lo, case let d = decoration(at: hi, forward: false), d > 0 { hi -= d }
            guard lo < hi else { return true }  // all decoration: too short
            // A first byte that is not ASCII may be a bidi control the full test drops ("\u{200F}2013/7/20 …").
            if b[lo] >= 0x80 || b[hi - 1] >= 0x80 || b[hi - 1] == 0x3A { return false }
            let decorated =
                (n >= 2 && b[n - 2] == 0x2D && b[n - 1] == 0x2D)
                || (n >= 3 && b[n - 3] == 0x2D && b[n - 2] == 0x2D && b[n - 1] == 0x20)
            if decorated { return false }
            func digit(_ k: Int) -> Bool { k < hi && ASCIIByte.isDigit(b[k]) }
            let dateFirst =
                digit(lo) && digit(lo + 1) && digit(lo + 2) && digit(lo + 3) && lo + 4 < hi
                && (b[lo + 4] == 0x2D || b[lo + 4] == 0x2F) && digit(lo + 5)
            return !dateFirst
        }
    }

    /// Gmail's "2016-03-03 17:21 GMT+01:00 Some One" and "2013/7/20 Name <a@b.org>".
    private static func isDateFirst(_ lower: String, endsWithColon: Bool) -> Bool {
        let u = Array(lower.utf8.prefix(11))
        func digit(_ k: Int) -> Bool { k < u.count && u[k] >= 0x30 && u[k] <= 0x39 }
        guard u.count >= 8, digit(0), digit(1), digit(2), digit(3), u[4] == 0x2D || u[4] == 0x2F, digit(5) else {
            return false
        }
        let hasAddress = lower.utf8.contains(UInt8(ascii: "@"))
        return (hasAddress && (endsWithColon || lower.hasSuffix(">")))
            || lower.utf8.contains(UInt8(ascii: "+"))
                && lower.hasSubstring("gmt")
    }

    /// First word, lowercased, of a line that may start a multi-line attribution.
    static func opensAttribution(_ content: Substring) -> Bool {
        if case .decided(let opens) = content.withUTF8Bytes(opensAttributionOnBytes) { return opens }
        return opensAttributionCharacters(content)
    }

    /// `opensAttribution` on `Character`s: the reference, and the path for lines that are not plain ASCII.
    static func opensAttributionCharacters(_ content: Substring) -> Bool {
        let s = content.drop { $0 == "-" || $0 == " " || $0 == "*" || $0 == ">" || isBidiControl($0) }
        guard let first = s.first else { return false }
        // A list item ("- 123456", "* 4th grade") is a partner's line, not the start of "2026-11-30 … wrote:".
        let bulleted =
            (content.first == "-" || content.first == "*" || content.first == "•") && content.dropFirst().first == " "
        if first.isNumber && bulleted { return false }
        if first.isNumber || s.utf8.contains(UInt8(ascii: "@")) || s.utf8.contains(UInt8(ascii: "<")) { return true }
        let word = s.prefix { $0.isLetter }.lowercased()
        return openers.contains(word) || s.hasPrefix("在")
    }

    /// `opensAttribution` on bytes, deciding from the ASCII start of the line: a byte is a `Character`
    /// there when the next byte is ASCII too. `undecided` when the first character or the first word
    /// runs into a byte that is not ASCII and could change the answer (the word could be an opener, or
    /// the start of one such as "dňa" or "vào").
    static func opensAttributionOnBytes(_ b: UnsafeBufferPointer<UInt8>) -> ByteDecision<Bool> {
        let n = b.count
        var lo = 0
        while lo < n, b[lo] == 0x2D || b[lo] == 0x20 || b[lo] == 0x2A || b[lo] == 0x3E { lo += 1 }
        guard lo < n else { return .decided(false) }
        if b[lo] >= 0x80 || (lo + 1 < n && b[lo + 1] >= 0x80) { return .undecided }
        let dashOrStar = b[0] == 0x2D || b[0] == 0x2A
        if dashOrStar && n > 2 && b[1] == 0x20 && b[2] >= 0x80 { return .undecided }
        let bulleted = dashOrStar && n > 1 && b[1] == 0x20
        let digit = ASCIIByte.isDigit(b[lo])
        if digit && bulleted { return .decided(false) }
        if digit || b[lo...].contains(0x40) || b[lo...].contains(0x3C) { return .decided(true) }
        var end = lo
        while end < n, ASCIIByte.isLetter(b[end]) { end += 1 }
        guard end - lo <= maxOpenerLength else { return .decided(false) }
        var word = ""
        for k in lo..<end { word.unicodeScalars.append(Unicode.Scalar(ASCIIByte.lowercased(b[k]))) }
        let isOpener = openers.contains(word)
        if end < n && b[end] >= 0x80 && (isOpener || openerInitials.contains(ASCIIByte.lowercased(b[lo]))) {
            return .undecided
        }
        return .decided(isOpener)
    }

    // MARK: Forward markers

    private static let markers = Set(words(\.markers))

    /// "-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded message:", …
    static func isForwardMarker(_ content: Substring) -> Bool {
        guard content.utf8.count <= 160, content.last.map(isColon) == true || hasDoubleDash(content) else {
            return false
        }
        var core = content.drop { markerDecoration.contains($0) || isBidiControl($0) }
        while let last = core.last, markerDecoration.contains(last) || isBidiControl(last) { core = core.dropLast() }
        return markers.contains(core.lowercased())
    }

    private static let markerDecoration: Set<Character> = ["-", "*", "_", " ", ":", "：", "=", "\t"]

    private static func hasDoubleDash(_ s: Substring) -> Bool {
        s.withUTF8Bytes { bytes in
            var previous: UInt8 = 0
            for b in bytes {
                if b == 0x2D && previous == 0x2D { return true }
                previous = b
            }
            return false
        }
    }

    // MARK: Header fields

    enum Field { case from, date, to, cc, subject, replyTo }

    /// Every language's field names, lowercased. A name two languages give to different fields keeps the
    /// first (the tests check that there is none).
    static let fields: [String: Field] = {
        var fields: [String: Field] = [:]
        for language in QuoteHeaderLanguage.all {
            let columns: [(KeyPath<QuoteHeaderLanguage, [String]>, Field)] = [
                (\.from, .from), (\.date, .date), (\.to, .to), (\.cc, .cc), (\.subject, .subject),
                (\.replyTo, .replyTo),
            ]
            for (column, field) in columns {
                for name in language[keyPath: column] where fields[name.lowercased()] == nil {
                    fields[name.lowercased()] = field
                }
            }
        }
        return fields
    }()

    /// The field of an Outlook-style header line ("*From:* Maria", "Enviado: lunes…"), or nil.
    static func field(_ content: Substring) -> Field? {
        // Every field name ends with ':' or '：' (EF BC 9A); most lines have neither byte.
        guard content.utf8.contains(where: { $0 == 0x3A || $0 == 0xEF }) else { return nil }
        if case .decided(let field) = content.withUTF8Bytes(fieldOnBytes) { return field }
        return fieldCharacters(content)
    }

    /// `field` on bytes while the line is ASCII up to its colon (and one byte after it); `undecided` where
    /// a byte is not ASCII before that (a fullwidth colon, a name like "Från", a combining mark).
    static func fieldOnBytes(_ b: UnsafeBufferPointer<UInt8>) -> ByteDecision<Field?> {
        let n = b.count
        func isDecoration(_ x: UInt8) -> Bool { x == 0x2A || x == 0x5F || x == 0x20 || x == 0x09 }
        var lo = 0
        while lo < n, isDecoration(b[lo]) { lo += 1 }
        var colon = lo
        while colon < n, colon - lo < 24, b[colon] != 0x3A {
            if b[colon] >= 0x80 { return noColonInFirstCharacters(b, from: lo) ? .decided(nil) : .undecided }
            colon += 1
        }
        guard colon < n, colon - lo < 24, b[colon] == 0x3A else { return .decided(nil) }  // none in 24 characters
        if colon + 1 < n && b[colon + 1] >= 0x80 { return .undecided }  // ":" + a combining mark is no colon
        var nameEnd = colon
        while nameEnd > lo, b[nameEnd - 1] == 0x2A || b[nameEnd - 1] == 0x20 || b[nameEnd - 1] == 0x5F { nameEnd -= 1 }
        var name = ""
        for k in lo..<nameEnd { name.unicodeScalars.append(Unicode.Scalar(ASCIIByte.lowercased(b[k]))) }
        guard let field = fields[name] else { return .decided(nil) }
        var value = colon + 1
        while value < n, b[value] == 0x2A || b[value] == 0x20 || b[value] == 0x09 { value += 1 }
        return .decided(value == n && field != .cc && field != .to ? nil : field)
    }

    /// True when no ':' or '：' is among the first 24 characters of the name, told without grapheme breaking:
    /// two ASCII bytes in a row (not CR LF) are always two characters, so the ASCII bytes that follow an
    /// ASCII byte (or start the text) count characters from below. Decoration bytes are not counted: the
    /// `Character` test drops decoration and bidi controls before the name, so its 24 characters start at
    /// the first character that is neither, and every counted byte lies at or after that start.
    static func noColonInFirstCharacters(_ b: UnsafeBufferPointer<UInt8>, from lo: Int) -> Bool {
        var characters = 0
        var k = lo
        while k < b.count {
            if b[k] == 0x3A || (b[k] == 0xEF && k + 2 < b.count && b[k + 1] == 0xBC && b[k + 2] == 0x9A) {
                return false
            }
            let decoration = b[k] == 0x2A || b[k] == 0x5F || b[k] == 0x20 || b[k] == 0x09
            if b[k] < 0x80 && !decoration && (k == lo || (b[k - 1] < 0x80 && !(b[k - 1] == 0x0D && b[k] == 0x0A))) {
                characters += 1
                if characters >= 24 { return true }
            }
            k += 1
        }
        return true
    }

    /// `field` on `Character`s: the reference, and the path for lines the byte test leaves undecided.
    static func fieldCharacters(_ content: Substring) -> Field? {
        let s = content.drop { $0 == "*" || $0 == "_" || $0 == " " || $0 == "\t" || isBidiControl($0) }
        guard let colon = s.prefix(24).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        var name = s[..<colon]
        // French Outlook writes "De :" with a (narrow) no-break space; such a name is never plain ASCII.
        while let last = name.last,
            last == "*" || last == " " || last == "_" || last == "\u{A0}" || last == "\u{202F}" || isBidiControl(last)
        {
            name = name.dropLast()
        }
        let plainName = name.contains(where: isBidiControl) ? String(name.filter { !isBidiControl($0) }) : String(name)
        guard let field = fields[plainName.lowercased()] else { return nil }
        let value = s[s.index(after: colon)...].drop { $0 == "*" || $0 == " " || $0 == "\t" }
        return value.isEmpty && field != .cc && field != .to ? nil : field
    }
}

extension StringProtocol {
    /// `needle` occurs in `self` (a byte search: the standard library has no substring search, and
    /// Foundation's `contains` is slow on hot paths).
    func hasSubstring(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        let h = Array(utf8)
        guard !n.isEmpty, h.count >= n.count else { return n.isEmpty }
        for i in 0...(h.count - n.count) where h[i] == n[0] && h[i..<(i + n.count)].elementsEqual(n) { return true }
        return false
    }
}
