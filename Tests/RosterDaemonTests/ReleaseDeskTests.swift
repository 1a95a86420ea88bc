import Foundation
import Logging
import MailMessage
import Roster
import RosterStore
import Testing

@testable import RosterDaemon

/// Release requests and guardians' replies against a real store (the desk fixture's guardians: Rosa for José
/// 100001 and Zoë 100002, Carlos for José, Hanh for Zoë without an email, Amina for Omar who is on no roster).
@Suite("releases: requests, signing, declining, revoking, and hostile replies")
struct ReleaseDeskTests {
    static let pass = ("Authentication-Results", "riverbend.example; spf=pass; dmarc=pass header.from=family.example")

    static func requests(_ f: DeskFixture, now: Date? = nil) throws -> ReleaseRequests.Summary {
        try ReleaseRequests(
            config: f.config, store: f.store,
            templates: try ReleaseTemplateLoader.load(directory: f.config.templatesDirectory), tokenKey: f.key,
            logger: Logger(label: "test")
        ).send(now: now ?? f.now)
    }

    static func requestEmail(_ f: DeskFixture, to guardian: String) throws -> QuotedOriginal {
        try QuotedOriginal(
            bytes: try #require(
                try f.store.outboxMessages().last { $0.kind == "release-request" && $0.recipient == guardian }?.bytes))
    }

    /// A guardian's reply to their request, as Gmail lays it out (their words, then the quoted form).
    static func reply(
        _ f: DeskFixture, from: String, to original: QuotedOriginal, body: String, id: String,
        headers: [(String, String)] = [pass], client: ClientReply = .gmail, shape: ClientReply.Shape = .text
    ) throws -> [UInt8] {
        let sent = try #require(try f.store.outboxMessages().first { $0.messageID == original.messageID }?.bytes)
        let parsed = try MessageParser.parse(sent)
        let replyTo = try #require(parsed.replyTo.first?.address ?? parsed.from.first?.address)
        var m = OutgoingMessage(
            from: try MailAddress(from, displayName: "Parent"), to: [try MailAddress(replyTo)],
            subject: "Re: " + original.subject, date: f.now, timeZone: f.config.timeZone, messageID: id,
            body: client.body(own: body, original: original, shape: shape))
        m.inReplyTo = original.messageID
        m.references = [original.messageID]
        m.extraHeaders = headers.map { (name: $0.0, value: $0.1) }
        return try MessageWriter.render(m, seed: id)
    }

    func states(_ f: DeskFixture) throws -> [String] {
        try f.store.releaseViews(on: CalendarDay(f.now, in: f.config.timeZone)).map {
            "\($0.studentNumber) \($0.partnerID) \($0.state)"
        }.sorted()
    }

    @Test("requests: one per guardian with an email and partner, naming only their own children; once per round")
    func requestsGoOut() throws {
        let f = try DeskFixture()
        let s = try Self.requests(f)
        #expect(s.requests == 2 && s.reminders == 0)
        let rosa = try Self.requestEmail(f, to: "rosa@family.example")
        #expect(
            rosa.text.contains("José Muñoz (student no. 100001") && rosa.text.contains("Zoë Nguyễn (student no. 100002")
        )
        #expect(!rosa.text.contains("Liam") && !rosa.text.contains("Ana Silva") && !rosa.text.contains("Omar"))
        #expect(rosa.text.contains("ReadUp") && rosa.text.contains("attendance") && rosa.text.contains("June 30, 2027"))
        #expect(!rosa.text.contains("ACEPTO"), "English only for a guardian whose language is English")
        let carlos = try Self.requestEmail(f, to: "carlos@family.example")
        #expect(carlos.text.contains("ACEPTO") && !carlos.text.contains("I AGREE"), "Spanish for es-MX")
        #expect(carlos.text.contains("José Muñoz") && !carlos.text.contains("Zoë"))
        #expect(try f.store.outboxMessages().filter { $0.kind == "release-request" }.count == 2)
        // Again the same day: nothing new. Seven days later: the first reminder; 21 days: the second; then none.
        #expect(try Self.requests(f) == .init())
        let day = 86_400.0
        #expect(try Self.requests(f, now: f.now + 6 * day).reminders == 0)
        #expect(try Self.requests(f, now: f.now + 7 * day).reminders == 2)
        #expect(try Self.requests(f, now: f.now + 21 * day).reminders == 2)
        #expect(try Self.requests(f, now: f.now + 40 * day) == .init())
        let reminder = try Self.requestEmail(f, to: "rosa@family.example")
        #expect(reminder.subject.hasPrefix("Reminder:"))
    }

    @Test("round trip: sign → the next roster shows the release → the other guardian is told → REVOKE → it does not")
    func roundTrip() throws {
        let f = try DeskFixture()
        _ = try Self.requests(f)
        let form = try Self.requestEmail(f, to: "rosa@family.example")
        let o = try f.desk.handle(
            try Self.reply(f, from: "rosa@family.example", to: form, body: "I AGREE\nRosa Muñoz", id: "sign@family"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied && o.applied == 2, "\(o.reason)")
        #expect(try states(f) == ["100001 readup valid", "100002 readup valid"])
        let evidence = try #require(try f.store.releaseViews(on: CalendarDay(f.now, in: f.config.timeZone)).first)
        #expect(evidence.guardianEmail == "rosa@family.example" && evidence.messageID == "sign@family")
        #expect(evidence.replySHA256?.count == 64 && evidence.formSHA256?.count == 64)
        #expect(evidence.authenticationResults?.contains("dmarc=pass") == true)
        let outbox = try f.store.outboxMessages()
        let confirmation = try #require(
            outbox.first { $0.recipient == "rosa@family.example" && $0.messageID.hasPrefix("release-confirm") })
        let text = String(decoding: confirmation.bytes, as: UTF8.self)
        #expect(text.contains("Auto-Submitted: auto-replied") && text.contains("In-Reply-To: <sign@family>"))
        // Carlos (José's other guardian) is told it is settled, naming only José.
        let notice = try #require(
            outbox.first { $0.kind == "release-notice" && $0.recipient == "carlos@family.example" })
        let noticeText = try QuotedOriginal(bytes: notice.bytes).text
        #expect(noticeText.contains("José Muñoz") && !noticeText.contains("Zoë"))
        // The next roster email shows the releases.
        let roster = try f.store.weeklyRoster(siteID: "readup-tut-101", partnerID: "readup", week: f.week.next)
        #expect(roster.active.filter(\.releaseOnFile).map(\.studentNumber) == ["100001", "100002"])
        // No more requests for them.
        #expect(try Self.requests(f, now: f.now + 8 * 86_400) == .init())
        // REVOKE for one child, later, from the same address.
        let r = try f.desk.handle(
            try Self.reply(f, from: "rosa@family.example", to: form, body: "REVOKE 100002", id: "revoke@family"),
            source: .init(kind: "ingest"), now: f.now + 3600)
        #expect(r.state == .applied && r.applied == 1, "\(r.reason)")
        #expect(try states(f) == ["100001 readup valid", "100002 readup revoked"])
        let after = try f.store.weeklyRoster(siteID: "readup-tut-101", partnerID: "readup", week: f.week.next)
        #expect(after.active.filter(\.releaseOnFile).map(\.studentNumber) == ["100001"])
    }

    @Test("declining records a refusal and stops the reminders")
    func decline() throws {
        let f = try DeskFixture()
        _ = try Self.requests(f)
        let form = try Self.requestEmail(f, to: "carlos@family.example")
        let o = try f.desk.handle(
            try Self.reply(f, from: "carlos@family.example", to: form, body: "No acepto.", id: "no@family"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(o.state == .applied, "\(o.reason)")
        #expect(try states(f).contains("100001 readup declined"))
        let reminders = try Self.requests(f, now: f.now + 8 * 86_400)
        #expect(reminders.reminders == 1, "only Rosa's request (Zoë is undecided) is reminded")
        let rosa = try Self.requestEmail(f, to: "rosa@family.example")
        #expect(rosa.text.contains("Zoë") && !rosa.text.contains("José"))
    }

    @Test(
        "hostile or unclear replies change nothing",
        arguments: [
            "forged token", "foreign key", "another guardian", "forwarded and signed elsewhere", "replayed",
            "name mismatch", "both agree and decline", "expired", "no DMARC verdict", "dmarc fail",
            "out of office", "a student who is not theirs",
        ])
    func hostile(_ kind: String) throws {
        let f = try DeskFixture()
        _ = try Self.requests(f)
        let form = try Self.requestEmail(f, to: "rosa@family.example")
        var from = "rosa@family.example"
        var body = "I AGREE\nRosa Muñoz"
        var headers: [(String, String)] = [Self.pass]
        var now = f.now
        var bytes: [UInt8]?
        switch kind {
        case "forged token", "foreign key":
            let key = kind == "foreign key" ? try ReplyTokenKey(text: String(repeating: "99", count: 32)) : f.key
            let request = try #require(try f.store.releaseRequests(cycle: "2026-2027").first)
            var t = ReleaseToken.sign(request.token, secret: key).text
            if kind == "forged token" { t = String(t.dropLast()) + (t.hasSuffix("a") ? "b" : "a") }
            var m = OutgoingMessage(
                from: try MailAddress(from), to: [try MailAddress("releases+\(t)@riverbend.example")], subject: "Re: x",
                date: f.now, timeZone: f.config.timeZone, messageID: "forged@x", body: .text(body))
            m.extraHeaders = [(name: Self.pass.0, value: Self.pass.1)]
            bytes = try MessageWriter.render(m, seed: "forged")
        case "another guardian": from = "carlos@family.example"
        case "forwarded and signed elsewhere": from = "rosa.work@office.example"
        case "name mismatch": body = "I AGREE\nRosa Smith"
        case "both agree and decline": body = "I AGREE\nRosa Muñoz\nI DECLINE"
        case "expired": now = f.now + 300 * 86_400
        case "no DMARC verdict": headers = []
        case "dmarc fail":
            headers = [("Authentication-Results", "riverbend.example; dmarc=fail header.from=family.example")]
        case "out of office": headers.append(("Auto-Submitted", "auto-replied"))
        case "a student who is not theirs": body = "REVOKE 100003"
        default: break
        }
        let message =
            try bytes
            ?? Self.reply(
                f, from: from, to: form, body: body, id: "h-\(kind.replacingOccurrences(of: " ", with: "-"))@x",
                headers: headers)
        if kind == "replayed" {
            _ = try f.desk.handle(message, source: .init(kind: "imap", mailbox: "m", uidValidity: 1, uid: 1), now: now)
            #expect(try states(f).contains("100001 readup valid"))
            let replay = try f.desk.handle(
                try Self.reply(
                    f, from: from, to: form, body: "REVOKE", id: "h-\(kind.replacingOccurrences(of: " ", with: "-"))@x",
                    headers: headers),
                source: .init(kind: "imap", mailbox: "m", uidValidity: 1, uid: 2), now: now)
            #expect(replay.state == .quarantined && replay.reason.contains("already processed"))
            #expect(try states(f).contains("100001 readup valid"), "the replayed REVOKE did nothing")
            return
        }
        let before = try states(f)
        let o = try f.desk.handle(message, source: .init(kind: "ingest"), now: now)
        #expect(try states(f) == before, "\(kind): \(o.reason)")
        #expect(try states(f).allSatisfy { $0.hasSuffix("requested") })
        switch kind {
        case "out of office": #expect(o.state == .ignored)
        case "both agree and decline", "a student who is not theirs": #expect(o.state == .applied && o.confirmed)
        case "name mismatch":
            #expect(o.state == .quarantined && o.confirmed, "for the CSC's review, and the guardian is told")
        default: #expect(o.state == .quarantined, "\(kind): \(o.reason)")
        }
    }

    @Test("signers: all — a release counts once every guardian with an email has signed")
    func allSigners() throws {
        let f = try DeskFixture(extraYAML: "releases:\n  signers: all")
        #expect(f.config.releases.signers == .all)
        _ = try Self.requests(f)
        let rosa = try Self.requestEmail(f, to: "rosa@family.example")
        _ = try f.desk.handle(
            try Self.reply(f, from: "rosa@family.example", to: rosa, body: "I AGREE\nRosa Muñoz", id: "a1@family"),
            source: .init(kind: "ingest"), now: f.now)
        // Zoë's only guardian with an email is Rosa: valid. José also has Carlos: waiting for him.
        #expect(try states(f) == ["100001 readup requested", "100002 readup valid"])
        #expect(try !f.store.outboxMessages().contains { $0.kind == "release-notice" }, "nobody is told it is settled")
        let carlos = try Self.requestEmail(f, to: "carlos@family.example")
        _ = try f.desk.handle(
            try Self.reply(f, from: "carlos@family.example", to: carlos, body: "Acepto\nCarlos Muñoz", id: "a2@family"),
            source: .init(kind: "ingest"), now: f.now)
        #expect(try states(f) == ["100001 readup valid", "100001 readup valid", "100002 readup valid"])
        let roster = try f.store.weeklyRoster(siteID: "readup-tut-101", partnerID: "readup", week: f.week.next)
        #expect(roster.active.filter(\.releaseOnFile).map(\.studentNumber) == ["100001", "100002"])
    }

    @Test(
        "replying to a release confirmation or a settled notice without an answer changes nothing",
        arguments: ClientReply.allCases)
    func quotedConfirmations(client: ClientReply) throws {
        let f = try DeskFixture()
        _ = try Self.requests(f)
        let form = try Self.requestEmail(f, to: "rosa@family.example")
        _ = try f.desk.handle(
            try Self.reply(f, from: "rosa@family.example", to: form, body: "I AGREE\nRosa Muñoz", id: "s@family"),
            source: .init(kind: "ingest"), now: f.now)
        let before = try states(f)
        let outbox = try f.store.outboxMessages()
        for (who, message) in [
            ("rosa@family.example", outbox.first { $0.messageID.hasPrefix("release-confirm") }),
            ("carlos@family.example", outbox.first { $0.kind == "release-notice" }),
        ] {
            let original = try QuotedOriginal(bytes: try #require(message?.bytes))
            for (n, shape) in (client.hasHTML ? ClientReply.Shape.allCases : [.text]).enumerated() {
                let o = try f.desk.handle(
                    try Self.reply(
                        f, from: who, to: original, body: "Thank you!", id: "c\(n)-\(who)",
                        client: client, shape: shape), source: .init(kind: "ingest"), now: f.now)
                #expect(o.applied == 0, "\(client), \(shape), \(who): \(o.reason)")
            }
        }
        #expect(try states(f) == before)
    }

    @Test("an HTML-only reply from Outlook signs")
    func htmlOnly() throws {
        let f = try DeskFixture()
        _ = try Self.requests(f)
        let form = try Self.requestEmail(f, to: "rosa@family.example")
        let o = try f.desk.handle(
            try Self.reply(
                f, from: "rosa@family.example", to: form, body: "I agree\nRosa Muñoz", id: "html@family",
                client: .outlookDesktop, shape: .html), source: .init(kind: "ingest"), now: f.now)
        #expect(o.applied == 2, "\(o.reason)")
    }

    @Test(
        "quoting our release emails without an answer changes nothing; with one, exactly it",
        arguments: ClientReply.allCases)
    func quoted(client: ClientReply) throws {
        let f = try DeskFixture()
        _ = try Self.requests(f)
        let form = try Self.requestEmail(f, to: "rosa@family.example")
        for (n, shape) in (client.hasHTML ? ClientReply.Shape.allCases : [.text]).enumerated() {
            let o = try f.desk.handle(
                try Self.reply(
                    f, from: "rosa@family.example", to: form, body: "Thank you, I will read it tonight.",
                    id: "q\(n)@family", client: client, shape: shape), source: .init(kind: "ingest"), now: f.now)
            #expect(o.applied == 0 && o.state == .applied, "\(client), \(shape): \(o.reason)")
            #expect(try states(f).allSatisfy { $0.hasSuffix("requested") }, "\(client), \(shape)")
        }
        let o = try f.desk.handle(
            try Self.reply(
                f, from: "rosa@family.example", to: form, body: "I AGREE\nRosa Muñoz", id: "sign@family",
                client: client), source: .init(kind: "ingest"), now: f.now)
        #expect(try states(f) == ["100001 readup valid", "100002 readup valid"], "\(client): \(o.reason)")
    }
}
