import Foundation
import MailMessage
import Roster
import RosterStore
import Testing

@testable import RosterDaemon

@Suite("reply desk against a real store: authorized replies apply once; hostile input changes nothing")
struct ReplyDeskTests {
    @Test("an authorized reply applies its changes, records them, and queues one confirmation")
    func applies() throws {
        let f = try DeskFixture()
        let before = try f.participationCount()
        let o = try f.desk.handle(
            try f.reply(body: "Hi,\nADD 100006\nDROP 100002\nThanks"), source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied && o.applied == 2 && o.confirmed)
        #expect(try f.onRoster("100006"))
        #expect(!(try f.onRoster("100002")))
        #expect(try f.participationCount() == before + 1)
        let confirmation = try #require(try f.store.outboxMessages().first { $0.kind == "confirmation" })
        let text = String(decoding: confirmation.bytes, as: UTF8.self)
        #expect(text.contains("In-Reply-To: <r1@readup.example>"))
        #expect(text.contains("Auto-Submitted: auto-replied"))
        // The same message again (an MTA retry): recorded already, nothing new.
        let again = try f.desk.handle(
            try f.reply(body: "Hi,\nADD 100006\nDROP 100002\nThanks"), source: .init(kind: "ingest"), now: f.now)
        #expect(again.alreadyRecorded)
        #expect(try f.store.outboxMessages().filter { $0.kind == "confirmation" }.count == 1)
        #expect(try f.store.replyCounts().changes == ["applied": 2])
    }

    @Test(
        "refused messages change nothing and are quarantined with a specific reason",
        arguments: [
            ("forged From", "the sender is not"), ("no token", "no reply token"), ("forged token", "does not verify"),
            ("expired token", "has expired"), ("another site's token", "not of the token's site"),
        ])
    func refused(kind: String, reason: String) throws {
        let f = try DeskFixture()
        let before = try f.participationCount()
        let body = "ADD 100006\nDROP 100001\n"
        let bytes: [UInt8]
        switch kind {
        case "forged From": bytes = try f.reply(from: "mallory@evil.example", body: body)
        case "no token": bytes = try f.reply(body: body, toAddress: "community.schools@riverbend.example")
        case "forged token":
            let t = f.token().text
            let forged = String(t.dropLast()) + (t.hasSuffix("a") ? "b" : "a")
            bytes = try f.reply(body: body, toAddress: "rosters+\(forged)@riverbend.example")
        case "expired token": bytes = try f.reply(body: body, token: f.token(week: ISOWeek("2026-W40")!))
        default: bytes = try f.reply(from: "sam@codeclub.example", body: body)  // Code Club's contact, ReadUp's token
        }
        let o = try f.desk.handle(bytes, source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .quarantined, "\(kind): \(o)")
        #expect(o.reason.contains(reason), "\(kind): \(o.reason)")
        #expect(o.destination == "Quarantine")
        #expect(try f.participationCount() == before)
        #expect(try f.onRoster("100001"))
        #expect(try f.store.outboxMessages().allSatisfy { $0.kind == "roster" }, "nothing is answered")
    }

    @Test("a valid token From the contact with our MTA's dmarc=fail is quarantined although require_dmarc is off")
    func dmarcFailQuarantined() throws {
        let f = try DeskFixture()
        #expect(!f.config.replies.requireDMARC)
        let before = try f.participationCount()
        let bytes = try f.reply(
            body: "DROP 100001\nADD 100006\n",
            headers: [
                (
                    "Authentication-Results",
                    "riverbend.example; spf=fail smtp.mailfrom=evil.example; dmarc=fail (p=none) header.from=readup.example"
                )
            ])
        let o = try f.desk.handle(bytes, source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .quarantined && o.destination == "Quarantine")
        #expect(o.reason.contains("dmarc=fail for readup.example"), "\(o.reason)")
        #expect(try f.participationCount() == before)
        #expect(try f.onRoster("100001") && !(try f.onRoster("100006")))
        #expect(try f.store.outboxMessages().allSatisfy { $0.kind == "roster" }, "nothing is answered")
    }

    @Test("a replayed Message-ID from another mailbox message is quarantined; the same message again is a no-op")
    func replay() throws {
        let f = try DeskFixture()
        let bytes = try f.reply(body: "DROP 100001\n", messageID: "same@readup.example")
        let first = try f.desk.handle(
            bytes, source: .init(kind: "imap", mailbox: "m", uidValidity: 7, uid: 1), now: f.now)
        #expect(first.state == .applied)
        let refetch = try f.desk.handle(
            bytes, source: .init(kind: "imap", mailbox: "m", uidValidity: 7, uid: 1), now: f.now)
        #expect(refetch.alreadyRecorded)
        let replayed = try f.desk.handle(
            try f.reply(body: "ADD 100001\n", messageID: "same@readup.example"),
            source: .init(kind: "imap", mailbox: "m", uidValidity: 7, uid: 2), now: f.now)
        #expect(replayed.state == .quarantined)
        #expect(replayed.reason.contains("already processed"))
        #expect(!(try f.onRoster("100001")))
    }

    @Test(
        "automatic mail is recorded as ignored and never answered",
        arguments: [
            [("Auto-Submitted", "auto-replied")], [("Precedence", "bulk")], [("X-Autoreply", "yes")],
            [("List-Id", "Some list <list.example>")],
        ])
    func automatic(headers: [(String, String)]) throws {
        let f = try DeskFixture()
        let o = try f.desk.handle(
            try f.reply(
                body: "I am out of the office.\nDROP 100001\n", headers: headers.map { (name: $0.0, value: $0.1) }),
            source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .ignored)
        #expect(try f.onRoster("100001"))
        #expect(try f.store.outboxMessages().allSatisfy { $0.kind == "roster" })
    }

    @Test(
        "hostile structure: each is refused with the limit named, fast, without a crash",
        arguments: ["size", "nesting", "header"])
    func limits(kind: String) throws {
        let f = try DeskFixture()
        let head =
            "From: dana@readup.example\r\nTo: \(f.token().replyAddress(f.config.district))\r\nMessage-ID: <h@x>\r\n"
        var bytes: [UInt8]
        switch kind {
        case "size":  // a 50 MB attachment
            bytes = Array(
                (head
                    + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nADD 100006\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .utf8)
            bytes += [UInt8](repeating: UInt8(ascii: "A"), count: 50 << 20)
        case "nesting":  // 1 000 nested multiparts
            var text = head
            for i in 0..<1000 { text += "Content-Type: multipart/mixed; boundary=b\(i)\r\n\r\n--b\(i)\r\n" }
            bytes = Array((text + "\r\nADD 100006\r\n").utf8)
        default:  // a 1 MB header
            bytes = Array((head + "X-Long: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\nADD 100006\r\n").utf8)
        }
        let start = Date()
        let o = try f.desk.handle(bytes, source: .init(kind: "ingest"), now: f.now)
        #expect(Date().timeIntervalSince(start) < 20)
        #expect(o.state == .quarantined)
        #expect(o.reason.hasPrefix("unreadable:"), "\(o.reason)")
        #expect(!(try f.onRoster("100006")))
    }

    @Test("broken encodings and NUL bytes: no crash; from a stranger they change nothing")
    func brokenEncodings() throws {
        let f = try DeskFixture()
        let to = f.token().replyAddress(f.config.district)
        let cases = [
            "From: mallory@evil.example\r\nTo: \(to)\r\nMessage-ID: <b64@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not*base64###\r\n",
            "From: mallory@evil.example\r\nTo: \(to)\r\nMessage-ID: <qp@x>\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nADD=ZZ=\r\n100006=0\r\n",
            "From: mallory@evil.example\0\r\nTo: \(to)\r\nMessage-ID: <nul@x>\r\n\r\nADD\0 100006\r\n",
        ]
        for text in cases {
            let o = try f.desk.handle(Array(text.utf8), source: .init(kind: "ingest"), now: f.now)
            #expect(o.state == .quarantined, "\(text.prefix(60))")
        }
        #expect(!(try f.onRoster("100006")))
        // From a real contact, a garbled body is read tolerantly and what is not understood is not applied.
        let garbled =
            "From: dana@readup.example\r\nTo: \(to)\r\nMessage-ID: <g@x>\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%%\r\n"
        let o = try f.desk.handle(Array(garbled.utf8), source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied && o.applied == 0)
    }

    @Test("a student of the school outside the partner's roster is never named to the partner")
    func neverLeak() throws {
        let f = try DeskFixture()
        // 100005 is on Code Club's roster, not ReadUp's: a DROP is refused without naming the student.
        let o = try f.desk.handle(
            try f.reply(body: "DROP 100005\nDROP Mei Chen\n"), source: .init(kind: "ingest"), now: f.now)
        #expect(o.applied == 0)
        let confirmation = try #require(try f.store.outboxMessages().first { $0.kind == "confirmation" })
        let parsed = try MessageParser.parse(confirmation.bytes)
        let text = ReplyBody.text(of: parsed)
        #expect(
            !text.contains("Chen") || text.contains("\"DROP Mei Chen\""),
            "the confirmation names a student outside the roster")
        #expect(!text.contains("Code Club"))
    }
}

@Suite("the CSC's daily review digest")
struct ReviewDigestTests {
    @Test("one email per school per day with the changes to review and the quarantined replies; a second run adds none")
    func digest() throws {
        let f = try DeskFixture()
        // An ambiguous name (two students at the school named Ana? no: an unknown name) and a forged sender.
        _ = try f.desk.handle(
            try f.reply(body: "ADD Nobody Known, grade 4\n", messageID: "x1@readup.example"),
            source: .init(kind: "ingest"), now: f.now)
        _ = try f.desk.handle(
            try f.reply(from: "mallory@evil.example", body: "DROP 100001\n", messageID: "x2@evil.example"),
            source: .init(kind: "ingest"), now: f.now)
        let day = CalendarDay(f.now, in: f.config.timeZone)
        let digest = ReviewDigest(config: f.config, store: f.store, logger: .init(label: "test"))
        #expect(try digest.compose(day: day, now: f.now) == 1)
        #expect(try digest.compose(day: day, now: f.now) == 0)
        let mail = try #require(try f.store.outboxMessages().first { $0.kind == "review" })
        #expect(mail.recipient == "csc101@riverbend.example")
        let text = ReplyBody.text(of: try MessageParser.parse(mail.bytes))
        #expect(text.contains("ADD Nobody Known, grade 4"))
        #expect(text.contains("mallory@evil.example"))
    }
}
