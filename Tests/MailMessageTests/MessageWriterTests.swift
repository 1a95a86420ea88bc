import Foundation
import Testing

@testable import MailMessage

@Suite("Message writer")
struct MessageWriterTests {
    static func simpleMessage() throws(MailError) -> OutgoingMessage {
        OutgoingMessage(
            from: try MailAddress("community@district.example.org", displayName: "Community Schools", field: "From"),
            to: [try MailAddress("partner@example.org", field: "To")],
            subject: "Weekly roster",
            date: Date(timeIntervalSince1970: 1_796_043_600),
            timeZone: TimeZone(identifier: "America/Chicago")!,
            messageID: "roster.1.2026-W49@district.example.org",
            body: .text("Hello\n"))
    }

    static func messages() throws -> [OutgoingMessage] {
        var withReplies = try simpleMessage()
        withReplies.inReplyTo = "reply.1@partner.example.org"
        withReplies.references = ["roster.1.2026-W49@district.example.org", "reply.1@partner.example.org"]
        var binary = try simpleMessage()
        binary.body = .multipart(
            "mixed",
            [
                .text(String(repeating: "Long line with trailing space and ümlauts ", count: 20) + " \n"),
                .attachment(
                    (0..<4000).map { UInt8(truncatingIfNeeded: $0 * 7) }, contentType: "application/octet-stream",
                    filename: String(repeating: "Überlänge Dateiname ", count: 8) + ".bin"),
            ])
        return [try simpleMessage(), withReplies, binary, try TestSupport.rosterMessage()]
    }

    @Test("CRLF only, 7-bit, no NUL, no line over 78 in these messages")
    func shape() throws {
        for message in try Self.messages() {
            let bytes = try MessageWriter.render(message, seed: "shape")
            #expect(TestSupport.onlyCRLF(bytes))
            #expect(bytes.allSatisfy { $0 < 0x80 && $0 != 0 })
            for line in TestSupport.lines(bytes) { #expect(line.count <= 78, "\(TestSupport.string(line))") }
        }
    }

    @Test("header order")
    func order() throws {
        var message = try TestSupport.rosterMessage()
        message.inReplyTo = "a@b.example"
        message.references = ["a@b.example"]
        let names = TestSupport.headers(try MessageWriter.render(message, seed: "o")).map(\.name)
        #expect(
            names == [
                "Date", "From", "To", "Cc", "Reply-To", "Subject", "Message-ID", "In-Reply-To", "References",
                "Auto-Submitted", "List-Id", "MIME-Version", "Content-Type",
            ])
    }

    @Test("exact bytes of a simple message")
    func exactSimple() throws {
        var message = try Self.simpleMessage()
        message.extraHeaders = [("Auto-Submitted", "auto-generated")]
        let text = TestSupport.string(try MessageWriter.render(message, seed: "s"))
        #expect(
            text == """
                Date: Mon, 30 Nov 2026 07:00:00 -0600\r
                From: Community Schools <community@district.example.org>\r
                To: partner@example.org\r
                Subject: Weekly roster\r
                Message-ID: <roster.1.2026-W49@district.example.org>\r
                Auto-Submitted: auto-generated\r
                MIME-Version: 1.0\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: 7bit\r
                \r
                Hello\r

                """)
    }

    @Test("same seed gives the same bytes; another seed other boundaries")
    func determinism() throws {
        let message = try TestSupport.rosterMessage()
        let a = try MessageWriter.render(message, seed: "site-12/2026-W49")
        let b = try MessageWriter.render(message, seed: "site-12/2026-W49")
        let c = try MessageWriter.render(message, seed: "site-13/2026-W49")
        #expect(a == b)
        #expect(a != c)
        #expect(boundaries(in: a) != boundaries(in: c))
    }

    private func boundaries(in bytes: [UInt8]) -> [String] {
        TestSupport.string(bytes).components(separatedBy: "boundary=\"").dropFirst()
            .compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    @Test("nested boundaries differ, start with =_, and occur only as delimiters")
    func boundaryUniqueness() throws {
        let bytes = try MessageWriter.render(try TestSupport.rosterMessage(), seed: "b")
        let found = boundaries(in: bytes)
        #expect(found.count == 2)
        #expect(Set(found).count == 2)
        let lines = TestSupport.lines(bytes).map(TestSupport.string)
        for boundary in found {
            #expect(boundary.hasPrefix("=_") && boundary.count <= 70)
            let uses = lines.filter { $0.contains("--" + boundary) }
            #expect(uses.allSatisfy { $0 == "--" + boundary || $0 == "--" + boundary + "--" })
            #expect(uses.filter { $0 == "--" + boundary + "--" }.count == 1)
        }
    }

    @Test("a boundary found in the content is changed")
    func boundaryCollision() throws {
        var message = try Self.simpleMessage()
        message.body = .multipart("alternative", [.text("one\n"), .text("two\n")])
        let first = try #require(boundaries(in: try MessageWriter.render(message, seed: "c")).first)
        message.body = .multipart("alternative", [.text("one\n--\(first)\n"), .text("--\(first)--\n")])
        let bytes = try MessageWriter.render(message, seed: "c")
        let second = try #require(boundaries(in: bytes).first)
        #expect(second != first)
        #expect(second.hasPrefix("=_"))
        let delimiters = TestSupport.lines(bytes).map(TestSupport.string).filter { $0.hasPrefix("--" + second) }
        #expect(delimiters == ["--" + second, "--" + second, "--" + second + "--"])
        #expect(!Boundary.contains(Array("x--\(first)y".utf8), Array("--\(second)".utf8)))
        #expect(Boundary.contains(Array("x\r\n--\(second)--".utf8), Array("--\(second)".utf8)))
    }

    @Test("parts: text as 7bit or quoted-printable, attachments as base64 with RFC 2231 filenames")
    func partHeaders() throws {
        let bytes = try MessageWriter.render(try TestSupport.rosterMessage(), seed: "p")
        let text = TestSupport.string(bytes).replacingOccurrences(of: "\r\n ", with: " ")
        #expect(text.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"))
        #expect(text.contains("Content-Type: text/html; charset=utf-8"))
        #expect(
            text.contains(
                "Content-Type: text/csv; charset=utf-8; name=\"roster-Munoz.csv\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n"
                    + "Content-Disposition: attachment; filename*=UTF-8''roster-Mu%C3%B1oz.csv\r\n"))
    }

    @Test("an empty multipart is refused")
    func emptyMultipart() throws {
        var message = try Self.simpleMessage()
        message.body = .multipart("mixed", [])
        let error = #expect(throws: MailError.self) { try MessageWriter.render(message, seed: "s") }
        #expect(error?.field == "Content-Type")
    }

    @Test(
        "attachment media types",
        arguments: [
            ("text/csv", true), ("application/pdf; name=x", true), ("csv", false), ("text/", false),
            ("multipart/mixed", false), ("text/csv; charset=utf-8", true), ("tëxt/csv", false),
        ])
    func mediaTypes(_ type: String, _ valid: Bool) throws {
        var message = try Self.simpleMessage()
        message.body = .attachment([1, 2, 3], contentType: type, filename: "a.bin")
        if valid {
            #expect(throws: Never.self) { try MessageWriter.render(message, seed: "s") }
        } else {
            #expect(throws: MailError.self) { try MessageWriter.render(message, seed: "s") }
        }
    }
}
