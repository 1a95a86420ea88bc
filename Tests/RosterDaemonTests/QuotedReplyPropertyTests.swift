import Foundation
import Logging
import MailMessage
import Roster
import RosterStore
import Testing

@testable import RosterDaemon

/// Every kind of email RosterMail sends, quoted back the way each common client quotes it (text, HTML and
/// both; top- and bottom-posted; with and without an unquoted original): a reply with no commands of its
/// own changes nothing and asks the CSC nothing; a reply with one command makes exactly that change. The
/// replies are built from our own composed emails (the outbox of a real store) and go through the reply
/// desk like any received message.
@Suite("quoted replies: our own emails never become changes")
struct QuotedReplyPropertyTests {
    /// An email of ours and who answers it.
    enum OurEmail: String, CaseIterable, CustomStringConvertible {
        case rosterWithNoLongerList, rosterWithoutNoLongerList, rosterWithNoStudents, confirmation, reviewDigest
        case alert
        var description: String { rawValue }
    }

    struct Case {
        let fixture: DeskFixture
        let original: QuotedOriginal
        let replier: String
        let site: String
        /// One command per reply shape, each on another student so that every one is a change on its own.
        let commands: [(line: String, action: String, number: String)]
    }

    static func setUp(_ kind: OurEmail) throws -> Case {
        let f = try DeskFixture(withDropAndEmptySite: true)
        func outbox(_ kind: String, to recipient: String) throws -> [UInt8] {
            try #require(
                try f.store.outboxMessages().first { $0.kind == kind && $0.recipient == recipient }?.bytes,
                "no \(kind) email to \(recipient)")
        }
        /// A first reply with an applied change, a change for the CSC, and a line not understood: the
        /// confirmation and the digest then have every section.
        func firstReply() throws {
            let o = try f.desk.handle(
                try f.reply(
                    body: "ADD 100006\nDROP 100004\nADD Maria Lopez, grade 4\nKai 100008 maybe", messageID: "first@x"),
                source: .init(kind: "ingest"), now: f.now)
            #expect(o.applied == 2 && o.needsReview + o.rejected >= 1)
        }
        let readUp = "readup-tut-101"
        let afterFirst = [
            ("DROP 100001", "drop", "100001"), ("DROP 100002", "drop", "100002"), ("DROP 100003", "drop", "100003"),
        ]
        switch kind {
        case .rosterWithNoLongerList:
            let bytes = try outbox("roster", to: "dana@readup.example")
            #expect(String(decoding: bytes, as: UTF8.self).contains("No longer in your program"))
            return Case(
                fixture: f, original: try QuotedOriginal(bytes: bytes), replier: "dana@readup.example", site: readUp,
                commands: [
                    ("DROP 100002", "drop", "100002"), ("DROP 100003", "drop", "100003"),
                    ("DROP 100004", "drop", "100004"),
                ])
        case .rosterWithoutNoLongerList:
            let bytes = try outbox("roster", to: "sam@codeclub.example")
            #expect(!String(decoding: bytes, as: UTF8.self).contains("No longer in your program"))
            return Case(
                fixture: f, original: try QuotedOriginal(bytes: bytes), replier: "sam@codeclub.example",
                site: "codeclub-clb-101",
                commands: [
                    ("ADD 100006", "add", "100006"), ("ADD 100008", "add", "100008"), ("ADD 100001", "add", "100001"),
                ])
        case .rosterWithNoStudents:
            let bytes = try outbox("roster", to: "lee@artlab.example")
            #expect(String(decoding: bytes, as: UTF8.self).contains("No students are in your program"))
            return Case(
                fixture: f, original: try QuotedOriginal(bytes: bytes), replier: "lee@artlab.example",
                site: "artlab-art-101",
                commands: [
                    ("ADD 100006", "add", "100006"), ("ADD 100008", "add", "100008"), ("ADD 100001", "add", "100001"),
                ])
        case .confirmation:
            try firstReply()
            return Case(
                fixture: f, original: try QuotedOriginal(bytes: try outbox("confirmation", to: "dana@readup.example")),
                replier: "dana@readup.example", site: readUp, commands: afterFirst)
        case .reviewDigest:
            try firstReply()
            let day = CalendarDay(f.now, in: f.config.timeZone)
            #expect(
                try ReviewDigest(config: f.config, store: f.store, logger: Logger(label: "test")).compose(
                    day: day, now: f.now) >= 1)
            return Case(
                fixture: f, original: try QuotedOriginal(bytes: try outbox("review", to: "csc101@riverbend.example")),
                replier: "csc101@riverbend.example", site: readUp, commands: afterFirst)
        case .alert:
            let school = try #require(f.config.directory.school(number: "101"))
            let emails = try AlertComposer(district: f.config.district, timeZone: f.config.timeZone).compose(
                failedOutboxID: 1, siteID: readUp, week: f.week.description, recipient: "dana@readup.example",
                reply: "550 5.1.1 <dana@readup.example>: Recipient address rejected", to: [school.coordinator],
                now: f.now)
            _ = try f.store.enqueue(emails, kind: "alert", now: f.now)
            return Case(
                fixture: f, original: try QuotedOriginal(bytes: try outbox("alert", to: "csc101@riverbend.example")),
                replier: "csc101@riverbend.example", site: readUp,
                commands: [
                    ("DROP 100002", "drop", "100002"), ("DROP 100003", "drop", "100003"),
                    ("DROP 100004", "drop", "100004"),
                ])
        }
    }

    static func reply(
        _ c: Case, client: ClientReply, shape: ClientReply.Shape, own: String, messageID: String
    ) throws -> [UInt8] {
        let f = c.fixture
        let token = f.token(site: c.site)
        var m = OutgoingMessage(
            from: try MailAddress(c.replier, displayName: "Replier"),
            to: [try MailAddress(token.replyAddress(f.config.district))],
            subject: "Re: " + c.original.subject, date: f.now, timeZone: f.config.timeZone, messageID: messageID,
            body: client.body(own: own, original: c.original, shape: shape))
        m.inReplyTo = c.original.messageID
        m.references = [c.original.messageID]
        return try MessageWriter.render(m, seed: messageID)
    }

    @Test(
        "no command of their own → no change, no review item; one command → exactly that change",
        arguments: OurEmail.allCases, ClientReply.allCases)
    func quotedReplies(kind: OurEmail, client: ClientReply) throws {
        let c = try Self.setUp(kind)
        let f = c.fixture
        let shapes: [ClientReply.Shape] = client.hasHTML ? ClientReply.Shape.allCases : [.text]
        let where_ = "\(kind), \(client)"
        let before = try f.store.recordedChanges().count
        for shape in shapes {
            let bytes = try Self.reply(
                c, client: client, shape: shape, own: "Thanks, the list looks right.\n\nDana",
                messageID: "none-\(kind)-\(client)-\(shape)@replies.example")
            let o = try f.desk.handle(bytes, source: .init(kind: "ingest"), now: f.now)
            #expect(o.state == .applied, "\(where_), \(shape): \(o.reason)")
            #expect(o.applied == 0 && o.needsReview == 0 && o.rejected == 0, "\(where_), \(shape): \(o.reason)")
            let id = try #require(o.inboxID)
            let changes = try f.store.recordedChanges(inboxID: id)
            #expect(
                changes.isEmpty, "\(where_), \(shape): \(changes.map { "\($0.action) \($0.rawLine) [\($0.source)]" })")
        }
        #expect(try f.store.recordedChanges().count == before)
        for (shape, command) in zip(shapes, c.commands) {
            let bytes = try Self.reply(
                c, client: client, shape: shape, own: "\(command.line)\n\nThanks,\nDana",
                messageID: "one-\(kind)-\(client)-\(shape)@replies.example")
            let o = try f.desk.handle(bytes, source: .init(kind: "ingest"), now: f.now)
            let id = try #require(o.inboxID)
            let changes = try f.store.recordedChanges(inboxID: id)
            #expect(
                changes.map { "\($0.action) \($0.studentNumber ?? "-") \($0.state)" }
                    == ["\(command.action) \(command.number) applied"],
                "\(where_), \(shape): \(changes.map { "\($0.action) \($0.rawLine) [\($0.source)] \($0.state)" })")
        }
    }

    @Test("the reported case: Gmail's full quote of a roster with a “no longer” list adds nobody back")
    func reportedCase() throws {
        let c = try Self.setUp(.rosterWithNoLongerList)
        let f = c.fixture
        #expect(c.original.text.contains("(student no. 100007)"), "100007 is in the “no longer” list")
        for shape in ClientReply.Shape.allCases {
            let o = try f.desk.handle(
                try Self.reply(
                    c, client: .gmail, shape: shape, own: "Thanks, the list looks right.",
                    messageID: "reported-\(shape)@readup.example"),
                source: .init(kind: "ingest"), now: f.now)
            #expect(o.applied == 0 && o.needsReview == 0, "\(shape): \(o.reason)")
        }
        #expect(!(try f.onRoster("100007")))
        #expect(try f.onRoster("100001"))
        #expect(try f.onRoster("100004"))
    }
}

/// The reading follows what was sent, not English phrases: an admin who moves and rewrites the sections
/// does not turn quoted text into changes, and a partner's real edits of the listing still count.
@Suite("quoted replies: edited templates and edited copies")
struct EditedCopyTests {
    /// The shipped text template with the "no longer" list moved above the listing and written in the
    /// listing's own full form, the instructions first, and another sign-off.
    static func movedTemplates() throws -> String {
        let dir = NSTemporaryDirectory() + "rostermail-templates-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["roster.html.mustache", "roster.subject.mustache"] {
            try FileManager.default.copyItem(atPath: packageRoot + "/Templates/" + name, toPath: dir + "/" + name)
        }
        let text = """
            Reply with one change per line, for example
              ADD 123456
              DROP 123456

            Hola {{contact_name}}: {{program_name}} at {{school_name}}, {{week_label}} ({{week}}).
            {{#has_dropped}}
            Left since last week:
            {{#dropped}}
            - {{name}} (student no. {{number}}, grade {{grade}}, release on file: no)
            {{/dropped}}
            {{/has_dropped}}

            In the program:
            {{#students}}
            - {{name}} (student no. {{number}}, grade {{grade}}, release on file: {{release}})
            {{/students}}
            {{^has_students}}
            Nobody.
            {{/has_students}}

            {{csc_name}} <{{csc_email}}>, {{district_name}}
            """
        try text.write(toFile: dir + "/roster.txt.mustache", atomically: true, encoding: .utf8)
        return dir
    }

    @Test(
        "a moved and rewritten “no longer” list in the listing's own form is still not an add",
        arguments: ClientReply.allCases)
    func movedSections(client: ClientReply) throws {
        let f = try DeskFixture(withDropAndEmptySite: true, templates: try Self.movedTemplates())
        let bytes = try #require(try f.store.outboxMessages().first { $0.recipient == "dana@readup.example" }?.bytes)
        let original = try QuotedOriginal(bytes: bytes)
        #expect(original.text.contains("Left since last week:\n- Lucía Santos (student no. 100007, grade 1"))
        let c = QuotedReplyPropertyTests.Case(
            fixture: f, original: original, replier: "dana@readup.example", site: "readup-tut-101", commands: [])
        for shape in client.hasHTML ? ClientReply.Shape.allCases : [.text] {
            let o = try f.desk.handle(
                try QuotedReplyPropertyTests.reply(
                    c, client: client, shape: shape, own: "Looks good", messageID: "moved-\(client)-\(shape)@x"),
                source: .init(kind: "ingest"), now: f.now)
            #expect(o.applied == 0 && o.needsReview == 0 && o.rejected == 0, "\(client), \(shape): \(o.reason)")
        }
        #expect(!(try f.onRoster("100007")))
    }

    @Test("an edited copy still counts: a deleted line drops, a written line adds, a copied “no longer” line does not")
    func editedCopy() throws {
        let f = try DeskFixture(withDropAndEmptySite: true)
        let bytes = try #require(try f.store.outboxMessages().first { $0.recipient == "dana@readup.example" }?.bytes)
        let original = try QuotedOriginal(bytes: bytes)
        var lines = original.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Delete Liam OBrien's line (100003); write a line for Kai Kim (100008); copy Lucía Santos (100007) from
        // the "no longer" list into the listing.
        let liam = try #require(lines.firstIndex { $0.contains("(student no. 100003,") })
        lines.remove(at: liam)
        lines.insert("- Kai Kim (student no. 100008, grade 4, release on file: no)", at: liam)
        lines.insert("- Lucía Santos (student no. 100007)", at: liam)
        let edited =
            "Changes below.\n\nOn Mon, Nov 30, 2026 at 7:00 AM Riverbend <community.schools@riverbend.example> wrote:\n"
            + ClientReply.quote(lines.joined(separator: "\n"))
        let o = try f.desk.handle(try f.reply(body: edited), source: .init(kind: "ingest"), now: f.now)
        let inboxID = try #require(o.inboxID)
        let changes = try f.store.recordedChanges(inboxID: inboxID)
        #expect(
            Set(changes.map { "\($0.action) \($0.studentNumber ?? "-") \($0.state)" })
                == ["drop 100003 applied", "add 100008 applied"], "\(changes)")
        #expect(!(try f.onRoster("100003")))
        #expect(try f.onRoster("100008"))
        #expect(!(try f.onRoster("100007")))
    }
}
