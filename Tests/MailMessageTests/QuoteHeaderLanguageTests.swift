import Testing

@testable import MailMessage

/// Quote headers in the languages partners and families answer in: one fixture per language, each as an
/// attribution above a '>' quote, as an attribution above a pasted original, and as a header block above one.
@Suite("Quote headers in many languages")
struct QuoteHeaderLanguageTests {
    static let own = "ADD 1000123"
    static let quotedRoster = "> Weekly roster for Lincoln Elementary\n> Reply with ADD 123456 or DROP 234567.\n"
    static let pastedRoster = "Weekly roster for Lincoln Elementary\nADD 123456\nDROP 234567\n\nCommunity Schools\n"

    @Test(arguments: QuoteHeaderFixture.all)
    func attributionIsRecognised(_ fixture: QuoteHeaderFixture) {
        #expect(QuoteHeaders.isAttribution(fixture.attribution))
        #expect(QuoteHeaders.isAttribution(fixture.attribution) == QuoteHeaders.fullIsAttribution(fixture.attribution))
    }

    @Test(arguments: QuoteHeaderFixture.all)
    func attributionAboveAQuoteIsCut(_ fixture: QuoteHeaderFixture) {
        let reply = "\(Self.own)\n\n\(fixture.attribution)\n\(Self.quotedRoster)"
        #expect(ReplyTrimmer.ownText(reply) == Self.own)
    }

    @Test(arguments: QuoteHeaderFixture.all)
    func attributionAboveAPastedOriginalIsCut(_ fixture: QuoteHeaderFixture) {
        let reply = "\(Self.own)\n\n\(fixture.attribution)\n\n\(Self.pastedRoster)"
        #expect(ReplyTrimmer.ownText(reply) == Self.own)
    }

    @Test(arguments: QuoteHeaderFixture.all)
    func headerBlockAboveAPastedOriginalIsCut(_ fixture: QuoteHeaderFixture) {
        let block = fixture.headerBlock.joined(separator: "\n")
        #expect(ReplyTrimmer.ownText("\(Self.own)\n\n\(block)\n\n\(Self.pastedRoster)") == Self.own)
        // Bold labels (Outlook's HTML part turned into text) and a rule above the block.
        let bold = fixture.headerBlock.map { line in
            guard let colon = line.firstIndex(where: { $0 == ":" }) else { return line }
            return "*" + line[..<colon] + ":*" + line[line.index(after: colon)...]
        }
        let ruled =
            "\(Self.own)\n\n________________________________\n\(bold.joined(separator: "\n"))\n\n\(Self.pastedRoster)"
        #expect(ReplyTrimmer.ownText(ruled) == Self.own)
    }

    @Test(arguments: QuoteHeaderFixture.all)
    func everyHeaderLineIsAField(_ fixture: QuoteHeaderFixture) {
        for line in fixture.headerBlock {
            #expect(QuoteHeaders.field(Substring(line)) != nil, "\(line)")
        }
    }

    /// Lines in those languages that only look like headers stay the partner's words.
    @Test(arguments: [
        "De: parte de la escuela, ADD 1000123",
        "Para: Ana, la lista está bien.\nGracias",
        "To: 4th grade\nADD 1000123",
        "من: المدرسة\nADD 1000123",
        "Kutoka: shule ya msingi\nKwa: mwalimu Ana\nADD 1000123",
        "Od: pondělí přidejte prosím 1000123",
        "Тема: новый ученик 1000123",
        "Vào thứ Hai, học sinh mới sẽ đến lúc 8:00.",
        "В понедельник добавьте ученика 1000123, пожалуйста.",
        "在星期一请添加学生 1000123。",
        "Den nye elev skrev til os:\nADD 1000123",
        "Am Montag schrieb die Lehrerin:\nADD 1000123",
        "Maria Lopez a écrit une lettre.\nADD 1000123",
        "Ana <ana@partner.org>\nADD 1000123",
        "Mnamo Jumatatu, mwanafunzi mpya anakuja.\nADD 1000123",
        "ADD 1000123\nAsunto: cambio de grado\nGracias",
        "في الاثنين أضيفوا الطالب 1000123 من فضلكم.",
    ])
    func keepsLookalikes(_ input: String) {
        #expect(ReplyTrimmer.ownText(input) == input)
    }

    @Test(arguments: [
        "-------- Mensaje original --------", "-------- Thư gốc --------", "-------- الرسالة الأصليَّة --------",
        "-----Ursprüngliche Nachricht-----", "---------- Přeposlaná zpráva ---------", "-------- 原始邮件 --------",
        "-----Исходное сообщение-----", "Inicio del mensaje reenviado:", "-------- Оригінальне повідомлення --------",
        "--------- 원본 메시지 ---------", "\u{200F}-------- الرسالة الأصلية --------",
    ])
    func markerIsRecognised(_ line: String) {
        #expect(QuoteHeaders.isForwardMarker(Substring(line)))
        #expect(ReplyTrimmer.ownText("\(Self.own)\n\n\(line)\n\(Self.pastedRoster)") == Self.own)
    }

    /// No name is given to two different fields by two languages (the table keeps the first).
    @Test func fieldNamesAreUnambiguous() {
        var seen: [String: (QuoteHeaders.Field, String)] = [:]
        for language in QuoteHeaderLanguage.all {
            let columns: [(KeyPath<QuoteHeaderLanguage, [String]>, QuoteHeaders.Field)] = [
                (\.from, .from), (\.date, .date), (\.to, .to), (\.cc, .cc), (\.subject, .subject),
                (\.replyTo, .replyTo),
            ]
            for (column, field) in columns {
                for name in language[keyPath: column] {
                    let key = name.lowercased()
                    if let (other, code) = seen[key] {
                        #expect(other == field, "\(name): \(code) and \(language.code)")
                    } else {
                        seen[key] = (field, language.code)
                    }
                }
            }
        }
    }

    @Test func everyFixtureLanguageIsInTheTable() {
        let codes = Set(QuoteHeaderLanguage.all.map(\.code))
        for fixture in QuoteHeaderFixture.all {
            let base = String(fixture.code.prefix { $0 != "-" })
            let table = ["bs": "hr", "zh": "zh", "sr": "sr"][base] ?? base
            #expect(codes.contains(table), "\(fixture.code)")
        }
    }
}
