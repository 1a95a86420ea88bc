import Testing

@testable import MailMessage

@Suite("MessageParser: structure, headers, limits")
struct MessageParserTests {
    @Test func multipartReplyHeadersAndParts() throws {
        let m = try ParserFixtures.parse(ParserFixtures.multipartReply)
        #expect(m.subject == "Re: Lista de alumnos — semana 49")
        #expect(m.from == [ParsedAddress(displayName: "José Muñoz", address: "jose@partner.example.org")])
        #expect(m.cc == [ParsedAddress(displayName: "Smith, Pat", address: "pat@lincoln.example.org")])
        #expect(m.messageID == "reply-1@partner.example.org")
        #expect(m.inReplyTo == "roster.12.2026-W49.3.abcdef@district.example.org")
        #expect(m.references == ["a@x", "roster.12.2026-W49.3.abcdef@district.example.org"])
        #expect(m.parts.map(\.contentType) == ["text/plain", "text/html", "text/csv", "text/plain"])
        #expect(m.parts[0].charset == "iso-8859-1")
        #expect(m.parts[0].text?.hasPrefix("ADD 123456\nDROP María López\n") == true)
        #expect(m.parts[1].text == "<p>Hola Jos&eacute;</p>")
        #expect(m.parts[2].disposition == "attachment")
        #expect(m.parts[2].filename == "roster-Muñoz.csv")
        #expect(m.parts[2].body == Array("student_number,action\n123456,add\n".utf8))
        #expect(m.parts[3].messageDepth == 1)
        #expect(m.parts[3].text == "Forwarded text.")
        #expect(m.defects.isEmpty)
        #expect(ReplyBody.ownText(of: m) == "ADD 123456\nDROP María López")
    }

    @Test func unfoldsHeadersAndKeepsOrder() throws {
        let m = try ParserFixtures.parse("Subject: one\n two\n\tthree\nX-A: 1\nx-a: 2\nFrom: a@b.org\n\nbody")
        #expect(m.header("subject") == "one two\tthree")
        #expect(m.headers(named: "X-A") == ["1", "2"])
        #expect(m.headers.map(\.name) == ["Subject", "X-A", "x-a", "From"])
        #expect(m.parts.first?.text == "body")
    }

    @Test func bareTextIsABody() throws {
        let text = "One: Here's what I've got.\n\n- a bullet\n"
        let m = try MessageParser.parse(Array(text.utf8))
        #expect(m.headers.isEmpty)
        #expect(m.parts.count == 1)
        #expect(m.parts[0].text == text)
        #expect(m.parts[0].charset == "us-ascii")
    }

    @Test func headerWithoutBlankLineStartsBody() throws {
        let m = try ParserFixtures.parse("From: a@b.org\nSubject: hi\nThis line is body\n")
        #expect(m.subject == "hi")
        #expect(m.parts[0].text == "This line is body\n")
    }

    @Test func missingFinalBoundaryAndPreamble() throws {
        let m = try ParserFixtures.parse(
            "From: a@b.org\nContent-Type: multipart/mixed; boundary=x\n\npreamble\n--x\n\nfirst\n--x\n\nsecond\n")
        #expect(m.parts.compactMap(\.text) == ["first", "second\n"])
        #expect(m.defects.contains { $0.contains("closing boundary") })
    }

    @Test func boundaryThatLies() throws {
        let m = try ParserFixtures.parse(
            "From: a@b.org\nContent-Type: multipart/mixed; boundary=declared\n\n--real\n\none\n--real\n\ntwo\n--real--\n"
        )
        #expect(m.parts.compactMap(\.text) == ["one", "two"])
        #expect(m.defects.contains { $0.contains("never occurs") })
    }

    @Test func multipartWithoutBoundaryLinesIsText() throws {
        let m = try ParserFixtures.parse("From: a@b.org\nContent-Type: multipart/mixed\n\njust text\n")
        #expect(m.parts.map(\.contentType) == ["text/plain"])
        #expect(m.parts[0].text == "just text\n")
    }

    @Test func boundaryWithTrailingBlanksAndNestedPrefix() throws {
        let m = try ParserFixtures.parse(
            """
            From: a@b.org
            Content-Type: multipart/mixed; boundary="ab"

            --ab  
            Content-Type: multipart/alternative; boundary="ab-1"

            --ab-1

            inner
            --ab-1--
            --ab
            Content-Type: text/plain

            outer
            --ab--
            """)
        #expect(m.parts.compactMap(\.text) == ["inner", "outer"])
    }

    @Test func digestPartsDefaultToMessages() throws {
        let m = try ParserFixtures.parse(
            "From: a@b.org\nContent-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d--\n")
        #expect(m.parts.first?.text == "first")
        #expect(m.parts.first?.messageDepth == 1)
    }

    @Test func base64AttachedMessage() throws {
        // "From: a@b.org\r\n\r\nhello" in base64.
        let m = try ParserFixtures.parse(
            "From: x@y.org\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nRnJvbTogYUBiLm9yZw0KDQpoZWxsbw==\n"
        )
        #expect(m.parts.first?.text == "hello")
    }

    @Test func unknownCharsetIsMarked() throws {
        let m = try ParserFixtures.parse("From: a@b.org\nContent-Type: text/plain; charset=x-klingon\n\nqapla'\n")
        #expect(m.parts[0].charset == "x-unknown:x-klingon")
        #expect(m.parts[0].text == "qapla'\n")
    }

    @Test func formatFlowedWithDelSp() throws {
        let m = try ParserFixtures.parse(
            "From: a@b.org\nContent-Type: text/plain; format=flowed; delsp=yes\n\nADD Jos\u{E9} Mu \nñoz\n>> quo \n>> ted\n"
        )
        #expect(m.parts[0].text == "ADD José Muñoz\n>> quoted\n")
    }

    @Test func nulBytesAndBinaryDoNotBreakParsing() throws {
        var bytes = ParserFixtures.crlf("From: a@b.org\nContent-Type: application/octet-stream\n\n")
        bytes += [0, 1, 2, 0xFF, 0, 0x0D, 0x0A, 0]
        let m = try MessageParser.parse(bytes)
        #expect(m.parts[0].body == [0, 1, 2, 0xFF, 0, 0x0D, 0x0A, 0])
        #expect(m.parts[0].text == nil)
    }
}
