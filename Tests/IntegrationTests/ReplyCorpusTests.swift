import Foundation
import Logging
import MailMessage
import Roster
import RosterDaemon
import RosterStore
import Testing

/// Our own corpus of partner replies (Tests/Fixtures/replies/, issue 3): every fixture through the real
/// `ReplyDesk` and a real SQLite store, against the outcomes in its `.expected.json`.
@Suite("reply corpus: real partner replies through the reply desk and a real store")
struct ReplyCorpusTests {
    /// KNOWN_BUGS: fixtures whose expectation is what SHOULD happen but the desk does not do yet, with the
    /// reason. The test expects them to fail (a fixed bug shows up as "known issue was not recorded": then
    /// remove its entry).
    static let knownBugs: [String: String] = [:]

    @Test("the corpus covers what issue 3 asks for, and every fixture has its expectation")
    func coverage() throws {
        let names = ReplyFixture.names
        #expect(names.count >= 40, "\(names.count) fixtures")
        #expect(names.filter { $0.hasPrefix("es-") }.count >= 6, "Spanish fixtures")
        #expect(FileManager.default.fileExists(atPath: ReplyFixture.directory + "/README.txt"))
        for name in names { _ = try ReplyFixture(name) }
        let files = try FileManager.default.contentsOfDirectory(atPath: ReplyFixture.directory)
        for json in files where json.hasSuffix(".expected.json") {
            #expect(names.contains(String(json.dropLast(14))), "\(json) has no .eml")
        }
        for name in Self.knownBugs.keys { #expect(names.contains(name), "KNOWN_BUGS names no fixture \(name)") }
    }

    @Test("each fixture gives its expected Add/Drop outcome", arguments: ReplyFixture.names)
    func fixture(_ name: String) async throws {
        let district = try await offPool { try ReplyCorpusDistrict.shared.get() }
        if let reason = Self.knownBugs[name] {
            await withKnownIssue(Comment(rawValue: reason)) { try await Self.check(name, district) }
        } else {
            try await Self.check(name, district)
        }
    }

    /// What one fixture did to a fresh store.
    struct Run: Sendable {
        var rendered: [UInt8]
        var outcome: ReplyDesk.Outcome
        var received: [RosterDatabase.ReceivedMessage]
        var changes: [RosterDatabase.RecordedChange]
        var confirmations: [OutboxMessage]
        /// Student numbers on the site's roster the day after the reply.
        var rosterAfter: Set<String>
    }

    static func check(_ name: String, _ d: ReplyCorpusDistrict) async throws {
        let fixture = try ReplyFixture(name)
        let e = fixture.expected
        let run = try await offPool { try Self.handle(fixture, d) }
        let o = run.outcome
        let context = "\(name): \(o.state.rawValue), \(o.reason)"

        #expect(o.state.rawValue == e.state, "\(context)")
        #expect(run.received.count == 1, "\(name): one inbox row")
        #expect(run.received.first?.state == e.state, "\(context)")
        if let piece = e.reasonContains {
            #expect(o.reason.contains(piece), "\(name): reason \"\(o.reason)\" lacks \"\(piece)\"")
        }

        // The change rows.
        func sub(_ s: String) throws -> String { try ReplyFixture.substitute(s, d) }
        let expectedApplied = try e.applied.map { c in
            "\(c.action) \(try sub(c.student))" + (c.effective.map { " effective \($0)" } ?? "")
        }.sorted()
        let actualApplied = run.changes.filter { $0.state == "applied" }.map { c in
            "\(c.action) \(c.studentNumber ?? "?")"
                + (c.effective == today ? "" : " effective \(c.effective ?? "none")")
        }.sorted()
        #expect(actualApplied == expectedApplied, "\(context)\n\(describe(run.changes))")
        let listed = describe(run.changes)
        #expect(run.changes.filter { $0.state == "needs_review" }.count == e.needsReview, "\(context)\n\(listed)")
        #expect(run.changes.filter { $0.state == "rejected" }.count == e.rejected, "\(context)\n\(listed)")
        let review = run.changes.filter { $0.state == "needs_review" }.count
        #expect(o.applied == actualApplied.count && o.needsReview == review, "\(context): outcome counts")
        #expect(o.confirmed == !run.confirmations.isEmpty, "\(context): outcome.confirmed")

        // The roster the day after: the original plus the adds, minus the drops effective by then.
        var roster = Set(ReplyCorpusDistrict.roster.map(\.number))
        for c in run.changes where c.state == "applied" && (c.effective ?? today) <= today {
            if c.action == "add" { roster.insert(c.studentNumber ?? "") } else { roster.remove(c.studentNumber ?? "") }
        }
        #expect(run.rosterAfter == roster, "\(name): the site's roster after the reply")

        // The confirmation.
        #expect(run.confirmations.count == (e.confirmation ? 1 : 0), "\(context): confirmations")
        if e.state != "applied" {
            #expect(run.changes.isEmpty, "\(name): nothing recorded for a message that is not applied")
        }
        guard let confirmation = run.confirmations.first else { return }
        let text = try confirmationText(confirmation)
        let sender = run.received.first?.sender ?? ""
        #expect(confirmation.recipient.lowercased() == sender.lowercased(), "\(name): confirmation to the sender")
        for piece in try e.confirmationIncludes.map(sub) {
            #expect(text.contains(piece), "\(name): confirmation lacks \"\(piece)\"\n\(text)")
        }
        for piece in try e.confirmationExcludes.map(sub) {
            #expect(!text.contains(piece), "\(name): confirmation has \"\(piece)\"\n\(text)")
        }
        if let n = e.notUnderstood {
            #expect(section(text, "Not understood").count == n, "\(name): not understood\n\(text)")
        }
        // Privacy: a student outside the partner's roster (after this reply) is never named, unless the
        // partner wrote the name or number themselves.
        let written = try partnerText(run.rendered)
        let writtenFolded = fold(written)
        let named = Set(run.changes.filter { $0.state == "applied" }.compactMap(\.studentNumber)).union(run.rosterAfter)
        for s in ReplyCorpusDistrict.others + ReplyCorpusDistrict.foreign where !named.contains(s.number) {
            if !writtenFolded.contains(fold(s.name)) {
                #expect(!fold(text).contains(fold(s.name)), "\(name): confirmation names \(s.name)\n\(text)")
            }
            if !written.contains(s.number) {
                #expect(!text.contains(s.number), "\(name): confirmation shows \(s.number)\n\(text)")
            }
        }
    }

    static let today = CalendarDay(ReplyCorpusDistrict.now, in: ReplyCorpusDistrict.timeZone).description

    /// The fixture through a fresh store (blocking: call off the cooperative pool).
    static func handle(_ fixture: ReplyFixture, _ d: ReplyCorpusDistrict) throws -> Run {
        let scratch = Scratch()
        let store = try d.freshStore(in: scratch.path)
        let desk = ReplyDesk(config: d.config, store: store, keys: [d.key], logger: Logger(label: "reply-corpus"))
        let bytes = try fixture.render(d)
        if let dump = ProcessInfo.processInfo.environment["REPLY_CORPUS_DUMP"] {
            // The rendered message, for `rostermail inspect` when a fixture needs a closer look.
            try FileManager.default.createDirectory(atPath: dump, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: dump + "/\(fixture.name).eml"))
        }
        let outcome = try desk.handle(bytes, source: InboxSource(kind: "ingest"), now: ReplyCorpusDistrict.now)
        let dayAfter = CalendarDay(ReplyCorpusDistrict.now, in: ReplyCorpusDistrict.timeZone).adding(days: 1)
        let students = try store.schoolStudents(schoolNumber: "101", siteID: ReplyCorpusDistrict.siteID, on: dayAfter)
        return Run(
            rendered: bytes, outcome: outcome, received: try store.receivedMessages(),
            changes: try store.recordedChanges(),
            confirmations: try store.outboxMessages().filter { $0.kind == "confirmation" },
            rosterAfter: Set(students.filter(\.onSiteRoster).map(\.studentNumber)))
    }

    /// Every decoded text part of the message, HTML as text, and its subject: what the partner wrote or quoted.
    static func partnerText(_ bytes: [UInt8]) throws -> String {
        let message = try MessageParser.parse(bytes, limits: .default)
        let texts = message.parts.compactMap { part -> String? in
            guard let text = part.text else { return nil }
            return part.contentType == "text/html" ? HTMLText.text(fromHTML: text) : text
        }
        return ([message.subject ?? ""] + texts).joined(separator: "\n")
    }

    static func confirmationText(_ m: OutboxMessage) throws -> String {
        ReplyBody.text(of: try MessageParser.parse(m.bytes, limits: .default))
    }

    /// The `  - …` lines under the heading that starts with `title`.
    static func section(_ text: String, _ title: String) -> [Substring] {
        var lines: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(title) {
                inside = true
            } else if inside && line.hasPrefix("  - ") {
                lines.append(line)
            } else if inside {
                break
            }
        }
        return lines
    }

    static func fold(_ s: String) -> String { ReplyFixture.plain(s).lowercased() }

    static func describe(_ changes: [RosterDatabase.RecordedChange]) -> String {
        changes.map {
            "  \($0.state) \($0.action) \($0.studentNumber ?? "-") [\($0.source)] \"\($0.rawLine)\" \($0.reason)"
        }
        .joined(separator: "\n")
    }
}
