import Foundation
import Testing

@testable import MailMessage

/// Every place a caller's text reaches a header, with the field its error must name.
enum InjectionSite: String, CaseIterable, Sendable {
    case subject, fromDisplayName, toDisplayName, toAddress, ccAddress, replyToAddress
    case messageID, inReplyTo, references, extraHeaderValue, extraHeaderName
    case attachmentFilename, attachmentContentType, textSubtype, multipartSubtype

    var expected: (field: String, code: MailError.Code) {
        switch self {
        case .subject: ("Subject", .invalidHeaderValue)
        case .fromDisplayName: ("From display name", .invalidHeaderValue)
        case .toDisplayName: ("To display name", .invalidHeaderValue)
        case .toAddress: ("To", .invalidAddress)
        case .ccAddress: ("Cc", .invalidAddress)
        case .replyToAddress: ("Reply-To", .invalidAddress)
        case .messageID: ("Message-ID", .invalidMessageID)
        case .inReplyTo: ("In-Reply-To", .invalidMessageID)
        case .references: ("References", .invalidMessageID)
        case .extraHeaderValue: ("List-Id", .invalidHeaderValue)
        case .extraHeaderName: ("extra header name", .invalidHeaderName)
        case .attachmentFilename: ("Content-Disposition filename", .invalidHeaderValue)
        case .attachmentContentType, .textSubtype, .multipartSubtype: ("Content-Type", .invalidHeaderValue)
        }
    }

    /// Builds and renders a message with `bad` placed at this site.
    func render(_ bad: String) throws(MailError) -> [UInt8] {
        var message = try MessageWriterTests.simpleMessage()
        switch self {
        case .subject: message.subject = "Roster" + bad + "Bcc: x@evil.example"
        case .fromDisplayName: message.from = try MailAddress("a@example.org", displayName: "A" + bad, field: "From")
        case .toDisplayName: message.to = [try MailAddress("b@example.org", displayName: "B" + bad, field: "To")]
        case .toAddress: message.to = [try MailAddress("b@example.org" + bad, field: "To")]
        case .ccAddress: message.cc = [try MailAddress("c@example.org" + bad + "x", field: "Cc")]
        case .replyToAddress: message.replyTo = [try MailAddress(bad + "r@example.org", field: "Reply-To")]
        case .messageID: message.messageID = "id" + bad + "@example.org"
        case .inReplyTo: message.inReplyTo = "id@example.org" + bad
        case .references: message.references = ["ok@example.org", "id@exa" + bad + "mple.org"]
        case .extraHeaderValue: message.extraHeaders = [("List-Id", "Roster mail" + bad + "<r.example.org>")]
        case .extraHeaderName: message.extraHeaders = [("X-Roster" + bad + "Bcc", "value")]
        case .attachmentFilename:
            message.body = .multipart(
                "mixed", [.text("hi"), .attachment([1], contentType: "text/csv", filename: "r" + bad + ".csv")])
        case .attachmentContentType:
            message.body = .attachment([1], contentType: "text/csv" + bad, filename: "r.csv")
        case .textSubtype: message.body = .text("hi", subtype: "plain" + bad)
        case .multipartSubtype: message.body = .multipart("mixed" + bad, [.text("hi")])
        }
        return try MessageWriter.render(message, seed: "s")
    }
}

@Suite("CR, LF and NUL injection")
struct InjectionTests {
    @Test(
        "each field refuses CR, LF, CRLF and NUL, naming the field", arguments: InjectionSite.allCases,
        ["\r", "\n", "\r\n", "\0"])
    func refused(_ site: InjectionSite, _ bad: String) {
        let error = #expect(throws: MailError.self) { try site.render(bad) }
        #expect(error?.field == site.expected.field)
        #expect(error?.code == site.expected.code)
        let expectedWord = bad == "\0" ? "NUL" : "line break"
        #expect(error?.message.contains(expectedWord) == true, "\(String(describing: error))")
    }

    @Test("the same sites accept clean values", arguments: InjectionSite.allCases)
    func accepted(_ site: InjectionSite) throws {
        let clean: String =
            switch site {
            case .toAddress, .ccAddress, .replyToAddress, .messageID, .inReplyTo, .references: ""
            case .extraHeaderName, .attachmentContentType, .textSubtype, .multipartSubtype: ""
            default: " "
            }
        let bytes = try site.render(clean)
        #expect(TestSupport.onlyCRLF(bytes))
    }

    @Test(
        "other bad header names and message ids",
        arguments: [
            ("Content-Type", "extra header name"), ("bcc", "extra header name"), ("X Bad", "extra header name"),
            ("X:Bad", "extra header name"), ("", "extra header name"), ("Résumé", "extra header name"),
        ])
    func badHeaderNames(_ name: String, _ field: String) throws {
        var message = try MessageWriterTests.simpleMessage()
        message.extraHeaders = [(name, "v")]
        let error = #expect(throws: MailError.self) { try MessageWriter.render(message, seed: "s") }
        #expect(error?.field == field)
        #expect(error?.code == .invalidHeaderName)
    }

    @Test(
        "message ids",
        arguments: [
            ("<a@example.org>", false), ("a@example.org", true), ("a b@example.org", false), ("a@b@example.org", false),
            ("@example.org", false), ("a@", false), ("a..b@example.org", false), ("é@example.org", false),
            ("roster.12.2026-W49.3.ab+c@district.example.org", true),
        ])
    func messageIDs(_ id: String, _ valid: Bool) throws {
        var message = try MessageWriterTests.simpleMessage()
        message.messageID = id
        if valid {
            let bytes = try MessageWriter.render(message, seed: "s")
            #expect(TestSupport.header("Message-ID", in: bytes) == "<\(id)>")
        } else {
            let error = #expect(throws: MailError.self) { try MessageWriter.render(message, seed: "s") }
            #expect(error?.field == "Message-ID")
            #expect(error?.code == .invalidMessageID)
        }
    }
}
