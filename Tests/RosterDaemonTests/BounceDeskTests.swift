import Foundation
import Logging
import MailMessage
import Roster
import RosterStore
import Testing

@testable import RosterDaemon

/// The bounce desk against a real store (`DeskFixture`: this week's rosters composed, then accepted by the
/// "relay" here): what a permanent failure changes, and the reports that must change nothing.
@Suite("bounce desk: permanent failures bounce a message once; forged, unknown and delay reports change nothing")
struct BounceDeskTests {
    static let verp = "delivery:\n  verp: true\n"

    /// Marks every queued message accepted by the relay at `f.now`.
    static func sendAll(_ f: DeskFixture, at now: Date? = nil) throws {
        let at = now ?? f.now
        while let m = try f.store.claimNextDue(now: at) {
            try f.store.recordResult(
                id: m.id, .accepted(reply: "250 2.0.0 queued"), giveUpAt: at.addingTimeInterval(86_400), now: at)
        }
    }

    static func dana(_ f: DeskFixture) throws -> OutboxMessage {
        try #require(
            try f.store.outboxMessages().first { $0.kind == "roster" && $0.recipient == "dana@readup.example" })
    }

    /// A Postfix-style DSN about `original` (its Message-ID in the returned headers), sent to `to`.
    static func dsn(
        id: String = "dsn1@relay.riverbend.example", to: String = "community.schools@riverbend.example",
        recipient: String = "dana@readup.example", original: String, action: String = "failed",
        status: String = "5.1.1", diagnostic: String = "smtp; 550 5.1.1 <dana@readup.example>: user unknown"
    ) -> [UInt8] {
        let text = """
            Return-Path: <>
            From: MAILER-DAEMON@relay.riverbend.example (Mail Delivery System)
            To: \(to)
            Subject: Undelivered Mail Returned to Sender
            Auto-Submitted: auto-replied
            Message-ID: <\(id)>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Your message could not be delivered.

            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; relay.riverbend.example

            Final-Recipient: rfc822; \(recipient)
            Action: \(action)
            Status: \(status)
            Diagnostic-Code: \(diagnostic)

            --b
            Content-Type: text/rfc822-headers

            From: Riverbend Community Schools <community.schools@riverbend.example>
            To: \(recipient)
            Message-ID: <\(original)>

            --b--

            """
        return Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    func alerts(_ f: DeskFixture) throws -> [OutboxMessage] {
        try f.store.outboxMessages().filter { $0.kind.hasPrefix("alert.bounce") }
    }

    @Test("a permanent failure bounces the message with the remote reply, marks the contact and alerts once")
    func bounces() throws {
        let f = try DeskFixture()
        try Self.sendAll(f)
        let m = try Self.dana(f)
        let o = try f.desk.handle(Self.dsn(original: m.messageID), source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied, "\(o)")
        #expect(o.reason.contains("550 5.1.1 <dana@readup.example>: user unknown"))
        let rows = try f.store.outboxSummaries(states: [.bounced])
        #expect(rows.map { $0[0] } == [String(m.id)])
        #expect(rows.first?[8] == "550 5.1.1 <dana@readup.example>: user unknown")
        let marked = try UndeliverableContacts.current(store: f.store, directory: f.config.directory, now: f.now)
        #expect(marked.map(\.email) == ["dana@readup.example"])
        let sent = try alerts(f)
        #expect(Set(sent.map(\.recipient)) == ["csc101@riverbend.example", f.config.adminAddress])
        let text = String(decoding: sent[0].bytes, as: UTF8.self)
        #expect(text.contains("dana@readup.example") && text.contains("550 5.1.1"))
        #expect(try f.store.bounceRecords().map(\.matchedBy) == [.messageID])

        // The same report again (a re-fetch, an MTA retry): nothing new.
        let again = try f.desk.handle(Self.dsn(original: m.messageID), source: .init(kind: "ingest"), now: f.now)
        #expect(again.alreadyRecorded)
        #expect(try f.store.bounceRecords().count == 1)

        // Another report about the same message: recorded, nothing changes, no second alert.
        let second = try f.desk.handle(
            Self.dsn(id: "dsn2@relay.riverbend.example", original: m.messageID), source: .init(kind: "ingest"),
            now: f.now)
        #expect(second.reason.contains("already bounced"))
        #expect(try f.store.bounceRecords().map(\.effect) == [.bounced, .alreadyBounced])
        #expect(try alerts(f).count == 2)
    }

    @Test("the CSC and admin are told once per contact, not once per bounced message")
    func oncePerContact() throws {
        let f = try DeskFixture()
        try Self.sendAll(f)
        let m = try Self.dana(f)
        _ = try f.desk.handle(Self.dsn(original: m.messageID), source: .init(kind: "ingest"), now: f.now)
        // A later message to the same contact (a confirmation) bounces too, within the day.
        let later = ComposedEmail(
            siteID: "readup-tut-101", week: f.week, recipient: "dana@readup.example",
            messageID: "confirm.test.1@riverbend.example",
            bytes: Array("Subject: x\r\nMessage-ID: <confirm.test.1@riverbend.example>\r\n\r\nhi\r\n".utf8))
        try f.store.enqueue([later], kind: "confirmation", now: f.now)
        try Self.sendAll(f)
        let o = try f.desk.handle(
            Self.dsn(id: "dsn3@relay.riverbend.example", original: later.messageID), source: .init(kind: "ingest"),
            now: f.now.addingTimeInterval(600))
        #expect(o.state == .applied)
        #expect(try f.store.outboxSummaries(states: [.bounced]).count == 2)
        #expect(try alerts(f).count == 2, "still one alert pair for dana")
    }

    @Test("the mark ends when partners.yaml changes the contact or a later message is delivered")
    func markClears() throws {
        let f = try DeskFixture()
        try Self.sendAll(f)
        let m = try Self.dana(f)
        _ = try f.desk.handle(Self.dsn(original: m.messageID), source: .init(kind: "ingest"), now: f.now)
        var edited = f.config.directory
        edited.partners[0].programs[0].sites[0].contacts[0].email = "dana.reyes@readup.example"
        #expect(try UndeliverableContacts.current(store: f.store, directory: edited, now: f.now).isEmpty)
        #expect(try UndeliverableContacts.current(store: f.store, directory: f.config.directory, now: f.now).count == 1)

        // Next week's message to dana is accepted by the relay; it counts as delivered 72 hours later.
        let next = ComposedEmail(
            siteID: "readup-tut-101", week: ISOWeek("2026-W50")!, recipient: "dana@readup.example",
            messageID: "roster.next@riverbend.example",
            bytes: Array("Subject: x\r\nMessage-ID: <roster.next@riverbend.example>\r\n\r\nhi\r\n".utf8))
        let sentAt = f.now.addingTimeInterval(7 * 86_400)
        try f.store.enqueue([next], now: sentAt)
        try Self.sendAll(f, at: sentAt)
        let dir = f.config.directory
        #expect(
            try UndeliverableContacts.current(store: f.store, directory: dir, now: sentAt.addingTimeInterval(3600))
                .count == 1)
        #expect(
            try UndeliverableContacts.current(store: f.store, directory: dir, now: sentAt.addingTimeInterval(73 * 3600))
                .isEmpty)
    }

    @Test("with VERP on, a report naming our Message-ID without a valid signed address is forged and changes nothing")
    func forged() throws {
        let f = try DeskFixture(extraYAML: Self.verp)
        #expect(f.config.delivery.verp)
        try Self.sendAll(f)
        let m = try Self.dana(f)
        for (n, to) in ["community.schools@riverbend.example", "bounces+\(m.id).aaaaaaaaaaaaaaaa@riverbend.example"]
            .enumerated()
        {
            let o = try f.desk.handle(
                Self.dsn(id: "forged\(n)@evil.example", to: to, original: m.messageID), source: .init(kind: "ingest"),
                now: f.now)
            #expect(o.state == .quarantined, "\(o)")
            #expect(o.destination == "Quarantine")
            #expect(o.reason.contains("forged bounce") && o.reason.contains(m.messageID))
        }
        #expect(try f.store.outboxSummaries(states: [.bounced]).isEmpty)
        #expect(try alerts(f).isEmpty)
        #expect(try UndeliverableContacts.current(store: f.store, directory: f.config.directory, now: f.now).isEmpty)
        #expect(try f.store.bounceRecords().map(\.effect) == [.forged, .forged])

        // The real bounce, to the message's signed address, applies.
        let address = BounceToken.sign(outboxID: m.id, secret: f.key).address(domain: "riverbend.example")
        let o = try f.desk.handle(
            Self.dsn(id: "real@relay.riverbend.example", to: address, original: "anything@else.example"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied, "\(o)")
        #expect(try f.store.outboxSummaries(states: [.bounced]).map { $0[0] } == [String(m.id)])
        #expect(try f.store.bounceRecords().last?.matchedBy == .verp)
    }

    @Test("through the MTA pipe: an empty envelope sender does not stop a report to the VERP envelope recipient")
    func pipedVERP() throws {
        let f = try DeskFixture(extraYAML: Self.verp)
        try Self.sendAll(f)
        let m = try Self.dana(f)
        let address = BounceToken.sign(outboxID: m.id, secret: f.key).address(domain: "riverbend.example")
        let o = try f.desk.handle(
            Self.dsn(original: "lost@relay.example"), source: .init(kind: "ingest"), envelopeSender: "",
            envelopeRecipient: address, now: f.now)
        #expect(o.state == .applied, "\(o)")
        #expect(try f.store.bounceRecords().map(\.matchedBy) == [.verp])
        #expect(try alerts(f).count == 2)
    }

    @Test("a report about another recipient of the message (a failed forward at the partner) is recorded only")
    func otherRecipient() throws {
        let f = try DeskFixture()
        try Self.sendAll(f)
        let m = try Self.dana(f)
        let o = try f.desk.handle(
            Self.dsn(recipient: "former.staff@readup.example", original: m.messageID), source: .init(kind: "ingest"),
            now: f.now)
        #expect(o.state == .ignored)
        #expect(o.reason.contains("<former.staff@readup.example>, not its recipient <dana@readup.example>"))
        #expect(try f.store.outboxSummaries(states: [.bounced]).isEmpty)
        #expect(try alerts(f).isEmpty)
        #expect(try f.store.bounceRecords().map(\.effect) == [.notice])
    }

    @Test("a report about a message we never sent is recorded as ignored with the reason")
    func unknownMessage() throws {
        let f = try DeskFixture()
        try Self.sendAll(f)
        let o = try f.desk.handle(
            Self.dsn(original: "roster.never@riverbend.example"), source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .ignored)
        #expect(o.reason.contains("never sent") && o.reason.contains("roster.never@riverbend.example"))
        #expect(try f.store.outboxSummaries(states: [.bounced]).isEmpty)
        #expect(try alerts(f).isEmpty)
        #expect(try f.store.bounceRecords().map(\.effect) == [.unknownMessage])
    }

    @Test("a delay notice is recorded only")
    func delay() throws {
        let f = try DeskFixture()
        try Self.sendAll(f)
        let m = try Self.dana(f)
        let o = try f.desk.handle(
            Self.dsn(
                original: m.messageID, action: "delayed", status: "4.4.1",
                diagnostic: "X-Postfix; connect to mx.readup.example[203.0.113.25]:25: Connection timed out"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .ignored)
        #expect(o.reason.contains("delay notice"))
        #expect(try f.store.outboxSummaries(states: [.sent]).contains { $0[0] == String(m.id) })
        #expect(try alerts(f).isEmpty)
        #expect(try f.store.bounceRecords().map(\.effect) == [.delay])
        #expect(try UndeliverableContacts.current(store: f.store, directory: f.config.directory, now: f.now).isEmpty)
    }

    @Test("a replayed report (another message reusing a recorded report's Message-ID) does nothing")
    func replay() throws {
        let f = try DeskFixture()
        try Self.sendAll(f)
        let m = try Self.dana(f)
        let imap = { (uid: UInt32) in InboxSource(kind: "imap", mailbox: "imaps://mail/INBOX", uidValidity: 7, uid: uid)
        }
        _ = try f.desk.handle(
            Self.dsn(original: m.messageID, action: "delayed", status: "4.4.1", diagnostic: "smtp; 451 try later"),
            source: imap(1), now: f.now)
        // Through the MTA pipe the same Message-ID is an MTA retry: already recorded.
        let piped = try f.desk.handle(Self.dsn(original: m.messageID), source: .init(kind: "ingest"), now: f.now)
        #expect(piped.alreadyRecorded)
        // In the mailbox, another message with that Message-ID is a replay: quarantined.
        let o = try f.desk.handle(Self.dsn(original: m.messageID), source: imap(2), now: f.now)
        #expect(o.state == .quarantined)
        #expect(o.reason.contains("already processed"))
        #expect(try f.store.outboxSummaries(states: [.bounced]).isEmpty)
        #expect(try f.store.bounceRecords().count == 1)
        #expect(try alerts(f).isEmpty)
    }

    @Test("mail to the bounce address that is no report is ignored; a partner's reply still reaches the roster desk")
    func notReports() throws {
        let f = try DeskFixture(extraYAML: Self.verp)
        try Self.sendAll(f)
        let ooo = """
            From: Dana Reyes <dana@readup.example>
            To: bounces+1.aaaaaaaaaaaaaaaa@riverbend.example
            Subject: Out of office
            Message-ID: <ooo1@readup.example>

            I am away.
            """
        let o = try f.desk.handle(Array(ooo.utf8), source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .ignored && o.reason.contains("not a delivery report"))
        let r = try f.desk.handle(try f.reply(body: "ADD 100006"), source: .init(kind: "ingest"), now: f.now)
        #expect(r.state == .applied && r.applied == 1)
        #expect(try f.store.bounceRecords().isEmpty)
    }
}
