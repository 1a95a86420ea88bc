import Testing

@testable import MailMessage

@Suite("ReplyTrimmer: the partner's own words")
struct ReplyTrimmerTests {
    static let roster = "> Weekly roster for Lincoln Elementary\n> Reply with ADD 123456 or DROP Maria Lopez.\n"

    @Test(arguments: [
        // Gmail, English, attribution wrapped over two lines.
        (
            "ADD 123456\n\nOn Mon, Dec 1, 2025 at 8:00 AM Community Schools <\nrosters@district.org> wrote:\n\n"
                + roster,
            "ADD 123456"
        ),
        // Gmail, Spanish.
        (
            "DROP 234567\n\nEl lun, 1 dic 2025 a las 8:00, Community Schools (<rosters@district.org>) escribió:\n"
                + roster,
            "DROP 234567"
        ),
        // Apple Mail, Spanish.
        (
            "Agregar a José Muñoz, grado 4\n\nEl 1 dic 2025, a las 8:00, Community Schools <r@d.org> escribió:\n\n"
                + roster,
            "Agregar a José Muñoz, grado 4"
        ),
        // Outlook desktop, English, bold headers after a rule.
        (
            "ADD 123456\n\n________________________________\n*From:* Community Schools <r@d.org>\n*Sent:* Monday, "
                + "December 1, 2025 8:00 AM\n*To:* Ana <ana@p.org>\n*Subject:* Weekly roster\n\nReply with ADD 999999\n",
            "ADD 123456"
        ),
        // Outlook desktop, Spanish, no rule.
        (
            "DROP Maria Lopez\nSaludos\n\nDe: Community Schools <r@d.org>\nEnviado: lunes, 1 de diciembre de 2025 8:00\n"
                + "Para: Ana <ana@p.org>\nAsunto: Lista semanal\n\nResponda con ADD 999999\n",
            "DROP Maria Lopez\nSaludos"
        ),
        // Outlook "Original Message" in Spanish.
        (
            "ADD 123456\n\n-----Mensaje original-----\nDe: Community Schools\nEnviado: lunes\nPara: Ana\nAsunto: Lista\n\nADD 999999",
            "ADD 123456"
        ),
        // Outlook web: the header block wraps ("Subject" on two lines) and has Cc.
        (
            "ADD 123456\n\nFrom: Community Schools <r@d.org>\nSent: Monday, December 1, 2025 8:00 AM\nTo: Ana\nCc: CSC\n"
                + "Subject: Weekly roster for Lincoln\nElementary\n\nADD 999999",
            "ADD 123456"
        ),
        // Thunderbird.
        ("DROP 234567\n\nOn 12/1/25 8:00 AM, Community Schools wrote:\n" + roster, "DROP 234567"),
        // Yahoo.
        (
            "ADD 123456\n\n    On Monday, December 1, 2025, 08:00:00 AM CST, Community Schools <r@d.org> wrote:  \n\n"
                + roster,
            "ADD 123456"
        ),
        // iPhone signature, English and Spanish.
        (
            "ADD 123456\n\nSent from my iPhone\n\nOn Dec 1, 2025, at 8:00 AM, Community Schools <r@d.org> wrote:\n\n"
                + roster,
            "ADD 123456"
        ),
        ("ADD 123456\n\nEnviado desde mi iPhone\n", "ADD 123456"),
        ("ADD 123456\nGet Outlook for iOS<https://aka.ms/o0ukef>\n", "ADD 123456"),
        // Usenet signature.
        ("DROP 234567\n-- \nAna Pérez\nBoys & Girls Club\n", "DROP 234567"),
        // '>' quotes without a space.
        ("ADD 123456\n\n>Reply with ADD 999999\n>thanks\n", "ADD 123456"),
        // An inline reply: the partner's text between quoted blocks survives, the trailing quote goes.
        (
            "On Mon, Dec 1, 2025 at 8:00 AM Community Schools <r@d.org> wrote:\n> Lincoln roster:\n\nADD 123456\n\n"
                + "> 234567 Maria Lopez\n\nDROP 234567\n\n> Thanks\n",
            "ADD 123456\n\n> 234567 Maria Lopez\n\nDROP 234567"
        ),
        // Only a quote: kept (an edited copy of the roster may be all there is).
        ("> 123456 José Muñoz 4\n> 234567 Maria Lopez 5 DROP\n", "> 123456 José Muñoz 4\n> 234567 Maria Lopez 5 DROP"),
        // Windows line ends and blank lines around.
        ("\r\n\r\nADD 123456\r\nDROP 234567\r\n\r\n", "ADD 123456\nDROP 234567"),
        ("", ""),
    ])
    func trims(input: String, expected: String) {
        #expect(ReplyTrimmer.ownText(input) == expected)
    }

    /// Command lines are never cut by the signature and delimiter rules.
    @Test(arguments: [
        ("Changes:\n---\nADD 123456\nDROP Maria Lopez\n", "Changes:\n---\nADD 123456\nDROP Maria Lopez"),
        ("Hi\n-- \nADD José Muñoz, grade 4\n", "Hi\n-- \nADD José Muñoz, grade 4"),
        ("ADD 123456\n-- \nAna\nDROP 234567\n-- \nAna\nCoordinator", "ADD 123456\n-- \nAna\nDROP 234567"),
        ("____\nDROP Maria Lopez", "____\nDROP Maria Lopez"),
        ("Sent from my iPhone\nADD 123456", "ADD 123456"),
        ("-Ana\nDROP Maria Lopez", "-Ana\nDROP Maria Lopez"),
        ("ADD 123456\n-DROP Maria Lopez", "ADD 123456\n-DROP Maria Lopez"),
        (
            "1. please add José Muñoz, 4th\n2) pls drop 234567.\n***\nAna",
            "1. please add José Muñoz, 4th\n2) pls drop 234567."
        ),
        ("* ADD 123456\n===\n• DROP 234567", "* ADD 123456\n===\n• DROP 234567"),
    ])
    func commandLinesAreNeverCut(input: String, expected: String) {
        #expect(ReplyTrimmer.ownText(input) == expected)
    }

    /// Lines that look like quote headers or signatures but are the partner's words stay.
    @Test(arguments: [
        "Sent from my desk, which is easier than my phone.",
        "Sent from a magnificent torch of pixels",
        "On Monday please add the new student.",
        "As Maria wrote:\nADD 123456",
        "From my side: ADD 123456",
        "This is not a ---------- delimiter.",
        "From: the front office\nADD 123456",
        "—Ana",
    ])
    func keepsLookalikes(input: String) {
        #expect(ReplyTrimmer.ownText(input) == input)
    }

    @Test func oneMegabyteLongQuoteTrimsCorrectly() {
        var text = "ADD 123456\nDROP Maria Lopez\n\nOn Mon, Dec 1, 2025 at 8:00 AM Community Schools <r@d.org> wrote:\n"
        while text.utf8.count < 1 << 20 { text += "> 123456 José Muñoz 4 yes — roster line with some padding text\n" }
        let clock = ContinuousClock()
        let start = clock.now
        let trimmed = ReplyTrimmer.ownText(text)
        print("trimmed a \(text.utf8.count)-byte long-quote reply in \(clock.now - start)")
        #expect(trimmed == "ADD 123456\nDROP Maria Lopez")
    }

    @Test func oneMegabyteOfUnquotedLookalikesTrimsCorrectly() {
        // Every line opens an attribution window that never closes: the windows stay bounded.
        var text = ""
        while text.utf8.count < 1 << 20 { text += "On 12/1 at 8:00 <x@y.org>\nFrom: a\nTo: b\n" }
        let clock = ContinuousClock()
        let start = clock.now
        let trimmed = ReplyTrimmer.ownText(text)
        print("trimmed a \(text.utf8.count)-byte look-alike reply in \(clock.now - start)")
        #expect(trimmed.utf8.count == text.utf8.count - 1)
    }
}
