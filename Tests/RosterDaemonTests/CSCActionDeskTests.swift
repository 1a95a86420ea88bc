import Foundation
import Logging
import MailMessage
import Roster
import RosterStore
import Testing

@testable import RosterDaemon

/// The CSC's actions by reply to the daily review digest, against a real store: Dana's reply leaves three lines
/// for review (item 1: Omar Haddad with the wrong grade, one candidate; item 2: an unknown number; item 3: Mei
/// Chen with the wrong grade), and Dana's reply from a personal address is quarantined (Q1).
@Suite("CSC actions by reply: APPLY, APPLY AS, REJECT, RELEASE, DISCARD on the numbered digest")
struct CSCActionDeskTests {
    static let csc = "csc101@riverbend.example"
    static let pass = (
        name: "Authentication-Results", value: "riverbend.example; dmarc=pass header.from=riverbend.example"
    )

    /// The fixture with the review items and the quarantined reply, and the digest of the day composed.
    static func setUp() throws -> (f: DeskFixture, digest: OutboxMessage, day: CalendarDay) {
        let f = try DeskFixture()
        let o = try f.desk.handle(
            try f.reply(body: "ADD Omar Haddad grade 5\nADD 100099\nADD Mei Chen grade 1\n"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(o.needsReview == 3, "\(o)")
        let personal = try f.desk.handle(
            try f.reply(from: "dana.reyes@gmail.example", body: "ADD 100007\n", messageID: "p1@gmail.example"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(personal.state == .quarantined)
        let day = CalendarDay(f.now, in: f.config.timeZone)
        let queued = try ReviewDigest(config: f.config, store: f.store, keys: [f.key], logger: Logger(label: "t"))
            .compose(day: day, now: f.now)
        #expect(queued == 1)
        let digest = try #require(try f.store.outboxMessages().first { $0.kind == "review" })
        return (f, digest, day)
    }

    /// The CSC's reply to the digest, quoting it as `client` does.
    static func reply(
        _ f: DeskFixture, digest: OutboxMessage, own: String, id: String, from: String = csc,
        client: ClientReply = .gmail, shape: ClientReply.Shape = .text, to: String? = nil
    ) throws -> [UInt8] {
        let original = try QuotedOriginal(bytes: digest.bytes)
        let parsed = try MessageParser.parse(digest.bytes)
        var m = OutgoingMessage(
            from: try MailAddress(from, displayName: "Morgan Díaz"),
            to: [try MailAddress(to ?? (try #require(parsed.replyTo.first?.address)))],
            subject: "Re: " + original.subject, date: f.now, timeZone: f.config.timeZone, messageID: id,
            body: client.body(own: own, original: original, shape: shape))
        m.inReplyTo = original.messageID
        m.references = [original.messageID]
        m.extraHeaders = [pass]
        return try MessageWriter.render(m, seed: id)
    }

    static func text(_ m: OutboxMessage) throws -> String {
        try MessageParser.parse(m.bytes).parts.compactMap { $0.isAttachment ? nil : $0.text }.joined()
    }

    @Test("the digest numbers its items, lists the candidates, and its reply address is signed for the school and day")
    func digestIsNumbered() throws {
        let (f, digest, day) = try Self.setUp()
        let text = try Self.text(digest)
        #expect(text.contains("\n1. ReadUp Tutoring") && text.contains("\n3. ReadUp Tutoring"))
        #expect(text.contains("candidate: Omar Haddad (student no. 100006"))
        #expect(text.contains("Q1. ") && text.contains("dana.reyes@gmail.example"))
        #expect(text.contains("APPLY 1 AS 1001234"))
        let replyTo = try #require(try MessageParser.parse(digest.bytes).replyTo.first?.address)
        let token = try #require(
            DigestToken.find(in: [replyTo], localPart: f.config.district.replyLocalPart, domain: "riverbend.example")
                .first)
        #expect(token.school == "101" && token.day == day && token.verifies(keys: [f.key]))
        #expect(!token.verifies(keys: [try ReplyTokenKey(text: String(repeating: "cd", count: 32))]))
    }

    @Test("APPLY, APPLY AS, REJECT and RELEASE in one reply: applied once, confirmed line by line, partners told")
    func actions() throws {
        let (f, digest, _) = try Self.setUp()
        #expect(try !f.onRoster("100006") && !f.onRoster("100005") && !f.onRoster("100007"))
        let o = try f.desk.handle(
            try Self.reply(
                f, digest: digest,
                own:
                    "APPLY 1\nREJECT 2 we have no student with that number\nAPLICAR 3 COMO 100005\nRELEASE Q1\n\nMorgan",
                id: "c1@riverbend.example"), source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied && o.applied == 4, "\(o.reason)")
        #expect(try f.onRoster("100006") && f.onRoster("100005"), "items 1 and 3 applied")
        #expect(try f.onRoster("100007"), "the released reply's ADD applied")
        let outbox = try f.store.outboxMessages()
        let confirmation = try #require(outbox.first { $0.recipient == Self.csc && $0.kind == "confirmation" })
        let lines = try Self.text(confirmation)
        #expect(lines.contains("line 1 (APPLY 1)") && lines.contains("applied: student 100006 added"))
        #expect(lines.contains("line 2 (REJECT 2") && lines.contains("rejected; the partner is told why"))
        #expect(lines.contains("student 100005 added"))
        #expect(lines.contains("reply Q1 from dana.reyes@gmail.example released: 1 applied"))
        // Dana is told what the CSC decided about her lines.
        let followUp = try #require(
            outbox.first {
                $0.recipient == "dana@readup.example"
                    && String(decoding: $0.bytes, as: UTF8.self).contains("csc-follow-up")
            })
        let told = try Self.text(followUp)
        #expect(told.contains("applied, student no. 100006 added"))
        #expect(told.contains("not applied: we have no student with that number"))
        #expect(try MessageParser.parse(followUp.bytes).inReplyTo == "r1@readup.example")
        // The released reply got the usual confirmation.
        #expect(outbox.contains { $0.recipient == "dana.reyes@gmail.example" && $0.kind == "confirmation" })

        // The same message again: nothing more. A new reply naming the same items: told they were dealt with.
        let before = try f.store.outboxMessages().count
        let replay = try f.desk.handle(
            try Self.reply(f, digest: digest, own: "APPLY 1\n", id: "c1@riverbend.example"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(replay.alreadyRecorded)
        let again = try f.desk.handle(
            try Self.reply(f, digest: digest, own: "APPLY 1\nRELEASE Q1\n", id: "c2@riverbend.example"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(again.applied == 0 && again.reason.contains("dealt with already"), "\(again.reason)")
        #expect(try f.store.outboxMessages().count == before + 1, "only the CSC's confirmation")
    }

    @Test("wrong items and candidates change nothing and say why; DISCARD drops a refused reply")
    func refusedLines() throws {
        let (f, digest, _) = try Self.setUp()
        let before = try f.participationCount()
        let o = try f.desk.handle(
            try Self.reply(
                f, digest: digest, own: "APPLY 3 AS 100001\nAPPLY 2\nAPPLY 9\nRELEASE 1\nAPPLY\nDISCARD Q1\n",
                id: "c3@riverbend.example"), source: .init(kind: "ingest"), now: f.now)
        #expect(o.applied == 1, "only the DISCARD: \(o.reason)")
        #expect(try f.participationCount() == before)
        let confirmation = try #require(
            try f.store.outboxMessages().first { $0.recipient == Self.csc && $0.kind == "confirmation" })
        let lines = try Self.text(confirmation)
        #expect(lines.contains("student 100001 was not among item 3's candidates (100005)"))
        #expect(lines.contains("item 2 has no candidate student"))
        #expect(lines.contains("there is no item 9"))
        #expect(lines.contains("RELEASE needs a quarantined reply's number"))
        #expect(lines.contains("APPLY needs an item number"))
        #expect(lines.contains("reply Q1 from dana.reyes@gmail.example discarded"))
        let released = try f.desk.handle(
            try Self.reply(f, digest: digest, own: "RELEASE Q1\n", id: "c4@riverbend.example"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(try released.applied == 0 && !f.onRoster("100007"), "a discarded reply cannot be released")
    }

    @Test("only the school's CSC, with a valid and recent digest token, may act")
    func authorization() throws {
        let (f, digest, day) = try Self.setUp()
        let before = try f.participationCount()
        let dana = try f.desk.handle(
            try Self.reply(f, digest: digest, own: "APPLY 1\n", id: "x1@readup.example", from: "dana@readup.example"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(dana.state == .quarantined && dana.reason.contains("Community School Coordinator"))
        let forged = DigestToken.sign(
            school: "101", day: day, secret: try ReplyTokenKey(text: String(repeating: "cd", count: 32)))!
        let bad = try f.desk.handle(
            try Self.reply(
                f, digest: digest, own: "APPLY 1\n", id: "x2@riverbend.example",
                to: forged.replyAddress(localPart: f.config.district.replyLocalPart, domain: "riverbend.example")),
            source: .init(kind: "ingest"), now: f.now)
        #expect(bad.state == .quarantined && bad.reason.contains("does not verify"))
        let late = try f.desk.handle(
            try Self.reply(f, digest: digest, own: "APPLY 1\n", id: "x3@riverbend.example"),
            source: .init(kind: "ingest"), now: f.now.addingTimeInterval(20 * 86_400))
        #expect(late.state == .quarantined && late.reason.contains("too old"))
        #expect(try f.participationCount() == before)
    }

    @Test(
        "a reply without actions of its own changes nothing, whatever the client does with the digest's examples",
        arguments: ClientReply.allCases)
    func quotedDigest(client: ClientReply) throws {
        let (f, digest, _) = try Self.setUp()
        let before = try f.participationCount()
        for shape in client.hasHTML ? ClientReply.Shape.allCases : [.text] {
            let o = try f.desk.handle(
                try Self.reply(
                    f, digest: digest, own: "Thanks, I will look at these tomorrow.\n\nMorgan",
                    id: "q-\(client)-\(shape)@riverbend.example", client: client, shape: shape),
                source: .init(kind: "ingest"), now: f.now)
            #expect(
                o.applied == 0 && o.reason.contains("no APPLY, REJECT, RELEASE or DISCARD"),
                "\(client) \(shape): \(o.reason)")
        }
        #expect(try f.participationCount() == before)
        #expect(try !f.onRoster("100006") && !f.onRoster("100007"))
    }
}
