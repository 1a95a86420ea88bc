import Testing

@testable import MailMessage

/// The byte-level fast paths agree with the `Character` / scalar code they stand in for.
@Suite("Byte fast paths: same answers as the Character code")
struct FastPathTests {
    /// Lines around the edges of the fast paths: non-ASCII next to trimmed blanks, combining marks after a
    /// blank or a decoration, CR LF, no-break and zero-width spaces, a BOM, empty and blank-only lines.
    static let edgeLines: [String] = [
        "", " ", "\t", "\u{A0}", "\u{200B}", "\u{FEFF}", " \u{A0}\u{200B}\u{FEFF}\t ", "ADD 123456",
        "  ADD 123456  ", "\u{A0}José\u{A0}", " \u{301}x", "x \u{301}", "\u{301} x ", " é ", "é", " \u{A0}é",
        "a\u{A0}", "\u{FEFF}On Mon, Dec 1, 2025 wrote:", "-- ", "--", "> quoted", "  > quoted  ", "Ⅻ test",
        "\u{0600} ", " \u{200D}", "\u{1F44D}\u{200D} ", "日本語 ", "ｆｕｌｌ：", "a\r", "\r", "x\r\ny",
    ]

    @Test(arguments: edgeLines)
    func trimmingBlanksMatchesCharacterTrim(_ line: String) {
        let s = Substring(line)
        #expect(ReplyLines.trimmingBlanks(s) == ReplyLines.slowTrimmingBlanks(s))
    }

    @Test(arguments: [
        ("", [""]), ("a", ["a"]), ("a\n", ["a", ""]), ("a\r\nb", ["a", "b"]), ("a\rb", ["a", "b"]),
        ("a\r\r\nb", ["a", "", "b"]), ("\r\n\r\n", ["", "", ""]), ("é\r\nñ\n日本", ["é", "ñ", "日本"]),
        ("x\u{301}\ny", ["x\u{301}", "y"]), ("\n\u{301}", ["", "\u{301}"]),
    ])
    func splitsOnEveryLineEnd(_ text: String, _ lines: [String]) {
        #expect(TextLines.split(text).map(String.init) == lines)
    }

    @Test(arguments: ["", "abc", "a\r\nb\rc\n", "\r", "é\r\n", "\r\r\n\n", "日本\r語"])
    func normalizesLineEndsLikeTheScalarLoop(_ text: String) {
        var expected = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\r" {
                expected.append("\n")
            } else if !(scalar == "\n" && previousCR) {
                expected.append(scalar)
            }
        }
        #expect(TextLines.normalizingLineEnds(text) == String(expected))
    }

    /// The rejection may only say "no" where the full test says "no".
    @Test(
        arguments: edgeLines + [
            "On Mon, Dec 1, 2025 at 8:00 AM Schools <r@d.org> wrote:", "El lun, 1 dic 2025, Ana <a@b.org> escribió:",
            "2016-03-03 17:21 GMT+01:00 Some One <a@b.org>:", "2013/7/20 Name <a@b.org>", "- 2013/7/20 Name <a@b.org>",
            "\u{A0}2013/7/20 Name <a@b.org>", "1033326\tCamila Hernández\t8\tyes", "2026-11-30 Ana <a@b.org>",
            "Maria <m@x.org> schrieb am Fr., 28. Apr. 2017 um 11:53 Uhr:", "No longer in your program:",
            "On 12/1/26 9:14 AM, Ana wrote: --", "On 12/1/26 9:14 AM, Ana wrote -- ", "Ana a écrit :",
            "Le 1 déc. 2025 à 08:00, Ana <a@b.org> a écrit :", "在 2025年12月1日，Ana <a@b.org> 写道：",
            "To: Zoe Núñez <c@p.org> Subject: Club", "From: Schools <r@d.org>", "１２３４-5 wrote:",
            "2026-\u{301}11 x <a@b.org>", ">> 2016-03-03 17:21 GMT+01:00 A:", "Ana <a@b.org> wrote:\u{301}",
        ])
    func attributionRejectionIsSound(_ text: String) {
        if QuoteHeaders.cannotBeAttribution(text) { #expect(!QuoteHeaders.fullIsAttribution(text)) }
        #expect(QuoteHeaders.isAttribution(text) == QuoteHeaders.fullIsAttribution(text))
    }

    @Test func attributionsStillRecognised() {
        #expect(QuoteHeaders.isAttribution("On Mon, Dec 1, 2025 at 8:00 AM Schools <r@d.org> wrote:"))
        #expect(QuoteHeaders.isAttribution("2016-03-03 17:21 GMT+01:00 Some One <a@b.org>:"))
        #expect(!QuoteHeaders.cannotBeAttribution("2013/7/20 Name <a@b.org>"))
        #expect(QuoteHeaders.cannotBeAttribution("1033326\tCamila Hernández\t8\tyes"))
    }

    @Test(arguments: [
        "", "on Monday", "On", "- 2026", "-2026 x", "* 4th grade", "> El lunes", "Date: x", "dnia 1", "daté",
        "Le 1", "w dniu", "Name <a@b.org>", "@x", "<x", "Olivia", "ONLY", "On\u{A0}Monday", "dňa 1", "dn\u{30C}a 1",
        "Sofía", "- \u{301}1", "-\u{301} 1", "1\u{301} x", "On", "on", "d", "Ava Chávez (student no. 1)", "в 2026",
        "在 2026年", "Ángel", "1033326\tCamila Hernández", "- 1033326 Camila", "* 4th grade é", "El mié, 13 dic",
    ])
    func opensAttributionBytesMatchCharacterTest(_ line: String) {
        for variant in [line, line + "é", "é" + line, line + " Sofía", line + "\u{301}x", line + "\u{A0}x"] {
            let s = Substring(variant)
            if case .decided(let opens) = s.withUTF8Bytes(QuoteHeaders.opensAttributionOnBytes) {
                #expect(opens == QuoteHeaders.opensAttributionCharacters(s), "\(variant)")
            }
            #expect(QuoteHeaders.opensAttribution(s) == QuoteHeaders.opensAttributionCharacters(s), "\(variant)")
        }
    }

    /// Every language's attribution and header lines, the table's openers, markers and field names, each
    /// plain and with the edges the byte paths must leave undecided: a bidi mark first or last, a combining
    /// mark after the first word, a no-break space, decoration before.
    static let languageLines: [String] = {
        let fixtures = QuoteHeaderFixture.all.flatMap { [$0.attribution] + $0.headerBlock }
        var table: [String] = []
        for language in QuoteHeaderLanguage.all {
            table += language.openers.map { "\($0) 1. 12. 2025 08:00" }
            table += language.markers.map { "-------- \($0) --------" }
            let names: [String] = language.from + language.date + language.to + language.cc + language.subject
            table += names.map { "\($0): x" }
        }
        let base = fixtures + table
        return base.flatMap { line in
            [
                line, "\u{200F}" + line, line + "\u{200F}", "- " + line, "*" + line, "\u{A0}" + line,
                line.replacingFirstSpace(with: "\u{301} "), line.replacingFirstSpace(with: "\u{A0}"),
                "\u{200E}" + line.replacingFirstSpace(with: " \u{202B}"),
            ]
        }
    }()

    @Test func languageLinesAgreeOnEveryPath() {
        for line in Self.languageLines {
            if QuoteHeaders.cannotBeAttribution(line) { #expect(!QuoteHeaders.fullIsAttribution(line), "\(line)") }
            #expect(QuoteHeaders.isAttribution(line) == QuoteHeaders.fullIsAttribution(line), "\(line)")
            let s = Substring(line)
            if case .decided(let opens) = s.withUTF8Bytes(QuoteHeaders.opensAttributionOnBytes) {
                #expect(opens == QuoteHeaders.opensAttributionCharacters(s), "\(line)")
            }
            if case .decided(let field) = s.withUTF8Bytes(QuoteHeaders.fieldOnBytes) {
                #expect(field == QuoteHeaders.fieldCharacters(s), "\(line)")
            }
            #expect(QuoteHeaders.field(s) == QuoteHeaders.fieldCharacters(s), "\(line)")
        }
    }

    /// Lines that start with ASCII letters and run into bytes that are not ASCII, against every opener's
    /// initial ("vào", "dňa" decomposed, "Den\u{301}"), and decoration runs before a late colon.
    @Test func openerAndFieldEdgesAgree() {
        var lines: [String] = []
        for opener in QuoteHeaders.openers {
            lines += [opener, opener + "\u{301}", opener + " 1", String(opener.prefix(1)) + "é 1", opener.uppercased()]
        }
        // Decomposed openers: the ASCII letters before the combining mark are a prefix of no opener's bytes.
        for decomposed in ["dn\u{30C}a 1", "va\u{300}o 1", "Va\u{300}o lu\u{301}c", "a\u{300}s 8:00", "dn\u{30C}a"] {
            lines.append(decomposed)
        }
        lines += [
            "\u{200F}" + String(repeating: "*", count: 30) + "From: x", String(repeating: "* ", count: 20) + "De: x",
            "\u{200F}" + String(repeating: "_", count: 26) + "Od: x", "é" + String(repeating: " ", count: 30) + "a: x",
            "From\u{A0}: Ana", "De\u{202F}: Ana", "\u{200F}من\u{200F}: x", "Asunto\u{A0}:", "Ana\u{200F}: x",
        ]
        for line in lines {
            let s = Substring(line)
            if case .decided(let opens) = s.withUTF8Bytes(QuoteHeaders.opensAttributionOnBytes) {
                #expect(opens == QuoteHeaders.opensAttributionCharacters(s), "\(line)")
            }
            #expect(QuoteHeaders.opensAttribution(s) == QuoteHeaders.opensAttributionCharacters(s), "\(line)")
            if case .decided(let field) = s.withUTF8Bytes(QuoteHeaders.fieldOnBytes) {
                #expect(field == QuoteHeaders.fieldCharacters(s), "\(line)")
            }
        }
    }

    static let commandLines: [String] = [
        "ADD 123456", "add: Maria Lopez", "- please drop Maria Lopez", "2) Agregar José Muñoz, grado 4",
        "(3) remove 123456", "#4 drop x", "1. add", "ADD", "add ", "add -", "Buenos días,", "Añadir 123456",
        "añadir 123456", "por favor dar de baja a Sofía", "Por favor quitar a José", "please  pls add 1",
        "kindly remove: Ana", "DROP\t123456", "drop123456", "a\u{301}dd 123", "add\u{301} 123", "add é",
        "add \u{301}", "Eliminar a Núñez", "Alta: Ángel", "baja", "Baja de Inés", "addé 1", "ADD 1\r\n",
        String(repeating: "x", count: 79) + "é add 1", "- " + String(repeating: " ", count: 78) + "add 1",
        String(repeating: "-", count: 77) + "add 1", "plz drop José", "favor de quitar é", "  *  add Ana",
    ]

    @Test(arguments: commandLines)
    func commandBytesAgreeWithCharacters(_ line: String) {
        let s = Substring(line)
        if let fast = s.withUTF8Bytes(CommandLines.isCommandOnBytes) {
            #expect(fast == CommandLines.isCommandCharacters(s))
        }
        #expect(CommandLines.isCommand(s) == (CommandLines.isCommandCharacters(s) && Self.passesFirstTest(s)))
    }

    /// `isCommand`'s cheap first test, restated.
    static func passesFirstTest(_ s: Substring) -> Bool {
        guard let first = s.utf8.first(where: { (0x61...0x7A).contains($0 | 0x20) || $0 >= 0x80 }) else {
            return false
        }
        return first >= 0x80 || "adrqebpkfADRQEBPKF".utf8.contains(first)
    }

    @Test(
        arguments: commandLines + edgeLines + [
            ">", "> x", "JD> quoted", "JDX> q", "ABCD> not", "Jd> no", "--", "-- ", "____", "***", "- -", "-",
            "Sent from my iPhone", "Sent from my desk, is much easier", "Get Outlook for iOS", "from mobile", "x phone",
        ])
    func classifyASCIIAgreesWithCharacters(_ line: String) {
        let s = Substring(line)
        if !s.isEmpty && s.isPlainASCII { #expect(ReplyLines.classifyASCII(s) == ReplyLines.classifyCharacters(s)) }
        #expect(ReplyLines.classify(s) == ReplyLines.classifyCharacters(s))
    }

    @Test(
        arguments: edgeLines + [
            "From: Ana <a@b.org>", "*From:* Ana", "__Sent:__ Monday", "To:", "Subject:", "Subject: ", "Cc:  ",
            "De: Ana", "Enviado: lunes", "Para: Ana", "Asunto: Lista", "Från: Ana", "Expéditeur: Ana", "发件人：Ana",
            "From：Ana", "From:\u{301} Ana", "From \u{301}: Ana", "Répondre à: Ana", "Reply-To: a@b.org",
            "abcdefghijklmnopqrstuvwx: y", "abcdefghijklmnopqrstuvw: y", "abcdefghijklmnopqrstuvwé: y", "Note: x",
            "  *From*  :  Ana", "From: *", "From:", "*", "é: x", "Date: 2026-12-01",
            "- Sofía Davis (student no. 1000123, grade 4, release on file: yes)", "Sofía: x",
            "é é é é é é é é é é é é: x",
            "éabcdefghijklmnopqrstuvw: x", "éabcdefghijklmnopqrstuvwx: x", "éabcdefghijklmnopqrstuvwxy: x",
            "Asunto：Lista semanal de José", "日本語日本語日本語日本語日本語日本語日本語日本語：x",
            "é" + String(repeating: "\u{301}", count: 30) + "abcdefghijklmnopqrstuvwxyz: x",
        ])
    func fieldBytesAgreeWithCharacters(_ line: String) {
        let s = Substring(line)
        if case .decided(let field) = s.withUTF8Bytes(QuoteHeaders.fieldOnBytes) {
            #expect(field == QuoteHeaders.fieldCharacters(s))
        }
        #expect(QuoteHeaders.field(s) == QuoteHeaders.fieldCharacters(s))
    }

    @Test(
        arguments: commandLines + edgeLines + [
            "Sent from my iPhone", "Sent from my [iPhone](https://apple.com)", "<https://example.org/x> from mobile",
            "  [Get Outlook for iOS]  ", "Sent  from\tmy   Android.", "-- Sent via Gmail --", "<a b> c", "<short>",
        ])
    func simplifiedASCIIAgreesWithScalars(_ line: String) {
        let s = Substring(line)
        if s.isPlainASCII {
            #expect(s.withUTF8Bytes(MobileSignatures.simplifiedASCII) == MobileSignatures.simplifiedScalars(s))
        }
    }

    @Test func htmlNamesAndCaseAsBefore() {
        for c in ["a", "Z", "0", "9", "-", "é", "Ω", "_", "K", "\u{212A}"].flatMap(\.unicodeScalars) {
            #expect(HTMLText.Converter.isNameCharacter(c) == (c.properties.isAlphabetic || ("0"..."9").contains(c)))
            for d in ["k", "K", "\u{212A}", "a", "é"].flatMap(\.unicodeScalars) {
                #expect(
                    HTMLText.Converter.sameIgnoringCase(c, d)
                        == (c.properties.lowercaseMapping == d.properties.lowercaseMapping))
            }
        }
    }

    /// The first test of `isSignature` may only say "no" where the rules say "no".
    @Test(
        arguments: edgeLines + commandLines + [
            "Ángel Wilson", "- Ángel Wilson (student no. 1, grade 4)", "¡Gracias!", "Élodie from mobile.",
            "Érica PHONE",
            "Отправлено с iPhone", "отправлено с моего", "Надіслано з iPhone", "发自我的iPhone", "從我的 iPhone", "寄自我的 iPad",
            "\u{A0}Sent from my iPhone", "<https://x.example/y>Отправлено с", "[Ó](x) from mobile", "* Óscar", "(Ñ)",
            "Envoyé de mon iPhone", "Från min iPhone", "Wysłane z iPhone", "Sent from my iPhone", "Get Outlook for iOS",
            "Von meinem iPhone gesendet", "iPhoneから送信", "\u{212A}x", "İnviato da iPhone", "-- \u{301}sent",
        ])
    func signatureFirstTestIsSound(_ line: String) {
        let s = Substring(line)
        if !MobileSignatures.mayBeSignature(s) { #expect(!MobileSignatures.matchesRules(s)) }
    }

    @Test(arguments: commandLines + edgeLines + ["(é) add 123", "#—add 1", " \u{A0}add 1", "• add 123", "·drop 1"])
    func commandFirstTestIsSound(_ line: String) {
        let s = Substring(line)
        if !CommandLines.isCommand(s) { #expect(!CommandLines.isCommandCharacters(s)) }
    }

    @Test(arguments: edgeLines + ["```", "```swift", "``", "```\u{301}", "````", "```é", " ```"])
    func fenceTestMatchesHasPrefix(_ line: String) {
        #expect(ReplyLines.startsWithFence(Substring(line)) == line.hasPrefix("```"))
    }

    @Test func singleByteCharsetsDecodeEveryByte() {
        let bytes = (0...255).map { UInt8($0) }
        for name in ["windows-1252", "iso-8859-1", "iso-8859-2", "iso-8859-7", "koi8-r", "windows-1251"] {
            let table =
                name == "windows-1252" || name == "iso-8859-1"
                ? Charset.windows1252 : CharsetTables.upperHalves[name]!
            var expected = String.UnicodeScalarView()
            for b in bytes {
                let value = b < 0x80 ? UInt32(b) : UInt32(table[Int(b) - 0x80])
                expected.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            }
            #expect(Charset.decode(bytes, canonical: name) == String(expected), "\(name)")
        }
    }

    @Test(arguments: [
        ("", ""), ("=", ""), ("a=\r\nb", "ab"), ("a =\n", "a "), ("x=3D=3d=ZZ", "x===ZZ"), ("tail  \r\nx", "tail\r\nx"),
        ("  ", ""), ("=C3=A9 ", "é"), ("a\t=\t\nb", "a\tb"),
    ])
    func quotedPrintableOnEveryPath(_ text: String, _ decoded: String) {
        let bytes = Array(text.utf8)
        #expect(TransferDecoding.quotedPrintable(bytes) == Array(decoded.utf8))
        #expect(TransferDecoding.quotedPrintable(bytes[...]) == Array(decoded.utf8))
        #expect(TransferDecoding.quotedPrintable(AnySequenceOfBytes(bytes)) == Array(decoded.utf8))
    }

    /// Long inputs, so that the eight-byte runs meet every special byte at every offset.
    @Test func quotedPrintableRunsAgreeWithByteDecoding() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab =\t\r\n3D".utf8) + [0xC3, 0xA9]
        for _ in 0..<300 {
            let input = (0..<Int.random(in: 0...80, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            #expect(TransferDecoding.quotedPrintable(input) == Self.referenceQuotedPrintable(input), "\(input)")
        }
    }

    /// The decoder one byte at a time, as it was before the eight-byte runs.
    static func referenceQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x3D {
                var j = i + 1
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                if j == n {
                    i = j
                    continue
                }
                if bytes[j] == 0x0A || (bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A) {
                    i = bytes[j] == 0x0A ? j + 1 : j + 2
                    continue
                }
                if i + 2 < n, let hi = TransferDecoding.hex(bytes[i + 1]), let lo = TransferDecoding.hex(bytes[i + 2]) {
                    out.append(hi << 4 | lo)
                    i += 3
                    continue
                }
                out.append(b)
                i += 1
            } else if b == 0x20 || b == 0x09 {
                var j = i
                while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                let atLineEnd = j == n || bytes[j] == 0x0A || (bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A)
                if !atLineEnd { out.append(contentsOf: bytes[i..<j]) }
                i = j
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    @Test func lineEndsAtEveryOffset() {
        /// The byte-at-a-time scan, as before the eight-byte skip.
        func reference(_ bytes: [UInt8], from start: Int, end: Int) -> (contentEnd: Int, next: Int) {
            var i = start
            while i < end {
                if bytes[i] == 0x0A { return (i > start && bytes[i - 1] == 0x0D ? i - 1 : i, i + 1) }
                i += 1
            }
            return (end, end)
        }
        for length in 0..<40 {
            for lf in [-1] + Array(0..<length) {
                var bytes = [UInt8](repeating: 0x61, count: length)
                if lf >= 0 { bytes[lf] = 0x0A }
                if lf > 0 { bytes[lf - 1] = 0x0D }
                for start in 0...length {
                    for end in start...length {
                        #expect(
                            HeaderSection.lineEnd(bytes, from: start, end: end)
                                == reference(bytes, from: start, end: end))
                    }
                }
            }
        }
    }

    @Test func byteWordFindsEveryByte() {
        for position in 0..<8 {
            for value in [UInt8(0x00), 0x0A, 0x3D, 0x80, 0xFF] {
                var bytes = [UInt8](repeating: value == 0x41 ? 0x42 : 0x41, count: 8)
                bytes[position] = value
                bytes.withUnsafeBufferPointer { b in
                    let word = ByteWord.load(b, at: 0)
                    #expect(ByteWord.contains(word, value))
                    #expect(!ByteWord.contains(word, 0x42) || value == 0x42)
                    #expect(word >> (8 * UInt64(position)) & 0xFF == UInt64(value))
                }
            }
        }
    }

    /// A collection without contiguous storage, for the copying path.
    struct AnySequenceOfBytes: Collection {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var startIndex: Int { 0 }
        var endIndex: Int { bytes.count }
        func index(after i: Int) -> Int { i + 1 }
        subscript(i: Int) -> UInt8 { bytes[i] }
    }
}

extension String {
    /// `self` with its first space replaced (or `self` when it has none).
    fileprivate func replacingFirstSpace(with replacement: String) -> String {
        guard let space = firstIndex(of: " ") else { return self }
        return self[..<space] + replacement + self[index(after: space)...]
    }
}
