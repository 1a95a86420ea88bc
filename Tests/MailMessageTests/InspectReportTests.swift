import Foundation
import Testing

@testable import MailMessage

@Suite("InspectReport: the JSON of `rostermail inspect`")
struct InspectReportTests {
    @Test func jsonShape() throws {
        let message = try ParserFixtures.parse(ParserFixtures.multipartReply)
        let json = InspectReport(message).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "subject", "from", "to", "cc", "message_id", "in_reply_to", "parts", "reply_text", "delivery_report",
            ])
        #expect(object["subject"] as? String == "Re: Lista de alumnos — semana 49")
        #expect(object["reply_text"] as? String == "ADD 123456\nDROP María López")
        let from = try #require(object["from"] as? [[String: Any]])
        #expect(from.first?["address"] as? String == "jose@partner.example.org")
        #expect(from.first?["name"] as? String == "José Muñoz")
        let parts = try #require(object["parts"] as? [[String: Any]])
        #expect(parts.count == 4)
        #expect(parts[0]["disposition"] is NSNull)
        #expect(parts[0]["filename"] is NSNull)
        #expect(parts[2]["filename"] as? String == "roster-Muñoz.csv")
        #expect(parts[2]["bytes"] as? Int == 33)
        #expect(Set(parts[0].keys) == ["content_type", "charset", "disposition", "filename", "bytes", "text"])
        #expect(json.contains("José Muñoz"))  // UTF-8 unescaped
        #expect(json.hasSuffix("}\n"))
    }

    @Test func binaryPartsHaveNoText() throws {
        let message = try ParserFixtures.parse(
            "From: a@b.org\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0=\n")
        let part = try #require(InspectReport(message).parts.first)
        #expect(part.text == nil)
        #expect(part.bytes == 5)
        #expect(part.charset == nil)
    }

    @Test func htmlOnlyReply() throws {
        let message = try ParserFixtures.parse(
            "From: a@b.org\nContent-Type: text/html; charset=utf-8\n\n<p>DROP 234567</p><blockquote>ADD 999999</blockquote>\n"
        )
        #expect(InspectReport(message).replyText == "DROP 234567")
    }
}
