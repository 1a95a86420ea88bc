import Foundation
import Logging
import MailMessage
import Roster
import RosterStore
import Testing

@testable import RosterDaemon

/// Partners' data requests through the one router, against a real store (the desk fixture: Dana is ReadUp's
/// contact at school 101, Sam is Code Club's; the admin is the data team unless `requests.data_team` says).
@Suite("data requests: filing by email, the form, authorization, the team's decision, reminders")
struct DataRequestDeskTests {
    static let pass = ("Authentication-Results", "riverbend.example; spf=pass; dmarc=pass header.from=readup.example")
    static let team = "requests:\n  data_team: [analyst@riverbend.example]\n"
    static let block = """
        DATA REQUEST
        Measures: attendance, behavior
        Level: aggregate
        Period: 2026-2027
        Purpose: our annual report to the county
        """

    /// A fresh email to the data-requests address.
    static func request(
        _ f: DeskFixture, from: String = "dana@readup.example", body: String = block, id: String,
        headers: [(String, String)] = [pass], to: String = "data.requests@riverbend.example"
    ) throws -> [UInt8] {
        var m = OutgoingMessage(
            from: try MailAddress(from, displayName: "Partner"), to: [try MailAddress(to)],
            subject: "Data request", date: f.now, timeZone: f.config.timeZone, messageID: id, body: .text(body))
        m.extraHeaders = headers.map { (name: $0.0, value: $0.1) }
        return try MessageWriter.render(m, seed: id)
    }

    static func outbox(_ f: DeskFixture, kindHeader: String) throws -> [OutboxMessage] {
        try f.store.outboxMessages().filter {
            String(decoding: $0.bytes, as: UTF8.self).contains("X-RosterMail-Kind: \(kindHeader)")
        }
    }

    static func text(_ m: OutboxMessage) throws -> String {
        try MessageParser.parse(m.bytes).parts.compactMap { $0.isAttachment ? nil : $0.text }.joined()
    }

    @Test("a request to the requests address is filed once and acknowledged with its number and due date")
    func filedAndAcknowledged() throws {
        let f = try DeskFixture()
        let o = try f.desk.handle(
            try Self.request(f, id: "q1@readup.example"), source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied && o.applied == 1 && o.confirmed, "\(o)")
        let rows = try f.store.dataRequests()
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(row.siteID == "readup-tut-101" && row.partnerID == "readup" && row.requester == "dana@readup.example")
        #expect(
            row.measures == [.attendance, .behavior] && row.level == .aggregate && row.period.description == "2026-2027"
        )
        #expect(row.dueOn == CalendarDay(iso: "2026-12-15"), "received 2026-12-01 + 14 days")
        let ack = try #require(try Self.outbox(f, kindHeader: "data-ack").first)
        #expect(ack.recipient == "dana@readup.example")
        let text = try Self.text(ack)
        #expect(text.contains("Its number is \(row.id)") && text.contains("by 2026-12-15"))
        // The same message again (an MTA retry): nothing new.
        let again = try f.desk.handle(
            try Self.request(f, id: "q1@readup.example"), source: .init(kind: "ingest"), now: f.now)
        #expect(again.alreadyRecorded)
        // The same request in another message within a day: one request, the acknowledgement says so.
        let dup = try f.desk.handle(
            try Self.request(f, id: "q2@readup.example"), source: .init(kind: "ingest"), now: f.now + 3600)
        #expect(dup.applied == 0 && dup.reason.contains("same as data request \(row.id)"))
        #expect(try f.store.dataRequests().count == 1)
        #expect(
            try Self.outbox(f, kindHeader: "data-ack").contains {
                try Self.text($0).contains("same as your data request number \(row.id)")
            })
        // A day later it is a new request.
        _ = try f.desk.handle(
            try Self.request(f, id: "q3@readup.example"), source: .init(kind: "ingest"), now: f.now + 90_000)
        #expect(try f.store.dataRequests().count == 2)
    }

    @Test("no block, a misspelt measure, a school the sender does not serve: the form comes back; nothing is filed")
    func formComesBack() throws {
        let f = try DeskFixture()
        let cases: [(String, String)] = [
            ("Hello, can we get attendance data for our students?", "no \"DATA REQUEST\" block"),
            (Self.block.replacingOccurrences(of: "attendance", with: "atendance"), "did you mean \"attendance\""),
            (Self.block + "\nSchool: 999", "\"999\" is not a school where you are a contact"),
        ]
        for (i, (body, expected)) in cases.enumerated() {
            let o = try f.desk.handle(
                try Self.request(f, body: body, id: "bad\(i)@readup.example"), source: .init(kind: "ingest"), now: f.now
            )
            #expect(o.state == .applied && o.applied == 0 && o.confirmed, "\(o)")
            let help = try #require(try Self.outbox(f, kindHeader: "data-help").last)
            let text = try Self.text(help)
            #expect(text.contains(expected), "\(text)")
            #expect(text.contains("DATA REQUEST\n") || text.contains("    DATA REQUEST"))
        }
        #expect(try f.store.dataRequests().isEmpty)
    }

    @Test("senders who are not contacts, forged DMARC, automatic mail: quarantined or ignored, nothing filed or sent")
    func refused() throws {
        let f = try DeskFixture()
        let stranger = try f.desk.handle(
            try Self.request(
                f, from: "someone@elsewhere.example", id: "s1@elsewhere.example",
                headers: [("Authentication-Results", "riverbend.example; dmarc=pass header.from=elsewhere.example")]),
            source: .init(kind: "ingest"), now: f.now)
        #expect(stranger.state == .quarantined && stranger.reason.contains("not a contact"))
        let forged = try f.desk.handle(
            try Self.request(
                f, id: "s2@readup.example",
                headers: [("Authentication-Results", "riverbend.example; dmarc=fail header.from=readup.example")]),
            source: .init(kind: "ingest"), now: f.now)
        #expect(forged.state == .quarantined && forged.reason.contains("dmarc=fail"))
        let auto = try f.desk.handle(
            try Self.request(f, id: "s3@readup.example", headers: [Self.pass, ("Auto-Submitted", "auto-replied")]),
            source: .init(kind: "ingest"), now: f.now)
        #expect(auto.state == .ignored)
        #expect(try f.store.dataRequests().isEmpty)
        #expect(try Self.outbox(f, kindHeader: "data-ack").isEmpty && Self.outbox(f, kindHeader: "data-help").isEmpty)
    }

    @Test("a DATA REQUEST block in a reply to the roster email is filed for the token's site, not read as Add/Drop")
    func blockInARosterReply() throws {
        let f = try DeskFixture()
        let before = try f.participationCount()
        let o = try f.desk.handle(
            try f.reply(
                body: "Thanks for the roster!\n\n" + Self.block, messageID: "rr1@readup.example",
                headers: [Self.pass].map { (name: $0.0, value: $0.1) }),
            source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied && o.applied == 1, "\(o)")
        #expect(try f.store.dataRequests().first?.siteID == "readup-tut-101")
        #expect(try f.participationCount() == before)
        #expect(try f.store.reviewDay(from: f.now - 86_400, to: f.now + 86_400).0.isEmpty)
        // The CSC may reply to the roster, but a data request is the partner's to make.
        let csc = try f.desk.handle(
            try f.reply(
                from: "csc101@riverbend.example",
                body: Self.block.replacingOccurrences(of: "2026-2027", with: "2025-2026"),
                messageID: "rr2@riverbend.example",
                headers: [(name: "Authentication-Results", value: "riverbend.example; dmarc=pass")]),
            source: .init(kind: "ingest"), now: f.now)
        #expect(csc.state == .quarantined, "\(csc)")
        #expect(try f.store.dataRequests().count == 1)
    }

    /// Request `id` in review: filing computed its answer from the fixture's attendance and sent it to the team;
    /// a request still `received` is put in review with a small answer.
    static func inReview(_ f: DeskFixture, _ id: Int64, now: Date) throws {
        let requests = DataRequests(config: f.config, store: f.store, keys: [f.key], logger: Logger(label: "test"))
        let row = try #require(try f.store.dataRequest(id: id))
        if row.status == .review { return }
        let answer = ComputedAnswer(
            attachments: [.init(filename: "README.txt", contentType: "text/plain", bytes: Array("rules\n".utf8))],
            summary: ["Nothing is shown: the group is 10 students or fewer."], students: 4, leftOut: 0, refusal: nil,
            ledger: AnswerLedger(partnerID: row.partnerID, period: row.period.description))
        try f.store.advanceDataRequest(
            try requests.review(row, answer, from: [.received], changed: false, now: now), now: now)
    }

    /// The team member's reply to the review email, quoting it as Gmail does.
    static func teamReply(_ f: DeskFixture, from: String, body: String, id: String) throws -> [UInt8] {
        let review = try #require(try Self.outbox(f, kindHeader: "data-review").last)
        let original = try QuotedOriginal(bytes: review.bytes)
        let parsed = try MessageParser.parse(review.bytes)
        var m = OutgoingMessage(
            from: try MailAddress(from, displayName: "Analyst"),
            to: [try MailAddress(try #require(parsed.replyTo.first?.address))],
            subject: "Re: " + original.subject, date: f.now, timeZone: f.config.timeZone, messageID: id,
            body: ClientReply.gmail.body(own: body, original: original, shape: .text))
        m.inReplyTo = original.messageID
        m.references = [original.messageID]
        m.extraHeaders = [
            (name: "Authentication-Results", value: "riverbend.example; dmarc=pass header.from=riverbend.example")
        ]
        return try MessageWriter.render(m, seed: id)
    }

    @Test("REJECT from the team tells the partner the reason; a second decision, a stranger, a forged token do nothing")
    func teamRejects() throws {
        let f = try DeskFixture(extraYAML: Self.team)
        _ = try f.desk.handle(try Self.request(f, id: "q1@readup.example"), source: .init(kind: "ingest"), now: f.now)
        let id = try #require(try f.store.dataRequests().first?.id)
        try Self.inReview(f, id, now: f.now)
        let review = try #require(try Self.outbox(f, kindHeader: "data-review").first)
        #expect(review.recipient == "analyst@riverbend.example")
        #expect(try MessageParser.parse(review.bytes).parts.contains { $0.filename == "README.txt" })

        // Not the team: quarantined. A reply without a command: nothing.
        let dana = try f.desk.handle(
            try Self.teamReply(f, from: "dana@readup.example", body: "APPROVE", id: "t0@readup.example"),
            source: .init(kind: "ingest"),
            now: f.now)
        #expect(dana.state == .quarantined && dana.reason.contains("only the data team"))
        let chat = try f.desk.handle(
            try Self.teamReply(
                f, from: "analyst@riverbend.example", body: "Looking at it tomorrow.", id: "t1@riverbend.example"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(chat.applied == 0 && chat.reason.contains("no APPROVE or REJECT"))
        #expect(try f.store.dataRequest(id: id)?.status == .review)

        let reject = try f.desk.handle(
            try Self.teamReply(
                f, from: "analyst@riverbend.example", body: "REJECT the purpose is not about the program",
                id: "t2@riverbend.example"), source: .init(kind: "ingest"), now: f.now)
        #expect(reject.applied == 1, "\(reject)")
        let row = try #require(try f.store.dataRequest(id: id))
        #expect(row.status == .rejected && row.decidedBy == "analyst@riverbend.example")
        let told = try #require(try Self.outbox(f, kindHeader: "data-answer").first)
        #expect(told.recipient == "dana@readup.example")
        #expect(try Self.text(told).contains("the purpose is not about the program"))
        #expect(try MessageParser.parse(told.bytes).parts.allSatisfy { !$0.isAttachment })

        // APPROVE after the rejection: the team is told, nothing is sent.
        let late = try f.desk.handle(
            try Self.teamReply(f, from: "analyst@riverbend.example", body: "APPROVE", id: "t3@riverbend.example"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(late.applied == 0 && late.reason.contains("was rejected already"))
        #expect(try Self.outbox(f, kindHeader: "data-answer").count == 1)

        // A token for a request that does not exist (or altered): quarantined.
        let fake = DataRequestToken.sign(.init(id: 99, siteID: "readup-tut-101", receivedAt: "x"), secret: f.key)
        var m = OutgoingMessage(
            from: try MailAddress("analyst@riverbend.example"),
            to: [try MailAddress(fake.replyAddress(localPart: "data.requests", domain: "riverbend.example"))],
            subject: "Re: review", date: f.now, timeZone: f.config.timeZone, messageID: "t4@riverbend.example",
            body: .text("APPROVE"))
        m.extraHeaders = [(name: "Authentication-Results", value: "riverbend.example; dmarc=pass")]
        let forged = try f.desk.handle(
            try MessageWriter.render(m, seed: "t4"), source: .init(kind: "ingest"), now: f.now)
        #expect(forged.state == .quarantined && forged.reason.contains("does not verify"))
    }

    @Test("reminders on days 7 and 12, then daily overdue notices to the CSC and the admin until answered")
    func remindersAndOverdue() throws {
        let f = try DeskFixture(extraYAML: Self.team)
        _ = try f.desk.handle(try Self.request(f, id: "q1@readup.example"), source: .init(kind: "ingest"), now: f.now)
        let id = try #require(try f.store.dataRequests().first?.id)
        try Self.inReview(f, id, now: f.now)
        let requests = DataRequests(config: f.config, store: f.store, keys: [f.key], logger: Logger(label: "test"))
        let day = 86_400.0
        #expect(try requests.remind(now: f.now + 6 * day) == 0)
        #expect(try requests.remind(now: f.now + 7 * day) == 1)
        #expect(try requests.remind(now: f.now + 7 * day + 3600) == 0, "once")
        #expect(try requests.remind(now: f.now + 12 * day) == 1)
        #expect(try requests.remind(now: f.now + 13 * day) == 0)
        let reminders = try Self.outbox(f, kindHeader: "data-reminder")
        #expect(reminders.count == 2 && reminders.allSatisfy { $0.recipient == "analyst@riverbend.example" })
        // Day 14 is the due day: overdue from then on, to the CSC and the admin, once a day.
        #expect(try requests.remind(now: f.now + 14 * day) == 2)
        #expect(try requests.remind(now: f.now + 14 * day + 600) == 0)
        #expect(try requests.remind(now: f.now + 15 * day) == 2)
        let overdue = try Self.outbox(f, kindHeader: "data-overdue")
        #expect(Set(overdue.map(\.recipient)) == ["csc101@riverbend.example", f.config.adminAddress])
        #expect(try Self.text(overdue[0]).contains("is overdue"))
        // Answered (rejected by hand): no more notices.
        _ = try requests.decideByHand(.reject(reason: "duplicate of an earlier request"), id: id, actor: "cli:test")
        #expect(try requests.remind(now: f.now + 16 * day) == 0)
    }
}
