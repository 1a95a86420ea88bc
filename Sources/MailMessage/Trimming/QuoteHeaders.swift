/// Recognisers for the lines that introduce quoted history: attributions ("On … wrote:", "El … escribió:",
/// "Am … schrieb …:", Gmail's "2016-03-03 17:21 GMT+01:00 Name"), forward and original-message markers, and
/// the header fields of Outlook-style blocks ("From:/Sent:/To:/Subject:" in several languages).
enum QuoteHeaders {

    // MARK: Attributions

    /// Verbs that end an attribution ("…, Maria <m@x.org> wrote:").
    private static let endingVerbs = [
        "wrote", "writes", "said", "says", "a écrit", "a ecrit", "nous a dit", "schrieb", "geschrieben",
        "schreef", "het volgende geschreven", "ha scritto", "escribió", "escribio", "escreveu", "napisał(a)",
        "napisał", "napisała", "napisal", "написал(а)", "написал", "написала", "пише", "писал", "skrev",
        "kirjoitti", "写道", "寫道", "a scris", "yazdı", "escrigué",
    ]
    /// Verbs followed by a date ("Max <m@x> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:").
    private static let innerVerbs = ["schrieb", "skrev", "schreef", "wrote", "escribió", "escreveu", "napisał"]
    /// First words of a multi-line attribution.
    static let openers: Set<String> = [
        "on", "le", "am", "el", "em", "il", "op", "den", "dnia", "dňa", "at", "in", "date", "在", "w", "в",
    ]
    private static let maxOpenerLength = openers.map(\.utf8.count).max() ?? 0

    /// True when `text` (one attribution, its lines joined by spaces) introduces a quote.
    static func isAttribution(_ text: String) -> Bool {
        if cannotBeAttribution(text) { return false }
        return fullIsAttribution(text)
    }

    /// `isAttribution` without the byte-level rejection (the reference the fast path is tested against).
    static func fullIsAttribution(_ text: String) -> Bool {
        // Cheap rejection first: every form ends with a colon, "wrote ----", or starts with a date.
        guard let lastChar = text.last(where: { $0 != " " && $0 != "*" && $0 != "\u{A0}" }) else { return false }
        guard lastChar == ":" || lastChar == "：" || lastChar == "-" || lastChar == ">" || text.first?.isNumber == true
        else { return false }
        let decoration: Set<Character> = [" ", "\t", "-", "*", "_", ">", "\u{A0}"]
        let trimmedStart = text.drop { decoration.contains($0) }
        var core = Substring(trimmedStart)
        while let last = core.last, decoration.contains(last) { core = core.dropLast() }
        guard core.count >= 6, core.count <= 400 else { return false }
        let endsWithColon = core.last == ":" || core.last == "："
        let decorated = text.hasSuffix("--") || text.hasSuffix("-- ")
        while let last = core.last, ":： .\u{A0}".contains(last) { core = core.dropLast() }
        let lower = core.lowercased()
        let hasAddress = lower.utf8.contains(UInt8(ascii: "@"))
        let hasDigit = lower.contains { $0.isNumber }
        if endsWithColon || decorated {
            for verb in endingVerbs where lower.hasSuffix(verb) {
                let before = lower.dropLast(verb.count).last
                if before == nil || !(before!.isLetter) { return hasAddress || hasDigit }
            }
        }
        if endsWithColon && hasAddress && hasDigit {
            let words = Set(lower.split { !$0.isLetter && $0 != "ł" }.map(String.init))
            if innerVerbs.contains(where: words.contains) { return true }
        }
        return isDateFirst(lower, endsWithColon: endsWithColon)
    }

    /// A byte-level rejection (`false` means "ask the full test"), exact by the rules of `isAttribution`:
    /// - plain ASCII without an '@' or a digit: every rule needs one of them;
    /// - no final ':' (after the decoration) and no final "--": only the date-first rule is left, and it
    ///   needs "dddd-d" or "dddd/d" right after the leading decoration.
    /// The decoration is trimmed on bytes; where a combining mark could join a decoration character to its
    /// neighbour (the byte next to the trimmed run is not ASCII) the answer is "ask the full test".
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
            if (lo > 0 && b[lo] >= 0x80) || b[hi - 1] >= 0x80 || b[hi - 1] == 0x3A { return false }
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
        let s = content.drop { $0 == "-" || $0 == " " || $0 == "*" || $0 == ">" }
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
    /// "dňa").
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
        if end < n && b[end] >= 0x80 && (isOpener || word.hasPrefix("d")) { return .undecided }
        return .decided(isOpener)
    }

    // MARK: Forward markers

    private static let markers: Set<String> = [
        "original message", "forwarded message", "begin forwarded message", "reply message", "forwarded email",
        "mensaje original", "mensaje reenviado", "inicio del mensaje reenviado", "correo reenviado",
        "ursprüngliche nachricht", "weitergeleitete nachricht", "message d'origine", "message original",
        "message transféré", "début du message transféré", "messaggio originale", "messaggio inoltrato",
        "mensagem original", "mensagem encaminhada", "oorspronkelijk bericht", "doorgestuurd bericht",
        "originalmeddelande", "vidarebefordrat meddelande", "opprinnelig melding", "videresendt melding",
        "oryginalna wiadomość", "przekazana wiadomość", "исходное сообщение", "пересылаемое сообщение",
        "原始邮件", "转发的邮件", "原始郵件",
    ]

    /// "-----Original Message-----", "---------- Forwarded message ---------", "Begin forwarded message:", …
    static func isForwardMarker(_ content: Substring) -> Bool {
        guard content.utf8.count <= 160, content.last == ":" || hasDoubleDash(content) else { return false }
        var core = content.drop { markerDecoration.contains($0) }
        while let last = core.last, markerDecoration.contains(last) { core = core.dropLast() }
        return markers.contains(core.lowercased())
    }

    private static let markerDecoration: Set<Character> = ["-", "*", "_", " ", ":", "=", "\t"]

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

    private static let fields: [String: Field] = [
        "from": .from, "de": .from, "von": .from, "van": .from, "da": .from, "fra": .from, "från": .from,
        "od": .from, "от": .from, "kimden": .from, "lähettäjä": .from, "发件人": .from, "寄件者": .from,
        "expéditeur": .from, "remitente": .from,
        "sent": .date, "date": .date, "sendt": .date, "skickat": .date, "gesendet": .date, "datum": .date,
        "data": .date, "enviado": .date, "enviada": .date, "enviada em": .date, "envoyé": .date, "fecha": .date,
        "verzonden": .date, "wysłano": .date, "дата": .date, "отправлено": .date, "发送时间": .date,
        "日期": .date, "sent at": .date,
        "to": .to, "à": .to, "a": .to, "an": .to, "aan": .to, "para": .to, "til": .to, "till": .to, "do": .to,
        "кому": .to, "收件人": .to, "destinataire": .to,
        "cc": .cc, "kopie": .cc, "copia": .cc, "cópia": .cc, "kopia": .cc, "копия": .cc, "抄送": .cc,
        "subject": .subject, "objet": .subject, "betreff": .subject, "onderwerp": .subject, "oggetto": .subject,
        "asunto": .subject, "assunto": .subject, "emne": .subject, "ämne": .subject, "temat": .subject,
        "тема": .subject, "主题": .subject, "主旨": .subject,
        "reply-to": .replyTo, "risposta": .replyTo, "répondre à": .replyTo, "responder a": .replyTo,
        "antwort an": .replyTo, "beantwoorden - aan": .replyTo,
    ]

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

    /// True when no ':' or '：' is among the first 24 characters from `lo`, told without grapheme breaking:
    /// two ASCII bytes in a row (not CR LF) are always two characters, so the ASCII bytes that follow an
    /// ASCII byte (or start the text) count characters from below.
    static func noColonInFirstCharacters(_ b: UnsafeBufferPointer<UInt8>, from lo: Int) -> Bool {
        var characters = 0
        var k = lo
        while k < b.count {
            if b[k] == 0x3A || (b[k] == 0xEF && k + 2 < b.count && b[k + 1] == 0xBC && b[k + 2] == 0x9A) {
                return false
            }
            if b[k] < 0x80 && (k == lo || (b[k - 1] < 0x80 && !(b[k - 1] == 0x0D && b[k] == 0x0A))) {
                characters += 1
                if characters >= 24 { return true }
            }
            k += 1
        }
        return true
    }

    /// `field` on `Character`s: the reference, and the path for lines the byte test leaves undecided.
    static func fieldCharacters(_ content: Substring) -> Field? {
        let s = content.drop { $0 == "*" || $0 == "_" || $0 == " " || $0 == "\t" }
        guard let colon = s.prefix(24).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        var name = s[..<colon]
        while let last = name.last, last == "*" || last == " " || last == "_" { name = name.dropLast() }
        guard let field = fields[name.lowercased()] else { return nil }
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
