import Foundation
import MailMessage
import Roster
import RosterDaemon
import RosterStore
import Testing

/// CSC actions end to end with the built binary: a partner's reply through a real Dovecot leaves lines for review
/// and a reply from a personal address is refused; `rostermail digest` numbers them in the CSC's review email
/// (delivered to aiosmtpd); the CSC's reply with APPLY … AS, REJECT and RELEASE, again through Dovecot, changes
/// the roster, and the CSC's confirmation and the partners' follow-ups reach the SMTP server.
@Suite("CSC actions: review email → APPLY / REJECT / RELEASE through Dovecot IMAP and SMTP", .serialized)
struct CSCActionRoundTripTests {
    static let environment = DataRequestRoundTripTests.environment

    static func mail(
        from: String, to: String, subject: String, body: String, id: String, inReplyTo: String? = nil
    ) throws -> [UInt8] {
        try DataRequestRoundTripTests.mail(
            from: from, to: to, subject: subject, body: body, id: id, inReplyTo: inReplyTo)
    }

    static func text(_ m: ParsedMessage) -> String { ReplyBody.text(of: m) }

    @Test("review lines and a refused reply are numbered; the CSC's reply applies, rejects and releases them once")
    func roundTrip() async throws {
        let s = Scratch()
        let sample = s.path + "/sample"
        #expect(
            try await run(["sample-district", "--students", "600", "--schools", "2", "--seed", "9", "--out", sample])
                .status == 0)
        let smtp = try await SMTPServer.start("aiosmtpd_server.py")
        let dovecot = DovecotProcess()
        let fm = FileManager.default
        for sub in ["new", "cur", "tmp"] {
            try fm.createDirectory(atPath: dovecot.maildir + "/" + sub, withIntermediateDirectories: true)
        }
        try await dovecot.start()
        defer { dovecot.stop() }
        let inst = try TestInstallation(
            delivery: SMTPDeliveryTests.smtpDelivery(port: smtp.port),
            extra: [
                "replies:", "  mailbox: \"imap://127.0.0.1:\(dovecot.port)/INBOX\"", "  username: roster",
                "  ca_file: \"\(IntegrationCA.files.ca)\"",
            ])
        try fm.removeItem(atPath: inst.config + "/partners.yaml")
        try fm.copyItem(atPath: sample + "/partners.yaml", toPath: inst.config + "/partners.yaml")
        #expect(try await run(["import", "oneroster", sample + "/oneroster"] + inst.global).status == 0)
        #expect(try await run(["import", "participation", sample + "/participation.csv"] + inst.global).status == 0)
        let week = ISOWeek(containing: Date(), in: TimeZone(identifier: "America/Chicago")!)
        let mailed = try await run(["mail", "--week", week.description] + inst.global, environment: Self.environment)
        #expect(mailed.status == 0, "\(mailed.stderr)")

        // A contact's roster email, and two students of the school who are not in the program.
        let config = try ConfigLoader.load(directory: inst.config)
        let store = try inst.store
        let rosters = try smtp.received().map { try MessageParser.parse($0) }.filter {
            $0.header("X-RosterMail-Kind") == nil && ($0.subject ?? "").contains(" roster for ")
        }
        let roster = try #require(rosters.first)
        let contact = try #require(roster.to.first?.address)
        let site = try #require(config.directory.sites.first { s in s.contacts.contains { $0.email == contact } })
        let csc = try #require(config.directory.school(number: site.schoolNumber)?.coordinator.email)
        let today = CalendarDay(Date(), in: config.timeZone)
        let outside = try store.schoolStudents(schoolNumber: site.schoolNumber, siteID: site.id, on: today)
            .filter { !$0.onSiteRoster && $0.grade != nil }
        let (first, second) = (try #require(outside.first), try #require(outside.dropFirst().first))
        // The wrong grade makes the line wait for the CSC, with the student as its one candidate.
        let wrongGrade = first.grade?.label == "03" ? "4" : "3"
        func put(_ bytes: [UInt8], _ n: Int) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: dovecot.maildir + "/new/\(1_800_000_200 + n).M\(n).test"))
        }
        let replyTo = try #require(roster.replyTo.first?.address)
        try put(
            try Self.mail(
                from: contact, to: replyTo, subject: "Re: " + (roster.subject ?? ""),
                body: "ADD \(first.givenName) \(first.familyName) grade \(wrongGrade)\nADD 99999991\n\nThanks",
                id: "partner-1@partner.test", inReplyTo: roster.messageID), 1)
        let personal = "someone.personal@home.test"
        try put(
            try Self.mail(
                from: personal, to: replyTo, subject: "Re: " + (roster.subject ?? ""),
                body: "ADD \(second.studentNumber)\n", id: "partner-2@home.test", inReplyTo: roster.messageID), 2)
        #expect(try await run(["poll"] + inst.global, environment: Self.environment).status == 0)
        #expect(dovecot.count(".Quarantine") == 1)

        // The review email: numbered items, the candidate, the refused reply as Q1, a signed reply address.
        let digest = try await run(["digest", "--day", today.description] + inst.global, environment: Self.environment)
        #expect(digest.status == 0, "\(digest.stderr)")
        #expect(try await run(["outbox", "send"] + inst.global, environment: Self.environment).status == 0)
        let review = try #require(
            try smtp.received().map { try MessageParser.parse($0) }.first {
                $0.header("X-RosterMail-Kind") == "review" && $0.to.first?.address == csc
            })
        let reviewText = Self.text(review)
        #expect(reviewText.contains("1. ") && reviewText.contains("2. ") && reviewText.contains("Q1. "))
        #expect(reviewText.contains("student no. \(first.studentNumber)"))
        let reviewReply = try #require(review.replyTo.first?.address)

        // The CSC acts; a quoted copy of the review email with its examples comes along, as Gmail quotes it.
        let quoted = reviewText.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }
            .joined(separator: "\n")
        try put(
            try Self.mail(
                from: csc, to: reviewReply, subject: "Re: " + (review.subject ?? ""),
                body: "APPLY 1 AS \(first.studentNumber)\nREJECT 2 no student has that number\nRELEASE Q1\n\n"
                    + "On Monday RosterMail wrote:\n" + quoted,
                id: "csc-1@district.test", inReplyTo: review.messageID), 3)
        #expect(try await run(["poll"] + inst.global, environment: Self.environment).status == 0)
        #expect(try await run(["outbox", "send"] + inst.global, environment: Self.environment).status == 0)
        let onRoster = Set(
            try store.schoolStudents(schoolNumber: site.schoolNumber, siteID: site.id, on: today)
                .filter(\.onSiteRoster).map(\.studentNumber))
        #expect(onRoster.contains(first.studentNumber), "APPLY 1 AS …")
        #expect(onRoster.contains(second.studentNumber), "RELEASE Q1 read the refused reply")
        let all = try smtp.received().map { try MessageParser.parse($0) }
        let confirmation = try #require(
            all.first { $0.header("X-RosterMail-Kind") == "csc-confirmation" && $0.to.first?.address == csc })
        let lines = Self.text(confirmation)
        #expect(lines.contains("student \(first.studentNumber) added"))
        #expect(lines.contains("rejected; the partner is told why"))
        #expect(lines.contains("reply Q1 from \(personal) released: 1 applied"))
        let followUp = try #require(
            all.first { $0.header("X-RosterMail-Kind") == "csc-follow-up" && $0.to.first?.address == contact })
        #expect(Self.text(followUp).contains("not applied: no student has that number"))
        #expect(followUp.inReplyTo == "partner-1@partner.test")
        #expect(all.contains { $0.to.first?.address == personal && ($0.subject ?? "").hasPrefix("Re: ") })

        // The same actions again in a new message: nothing more happens.
        let before = smtp.received().count
        try put(
            try Self.mail(
                from: csc, to: reviewReply, subject: "Re: " + (review.subject ?? ""),
                body: "APPLY 1 AS \(first.studentNumber)\nRELEASE Q1\n", id: "csc-2@district.test",
                inReplyTo: review.messageID), 4)
        #expect(try await run(["poll"] + inst.global, environment: Self.environment).status == 0)
        #expect(try await run(["outbox", "send"] + inst.global, environment: Self.environment).status == 0)
        let later = try smtp.received().map { try MessageParser.parse($0) }
        #expect(later.count == before + 1, "only the CSC's confirmation")
        #expect(later.last.map { Self.text($0).contains("dealt with already") } == true)

        // The week's SIS export by hand carries the two applied adds; imported as is, it confirms them.
        let exportPath = s.path + "/export.csv"
        let exported = try await run(
            ["export", "sis", "--week", week.description, "--out", exportPath] + inst.global,
            environment: Self.environment)
        #expect(exported.status == 0 && exported.stdout.contains("2 row(s)"), "\(exported.stdout)\(exported.stderr)")
        let csv = try String(contentsOfFile: exportPath, encoding: .utf8)
        #expect(csv.hasPrefix("student_number,school_number,program_code,start_date,end_date\r\n"))
        #expect(
            csv.contains("\(first.studentNumber),\(site.schoolNumber),") && csv.contains("\(second.studentNumber),"))
        let imported = try await run(["import", "participation", exportPath] + inst.global)
        #expect(imported.status == 0 && imported.stdout.contains("2 confirmed by the SIS"), "\(imported.stdout)")
        let again = try await run(
            ["export", "sis", "--week", week.description, "--out", s.path + "/again.csv"] + inst.global,
            environment: Self.environment)
        #expect(again.stdout.contains("nothing to export"), "a change is exported once")
    }
}
