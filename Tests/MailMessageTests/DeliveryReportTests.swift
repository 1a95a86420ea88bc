import Foundation
import MailMessage
import Testing

/// Bounces as real servers write them (Tests/Fixtures/bounces: a DSN from a real Postfix 3.7, and
/// Exim, qmail, Exchange Online, Gmail and Postfix delay notices written after their servers' formats).
@Suite("delivery reports: RFC 3464 DSNs and plain-text bounces")
struct DeliveryReportTests {
    static let directory =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bounces").path

    static func report(_ name: String) throws -> DeliveryReport? {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
        return DeliveryReport.read(try MessageParser.parse(bytes))
    }

    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var format: DeliveryReport.Format
        var messageID: String?
        var recipient: String?
        var action: String?
        var status: String?
        var replyContains: String
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(
            file: "postfix-unknown-user.eml", format: .deliveryStatus, messageID: "x1@district.test",
            recipient: "nosuchuser@partner.test", action: "failed", status: "5.1.1",
            replyContains: "5.1.1 unknown user: \"nosuchuser\""),
        Case(
            file: "postfix-delayed.eml", format: .deliveryStatus,
            messageID: "roster.w202649-readup-tut-101.abcdefghijklmnop.0123456789abcdef@riverbend.example",
            recipient: "dana@readup.example", action: "delayed", status: "4.4.1", replyContains: "Connection timed out"),
        Case(
            file: "exchange-ndr.eml", format: .deliveryStatus,
            messageID: "roster.w202649-mentors-mnt-102.ghijklmnopqrstuv.1111222233334444@riverbend.example",
            recipient: "lee@mentors.example", action: "failed", status: "5.1.10",
            replyContains: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found"),
        Case(
            file: "gmail-dsn.eml", format: .deliveryStatus,
            messageID: "roster.w202649-readup-tut-101.abcdefghijklmnop.9999888877776666@riverbend.example",
            recipient: "readup.tutors@gmail.com", action: "failed", status: "5.1.1",
            replyContains: "550-5.1.1 The email account that you tried to reach does not exist"),
        Case(
            file: "exim-plain-failed.eml", format: .plainText,
            messageID: "roster.w202649-readup-tut-101.abcdefghijklmnop.0123456789abcdef@riverbend.example",
            recipient: "dana.old@readup.example", action: "failed", status: "5.1.1",
            replyContains: "550 5.1.1 <dana.old@readup.example>: Recipient address rejected: User unknown"),
        Case(
            file: "qmail-failure-notice.eml", format: .plainText,
            messageID: "roster.w202649-codeclub-clb-101.qrstuvwxyzabcdef.fedcba9876543210@riverbend.example",
            recipient: "sam@codeclub.example", action: "failed", status: "5.1.1",
            replyContains: "Sorry, no mailbox here by that name. (#5.1.1)"),
    ]

    @Test("each server's bounce gives the returned Message-ID, recipient, action, status and reply", arguments: cases)
    func reads(_ c: Case) throws {
        let report = try #require(try Self.report(c.file))
        #expect(report.format == c.format)
        #expect(report.originalMessageID == c.messageID)
        let r = try #require(report.recipients.first)
        #expect(r.finalRecipient == c.recipient)
        #expect(r.action == c.action)
        #expect(r.status == c.status)
        #expect(r.remoteReply?.contains(c.replyContains) == true, "\(r.remoteReply ?? "nil")")
        #expect(r.isPermanentFailure == (c.action == "failed"))
        #expect(r.isDelay == (c.action == "delayed"))
    }

    @Test("a DSN's per-message fields and the returned headers are read")
    func perMessageAndHeaders() throws {
        let postfix = try #require(try Self.report("postfix-unknown-user.eml"))
        #expect(postfix.reportingMTA == "relay.test")
        #expect(postfix.originalHeaders.contains { $0.name == "Subject" && $0.value == "roster" })
        let gmail = try #require(try Self.report("gmail-dsn.eml"))
        #expect(gmail.reportingMTA == "googlemail.com")
        #expect(gmail.recipients.first?.remoteMTA?.hasPrefix("gmail-smtp-in.l.google.com.") == true)
        // The returned message is multipart: its Message-ID comes from the attached message's own header.
        #expect(gmail.originalHeaders.contains { $0.name == "To" && $0.value.contains("readup.tutors@gmail.com") })
        let exchange = try #require(try Self.report("exchange-ndr.eml"))
        #expect(exchange.reportingMTA == "CH2PR12MB4101.namprd12.prod.outlook.com")
    }

    @Test("a person's message is no delivery report, even one that quotes a bounce's words")
    func notABounce() throws {
        let reply = """
            From: Dana Reyes <dana@readup.example>
            To: rosters+abc@riverbend.example
            Subject: Re: Undeliverable roster?
            Message-ID: <r9@readup.example>

            Our old address bounced last week with 550 5.1.1 user unknown; please use this one.
            """
        #expect(DeliveryReport.read(try MessageParser.parse(Array(reply.utf8))) == nil)
        let daemonWithoutEvidence = """
            From: MAILER-DAEMON@mx.example
            To: community.schools@riverbend.example
            Subject: Your mailbox is almost full
            Message-ID: <n1@mx.example>

            Please clean up.
            """
        #expect(DeliveryReport.read(try MessageParser.parse(Array(daemonWithoutEvidence.utf8))) == nil)
    }

    @Test("inspect shows the report; null for other mail")
    func inspect() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.directory + "/exchange-ndr.eml")))
        let json = InspectReport(try MessageParser.parse(bytes)).json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let report = try #require(object["delivery_report"] as? [String: Any])
        #expect(report["format"] as? String == "delivery-status")
        #expect(
            report["original_message_id"] as? String
                == "roster.w202649-mentors-mnt-102.ghijklmnopqrstuv.1111222233334444@riverbend.example")
        let recipients = try #require(report["recipients"] as? [[String: Any]])
        #expect(recipients.first?["status"] as? String == "5.1.10")
        #expect(recipients.first?["final_recipient"] as? String == "lee@mentors.example")
        #expect(recipients.first?.keys.contains("remote_mta") == true)
        let plain = InspectReport(try MessageParser.parse(Array("Subject: hi\n\nhello\n".utf8))).json()
        let other = try #require(try JSONSerialization.jsonObject(with: Data(plain.utf8)) as? [String: Any])
        #expect(other["delivery_report"] is NSNull)
    }
}
