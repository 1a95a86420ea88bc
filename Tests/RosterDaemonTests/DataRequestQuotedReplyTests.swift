import Foundation
import Logging
import MailMessage
import Roster
import RosterStore
import Testing

@testable import RosterDaemon

/// Every email of the data-request conversation, quoted back the way each common client quotes it (text,
/// HTML and both): a reply with no request block or decision of its own files nothing and decides nothing;
/// a reply with one block files exactly that request, and the team's reply with one REJECT decides exactly
/// that request.
@Suite("quoted replies: data-request emails never become requests or decisions")
struct DataRequestQuotedReplyTests {
    enum OurEmail: String, CaseIterable, CustomStringConvertible {
        case acknowledgement, formHelp, notAnswered, review, reminder
        var description: String { rawValue }
        var toTeam: Bool { self == .review || self == .reminder }
    }

    struct Case {
        let fixture: DeskFixture
        /// One original per reply shape (the team's emails: one request in review per shape).
        let originals: [QuotedOriginal]
        let replier: String
        let requestIDs: [Int64]
    }

    /// A request the fixture's attendance answers (its students are in the program in 2026-2027).
    static func block(_ level: String = "de-identified", period: String = "2026-2027") -> String {
        "DATA REQUEST\nMeasures: attendance\nLevel: \(level)\nPeriod: \(period)\nPurpose: tutoring plan review"
    }

    static func setUp(_ kind: OurEmail) throws -> Case {
        let f = try DeskFixture(extraYAML: DataRequestDeskTests.team)
        func file(_ level: String, id: String) throws -> Int64 {
            _ = try f.desk.handle(
                try DataRequestDeskTests.request(f, body: block(level), id: id), source: .init(kind: "ingest"),
                now: f.now)
            return try #require(try f.store.dataRequests().first?.id)
        }
        func last(_ kind: String) throws -> QuotedOriginal {
            try QuotedOriginal(bytes: try #require(try DataRequestDeskTests.outbox(f, kindHeader: kind).last).bytes)
        }
        switch kind {
        case .acknowledgement:
            _ = try file("de-identified", id: "first@readup.example")
            let o = try last("data-ack")
            return Case(fixture: f, originals: [o, o, o], replier: "dana@readup.example", requestIDs: [])
        case .formHelp:
            _ = try f.desk.handle(
                try DataRequestDeskTests.request(f, body: "Can we have the data?", id: "ask@readup.example"),
                source: .init(kind: "ingest"), now: f.now)
            let o = try last("data-help")
            return Case(fixture: f, originals: [o, o, o], replier: "dana@readup.example", requestIDs: [])
        case .notAnswered:
            let id = try file("de-identified", id: "first@readup.example")
            try DataRequestDeskTests.inReview(f, id, now: f.now)
            let requests = DataRequests(config: f.config, store: f.store, keys: [f.key], logger: Logger(label: "t"))
            _ = try requests.decideByHand(.reject(reason: "please ask for a shorter period"), id: id, actor: "cli:t")
            let o = try last("data-answer")
            return Case(fixture: f, originals: [o, o, o], replier: "dana@readup.example", requestIDs: [])
        case .review, .reminder:
            var ids: [Int64] = []
            var originals: [QuotedOriginal] = []
            let requests = DataRequests(config: f.config, store: f.store, keys: [f.key], logger: Logger(label: "t"))
            for (i, level) in ["aggregate", "de-identified", "identified"].enumerated() {
                let id = try file(level, id: "r\(i)@readup.example")
                try DataRequestDeskTests.inReview(f, id, now: f.now)
                if kind == .reminder {
                    let row = try #require(try f.store.dataRequest(id: id))
                    let emails = try requests.composer.reminder(
                        requests.summary(row), to: f.config.dataTeam, daysWaiting: 7, token: requests.token(row),
                        replyAddress: requests.teamReplyAddress(row), reviewMessageID: row.reviewMessageID, now: f.now)
                    _ = try f.store.enqueue(emails, kind: "data-reminder", now: f.now)
                }
                ids.append(id)
                originals.append(try last(kind == .review ? "data-review" : "data-reminder"))
            }
            return Case(fixture: f, originals: originals, replier: "analyst@riverbend.example", requestIDs: ids)
        }
    }

    static func reply(
        _ c: Case, _ original: QuotedOriginal, client: ClientReply, shape: ClientReply.Shape, own: String, id: String
    ) throws -> [UInt8] {
        let f = c.fixture
        let sent = try #require(try f.store.outboxMessages().first { $0.messageID == original.messageID }?.bytes)
        let replyTo = try #require(
            try MessageParser.parse(sent).replyTo.first?.address ?? MessageParser.parse(sent).from.first?.address)
        var m = OutgoingMessage(
            from: try MailAddress(c.replier, displayName: "Replier"), to: [try MailAddress(replyTo)],
            subject: "Re: " + original.subject, date: f.now, timeZone: f.config.timeZone, messageID: id,
            body: client.body(own: own, original: original, shape: shape))
        m.inReplyTo = original.messageID
        m.references = [original.messageID]
        let domain = c.replier.split(separator: "@").last.map(String.init) ?? ""
        m.extraHeaders = [
            (name: "Authentication-Results", value: "riverbend.example; dmarc=pass header.from=\(domain)")
        ]
        return try MessageWriter.render(m, seed: id)
    }

    func state(_ f: DeskFixture) throws -> [String] {
        try f.store.dataRequests().map {
            "\($0.id) \($0.status.rawValue) \($0.level.rawValue) \($0.period) \($0.reason ?? "")"
        }
    }

    @Test(
        "no block or decision of their own → nothing; one → exactly that",
        arguments: OurEmail.allCases, ClientReply.allCases)
    func quotedReplies(kind: OurEmail, client: ClientReply) throws {
        let c = try Self.setUp(kind)
        let f = c.fixture
        let shapes: [ClientReply.Shape] = client.hasHTML ? ClientReply.Shape.allCases : [.text]
        let where_ = "\(kind), \(client)"
        let before = try state(f)
        let answersBefore = try DataRequestDeskTests.outbox(f, kindHeader: "data-answer").count
        for (i, shape) in shapes.enumerated() {
            let o = try f.desk.handle(
                try Self.reply(
                    c, c.originals[i], client: client, shape: shape, own: "Thanks, got it.\n\nDana",
                    id: "none-\(kind)-\(client)-\(shape)@replies.example"),
                source: .init(kind: "ingest"), now: f.now)
            #expect(o.state == .applied && o.applied == 0, "\(where_), \(shape): \(o.reason)")
        }
        #expect(try state(f) == before, "\(where_)")
        #expect(try DataRequestDeskTests.outbox(f, kindHeader: "data-answer").count == answersBefore, "\(where_)")

        let periods = ["2021-2022", "2022-2023", "2023-2024"]
        for (i, shape) in shapes.enumerated() {
            let request = Self.block(period: periods[i]) + "\n\nThanks,\nDana"
            let own = kind.toTeam ? "REJECT reason \(i) for \(shape)\n\nThanks" : request
            let o = try f.desk.handle(
                try Self.reply(
                    c, c.originals[i], client: client, shape: shape, own: own,
                    id: "one-\(kind)-\(client)-\(shape)@replies.example"),
                source: .init(kind: "ingest"), now: f.now)
            #expect(o.applied == 1, "\(where_), \(shape): \(o.reason)")
            let now = try state(f)
            if kind.toTeam {
                let id = c.requestIDs[i]
                #expect(
                    now.contains { $0.hasPrefix("\(id) rejected") && $0.hasSuffix("reason \(i) for \(shape)") },
                    "\(where_), \(shape): \(now)")
                // The others stay in review.
                for other in c.requestIDs[(i + 1)...] {
                    #expect(now.contains { $0.hasPrefix("\(other) review") }, "\(where_), \(shape): \(now)")
                }
            } else {
                #expect(
                    now.first?.contains("de-identified \(periods[i])") == true && now.count == before.count + i + 1,
                    "\(where_), \(shape): \(now)")
            }
        }
    }
}
