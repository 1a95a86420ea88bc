import Foundation
import Testing

@testable import Roster

@Suite("Replies: confirmation and review digest")
struct RepliesComposerTests {
    static let now = CalendarDay(year: 2026, month: 12, day: 2)!.instant(hour: 10, minute: 0, in: ReplyFixture.timeZone)
    let composer = ConfirmationComposer(district: ReplyFixture.district, timeZone: ReplyFixture.timeZone)

    static let accepted: AcceptedReply = {
        let d = ReplyFixture.directory
        return AcceptedReply(
            token: ReplyFixture.token(), site: ReplyFixture.siteA,
            program: d.program(id: ReplyFixture.siteA.programID)!,
            partner: d.partner(id: "bright-futures")!, school: ReplyFixture.school101, sender: ReplyFixture.ana,
            role: .contact, messageID: "CAF1234@mail.gmail.com")
    }()
    static let reply = ReplyReference(
        messageID: "CAF1234@mail.gmail.com", references: ["roster.x@riverbend.example"],
        subject: "RE: After School Club roster\r\nBcc: evil@example")

    func entries(_ own: String, csv: String? = nil) -> [ResolvedEntry] {
        let items = ReplyExtractor().extract(
            ownText: own, fullText: nil, attachments: csv.map { [("roster.csv", Array($0.utf8))] } ?? [],
            sentRoster: ReplyFixture.sentRoster)
        return ReplyResolver.resolve(items, matcher: ReplyFixture.matcher)
    }

    @Test func headersAndThreading() throws {
        let mail = try composer.compose(
            accepted: Self.accepted, reply: Self.reply, entries: entries("ADD 1000202"), now: Self.now)
        let text = String(decoding: mail.bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.contains("To: Ana Ruiz <ana@brightfutures.example>"))
        #expect(head.contains("Cc: =?utf-8?") || head.contains("Cc: Morgan"))
        #expect(head.contains("csc.101@riverbend.example"))
        #expect(head.contains("In-Reply-To: <CAF1234@mail.gmail.com>"))
        #expect(head.contains("References: <roster.x@riverbend.example> <CAF1234@mail.gmail.com>"))
        #expect(head.contains("Auto-Submitted: auto-replied"))
        #expect(head.contains("Subject: RE: After School Club roster Bcc: evil@example"))
        #expect(!head.contains("\r\nBcc:"))
        #expect(head.contains("rosters+\(Self.accepted.token.text)@riverbend.example"))
        #expect(mail.messageID.hasPrefix("confirm.\(Self.accepted.token.text)."))
        // The confirmation's own Message-ID leads a further reply back to the same site.
        #expect(
            ReplyToken.find(in: ["<\(mail.messageID)>"], localPart: "rosters", domain: "riverbend.example")
                == [Self.accepted.token.text])
        // Stable: the same reply gives the same message.
        let again = try composer.compose(
            accepted: Self.accepted, reply: Self.reply, entries: entries("ADD 1000202"), now: Self.now)
        #expect(again.bytes == mail.bytes)
    }

    @Test func noCCWhenTheCSCReplied() throws {
        var a = Self.accepted
        a.sender = ReplyFixture.csc101
        a.role = .coordinator
        let text = String(
            decoding: try composer.compose(accepted: a, reply: Self.reply, entries: [], now: Self.now).bytes,
            as: UTF8.self)
        #expect(!text.contains("\r\nCc:"))
    }

    @Test func lineByLineOutcomes() {
        let text = composer.text(
            accepted: Self.accepted,
            entries: entries(
                "ADD 1000202\nADD 1000101\nADD Emma Johnson\nDROP 1000207\nadd the new kid 123\nDROP 1000106 effective 2026-12-04\ndrop Noah Smith"
            ))
        #expect(text.contains("Applied:\n  - \"ADD 1000202\" (line 1): Emma Johnson (student no. 1000202) added."))
        #expect(text.contains("\"ADD 1000101\" (line 2): Maria Lopez (student no. 1000101) is already on your roster."))
        #expect(
            text.contains(
                "Waiting for your Community School Coordinator, Morgan Díaz:\n  - \"ADD Emma Johnson\" (line 3): could not be matched"
            ))
        #expect(text.contains("\"DROP 1000207\" (line 4): this student number is not on your roster"))
        #expect(
            text.contains(
                "Not understood (nothing changed; please write these again):\n  - \"add the new kid 123\" (line 5)"))
        #expect(text.contains("Noah Smith (student no. 1000106) dropped effective 2026-12-04."))
        #expect(text.contains("\"drop Noah Smith\" (line 7): same change as line 6."))
    }

    @Test func nothingFound() {
        let text = composer.text(accepted: Self.accepted, entries: entries("Thanks, looks good!"))
        #expect(text.contains("We found no roster changes in your reply."))
    }

    /// A partner is never told anything about a student outside its site: every command aimed at another
    /// student of the school (by number, by name, with a wrong name or grade, ambiguous) reads back only
    /// the partner's own words, and no name, number or grade of ours for such a student appears.
    @Test("never leak: nothing about students outside the partner's site")
    func neverLeak() {
        let outside = ReplyFixture.students.filter { !$0.onSiteRoster }
        let rosterNames = Set(
            ReplyFixture.students.filter(\.onSiteRoster).map { TextFolding.fold($0.givenName + " " + $0.familyName) })
        var lines: [String] = []
        for s in outside {
            lines.append("DROP \(s.studentNumber)")
            // (A DROP by a name that a roster student also has drops that roster student: not a leak.)
            if !rosterNames.contains(TextFolding.fold(s.givenName + " " + s.familyName)) {
                lines.append("DROP \(s.givenName) \(s.familyName)")
            }
            lines.append("ADD \(s.studentNumber) Wrong Person")
            lines.append("ADD \(s.studentNumber), grade \(s.grade == Grade(ceds: "01") ? "2" : "1")")
        }
        lines += ["ADD Emma Johnson", "ADD Maria Lopez", "ADD Zoe Parker, grade 3", "ADD 1000299", "ADD 0012346"]
        let resolved = entries(lines.joined(separator: "\n"))
        // None of these may be applied: each was written so that it cannot be.
        #expect(!resolved.contains { if case .apply = $0.status { return true } else { return false } })
        var text = composer.text(accepted: Self.accepted, entries: resolved)
        for e in resolved { text = text.replacingOccurrences(of: "\"\(e.text)\"", with: "\"…\"") }
        let folded = TextFolding.fold(text)
        for s in outside {
            #expect(!text.contains(s.studentNumber), "number of \(s.studentNumber) leaked")
            for word in TextFolding.nameWords(s.givenName + " " + s.familyName) {
                #expect(!folded.contains(word), "name of \(s.studentNumber) leaked")
            }
        }
        #expect(!text.contains("grade"), "a grade was mentioned")
        // Review reasons stay for the CSC.
        #expect(!text.contains("several students") && !text.contains("does not match"))
    }

    @Test func reviewDigestNamesEverythingForTheCSC() throws {
        let digest = ReviewDigestComposer(district: ReplyFixture.district, timeZone: ReplyFixture.timeZone)
        let e = entries("ADD Emma Johnson").first!
        guard case .needsReview(let reason) = e.status else {
            Issue.record("not review")
            return
        }
        let candidates = ReplyFixture.students.filter { $0.familyName == "Johnson" }
        let item = ReviewItem(
            siteID: ReplyFixture.siteA.id, programName: "After School Club", sender: "ana@brightfutures.example",
            receivedAt: Self.now, source: e.source, text: e.text, reason: reason, candidates: candidates)
        let q = QuarantineNotice(
            receivedAt: Self.now, sender: "mallory@evil.example", subject: "Re: roster", reason: .senderNotAContact)
        let day = CalendarDay(year: 2026, month: 12, day: 2)!
        let mail = try #require(
            try digest.compose(school: ReplyFixture.school101, day: day, items: [item], quarantined: [q], now: Self.now)
        )
        let text = digest.text(school: ReplyFixture.school101, day: day, items: [item], quarantined: [q])
        #expect(text.contains("wrote: \"ADD Emma Johnson\""))
        #expect(text.contains("several students fit: student no. 1000202, 1000208"))
        #expect(text.contains("candidate: Emma Johnson (student no. 1000208, grade 5, not in this program)"))
        #expect(text.contains("mallory@evil.example"))
        #expect(mail.messageID.hasPrefix("review.101.20261202."))
        #expect(mail.recipient == "csc.101@riverbend.example")
        #expect(
            try digest.compose(school: ReplyFixture.school101, day: day, items: [], quarantined: [], now: Self.now)
                == nil)
    }
}
