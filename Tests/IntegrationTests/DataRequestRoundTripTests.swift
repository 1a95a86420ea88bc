import Foundation
import MailMessage
import Roster
import RosterDaemon
import RosterStore
import Testing

/// Data requests end to end with the built binary: a partner's request arrives in a real Dovecot (STARTTLS,
/// test CA) and `rostermail poll` files it; `outbox send` delivers the acknowledgement and the data team's
/// review to a real SMTP server (aiosmtpd, STARTTLS + AUTH); the team's APPROVE, again through Dovecot, sends
/// the answer with its files; `requests list --json` shows each step.
@Suite("data requests: round trip through Dovecot IMAP intake and SMTP delivery", .serialized)
struct DataRequestRoundTripTests {
    static let key = String(repeating: "5d", count: 32)
    static let environment = [
        "ROSTERMAIL_IMAP_PASSWORD": "secret", "ROSTERMAIL_SMTP_PASSWORD": "secret", "ROSTERMAIL_REPLY_KEY": key,
    ]

    static func mail(from: String, to: String, subject: String, body: String, id: String, inReplyTo: String? = nil)
        throws -> [UInt8]
    {
        let domain = from.split(separator: "@").last.map(String.init) ?? ""
        var m = OutgoingMessage(
            from: try MailAddress(from, displayName: "Sender"), to: [try MailAddress(to)], subject: subject,
            date: Date(),
            timeZone: TimeZone(identifier: "UTC")!, messageID: id, body: .text(body))
        if let inReplyTo {
            m.inReplyTo = inReplyTo
            m.references = [inReplyTo]
        }
        m.extraHeaders = [("Authentication-Results", "district.test; spf=pass; dmarc=pass header.from=\(domain)")]
        return try MessageWriter.render(m, seed: id)
    }

    static func csv(_ bytes: [UInt8]) -> [[String]] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test("request → acknowledgement + review → APPROVE → answer with its files; a replayed APPROVE does nothing")
    func roundTrip() async throws {
        let s = Scratch()
        let sample = s.path + "/sample"
        #expect(
            try await run(["sample-district", "--students", "1200", "--schools", "2", "--seed", "5", "--out", sample])
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
                "  ca_file: \"\(IntegrationCA.files.ca)\"", "requests:", "  data_team: [analyst@district.test]",
            ])
        try fm.removeItem(atPath: inst.config + "/partners.yaml")
        try fm.copyItem(atPath: sample + "/partners.yaml", toPath: inst.config + "/partners.yaml")
        #expect(try await run(["import", "oneroster", sample + "/oneroster"] + inst.global).status == 0)
        #expect(try await run(["import", "participation", sample + "/participation.csv"] + inst.global).status == 0)
        let outcomes = try await run(["import", "outcomes", sample + "/outcomes"] + inst.global)
        #expect(outcomes.status == 0, "\(outcomes.stderr)")

        // The contact of the largest site asks for de-identified data of this school year.
        let config = try ConfigLoader.load(directory: inst.config)
        let store = try inst.store
        let today = CalendarDay(Date(), in: config.timeZone)
        let week = ISOWeek(containing: Date(), in: config.timeZone)
        var largest: (site: Site, count: Int)?
        for site in config.directory.sites {
            let partner = try #require(config.directory.program(id: site.programID)?.partnerID)
            let n = try store.weeklyRoster(siteID: site.id, partnerID: partner, week: week).active.count
            if n > (largest?.count ?? 0) { largest = (site, n) }
        }
        let site = try #require(largest?.site)
        let contact = try #require(site.contacts.first)
        let period = SchoolYear(containing: today)
        func put(_ bytes: [UInt8], _ n: Int) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: dovecot.maildir + "/new/\(1_800_000_100 + n).M\(n).test"))
        }
        try put(
            try Self.mail(
                from: contact.email, to: "data.requests@district.test", subject: "Data for our report",
                body: """
                    Hello,

                    DATA REQUEST
                    Measures: attendance, behavior, grades, assessments, improvement
                    Level: de-identified
                    Period: \(period)
                    Purpose: annual report to our funder

                    Thanks
                    """, id: "request-1@partner.test"), 1)
        let poll = try await run(["poll"] + inst.global, environment: Self.environment)
        #expect(poll.status == 0, "\(poll.stderr)")
        func requests() async throws -> [[String: Any]] {
            let list = try await run(["requests", "list", "--json"] + inst.global, environment: Self.environment)
            #expect(list.status == 0, "\(list.stderr)")
            return try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: Any]]
        }
        let filed = try await requests()
        #expect(filed.count == 1)
        let keys = ["id", "site_id", "status", "received_at", "due_at", "answered_at"]
        #expect(filed.allSatisfy { row in keys.allSatisfy { row.keys.contains($0) } }, "\(filed)")
        #expect(filed.first?["status"] as? String == "review", "\(filed)")
        #expect(filed.first?["site_id"] as? String == site.id)
        #expect(filed.first?["due_at"] as? String == today.adding(days: 14).description)
        let id = try #require(filed.first?["id"] as? Int)

        // The acknowledgement and the review reach the SMTP server.
        let send = try await run(["outbox", "send"] + inst.global, environment: Self.environment)
        #expect(send.status == 0, "\(send.stderr)")
        let first = try smtp.received().map { try MessageParser.parse($0) }
        let ack = try #require(first.first { $0.header("X-RosterMail-Kind") == "data-ack" })
        #expect(ack.to.first?.address == contact.email)
        #expect(ReplyBody.text(of: ack).contains("Its number is \(id)"))
        let review = try #require(first.first { $0.header("X-RosterMail-Kind") == "data-review" })
        #expect(review.to.first?.address == "analyst@district.test")
        #expect(Set(review.parts.compactMap(\.filename)).isSuperset(of: ["aggregates.csv", "README.txt"]))

        // The analyst approves by replying; then the same APPROVE again (a client resending it).
        let approve = try Self.mail(
            from: "analyst@district.test", to: try #require(review.replyTo.first?.address),
            subject: "Re: " + (review.subject ?? ""),
            body: "APPROVE\n\n> " + ReplyBody.text(of: review).split(separator: "\n").joined(separator: "\n> "),
            id: "approve-1@district.test", inReplyTo: review.messageID)
        try put(approve, 2)
        #expect(try await run(["poll"] + inst.global, environment: Self.environment).status == 0)
        #expect(try await run(["outbox", "send"] + inst.global, environment: Self.environment).status == 0)
        let answered = try await requests()
        #expect(answered.first?["status"] as? String == "answered" && answered.first?["answered_at"] is String)
        let all = try smtp.received().map { try MessageParser.parse($0) }
        let answers = all.filter { $0.header("X-RosterMail-Kind") == "data-answer" }
        #expect(answers.count == 1)
        let answer = try #require(answers.first)
        #expect(answer.to.first?.address == contact.email)
        let files = Dictionary(uniqueKeysWithValues: answer.parts.compactMap { p in p.filename.map { ($0, p.body) } })
        #expect(Set(files.keys) == ["aggregates.csv", "deidentified.csv", "README.txt"], "\(files.keys)")
        // The files the partner got are the files the analyst reviewed.
        for p in review.parts where p.filename != nil { #expect(files[p.filename!] == p.body) }
        let aggregates = Self.csv(try #require(files["aggregates.csv"]))
        #expect(
            aggregates.first == ["group", "students", "measure", "count", "percent", "shown_as", "withheld_reason"])
        for row in aggregates.dropFirst() {
            if let n = Int(row[1]), n <= 10 { #expect(row[3].isEmpty && row[4].isEmpty, "group of \(n): \(row)") }
        }
        let rows = Self.csv(try #require(files["deidentified.csv"]))
        #expect(Array(rows.first?.prefix(5) ?? []) == ["student", "school", "gender", "grade", "race_ethnicity"])
        // One row per student in the program during the school year (this week's roster and any who left).
        #expect(rows.count - 1 >= largest?.count ?? .max, "one row per student in the program")
        // No student name anywhere in what the partner got.
        let names = try store.schoolStudents(schoolNumber: site.schoolNumber, siteID: site.id, on: today)
            .filter(\.onSiteRoster).map(\.familyName)
        let everything = String(decoding: files.values.joined(), as: UTF8.self) + ReplyBody.text(of: answer)
        #expect(names.allSatisfy { !everything.contains(",\($0),") }, "no family name in a CSV field")

        try put(
            try Self.mail(
                from: "analyst@district.test", to: try #require(review.replyTo.first?.address),
                subject: "Re: " + (review.subject ?? ""), body: "APPROVE", id: "approve-2@district.test",
                inReplyTo: review.messageID), 3)
        #expect(try await run(["poll"] + inst.global, environment: Self.environment).status == 0)
        #expect(try await run(["outbox", "send"] + inst.global, environment: Self.environment).status == 0)
        #expect(
            try smtp.received().map { try MessageParser.parse($0) }.filter {
                $0.header("X-RosterMail-Kind") == "data-answer"
            }.count == 1, "a second APPROVE sends nothing again")
        #expect(dovecot.count(".Processed") == 3)

        // An audit independent of the code that made the answer: scripts/answer_audit.py recomputes the roster
        // and the measures with its own SQL, and checks every table with scipy's milp.
        let measures = "attendance,behavior,grades,assessments,improvement"
        func audit(_ message: [UInt8], name: String, earlier: [String] = []) async throws -> RunResult {
            let path = s.path + "/" + name
            try Data(message).write(to: URL(fileURLWithPath: path))
            return try await run(
                [
                    root + "/scripts/answer_audit.py", "--db", inst.state + "/rostermail.sqlite", "--site", site.id,
                    "--period", period.description, "--today", today.description, "--measures", measures,
                    "--save-sets", path + ".sets.json",
                ] + earlier.flatMap { ["--earlier", s.path + "/" + $0 + ".sets.json"] } + [path],
                executable: "/usr/bin/python3")
        }
        let rawAnswers = try smtp.received().filter {
            try MessageParser.parse($0).header("X-RosterMail-Kind") == "data-answer"
        }
        let audited = try await audit(try #require(rawAnswers.first), name: "answer-1.eml")
        #expect(audited.status == 0, "\(audited.stdout)\(audited.stderr)")
        // The audit can fail: a count off by one is caught.
        let text = String(decoding: try #require(files["aggregates.csv"]), as: UTF8.self)
        let shownRow = try #require(aggregates.dropFirst().first { Int($0[3]) != nil })
        let bumped = shownRow.enumerated().map { $0.offset == 3 ? String(Int($0.element)! + 1) : $0.element }
        let tampered = text.replacingOccurrences(
            of: shownRow.joined(separator: ","), with: bumped.joined(separator: ","))
        let forged = """
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/csv; charset=utf-8\r
            Content-Disposition: attachment; filename="aggregates.csv"\r
            \r
            \(tampered)\r
            --b--\r

            """
        let caught = try await audit(Array(forged.utf8), name: "tampered.eml")
        #expect(caught.status == 1 && caught.stdout.contains("count \(bumped[3])"), "\(caught.stdout)")

        // One student joins the program; a second answer for the same period cannot be subtracted from the first.
        let program = try #require(config.directory.program(id: site.programID))
        let participation = try String(contentsOfFile: sample + "/participation.csv", encoding: .utf8)
        var everInProgram = Set<String>()
        for line in participation.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if fields.count > 2 && fields[2] == program.code { everInProgram.insert(String(fields[0])) }
        }
        let newcomer = try #require(
            try store.schoolStudents(schoolNumber: site.schoolNumber, siteID: site.id, on: today).first {
                !everInProgram.contains($0.studentNumber)
            })
        let grown = s.path + "/participation-grown.csv"
        try (participation + "\(newcomer.studentNumber),\(site.schoolNumber),\(program.code),\(today),\n")
            .write(toFile: grown, atomically: true, encoding: .utf8)
        #expect(try await run(["import", "participation", grown] + inst.global).status == 0)
        let filed2 = try await run(
            [
                "requests", "file", "--site", site.id, "--measures", measures, "--level", "aggregate", "--period",
                period.description, "--purpose", "second report",
            ] + inst.global, environment: Self.environment)
        #expect(filed2.status == 0, "\(filed2.stderr)")
        let second = try #require(try await requests().compactMap { $0["id"] as? Int }.max())
        #expect(second != id)
        let approved = try await run(
            ["requests", "approve", String(second)] + inst.global, environment: Self.environment)
        #expect(approved.status == 0, "\(approved.stderr)")
        #expect(try await run(["outbox", "send"] + inst.global, environment: Self.environment).status == 0)
        let rawSecond = try #require(
            try smtp.received().filter {
                try MessageParser.parse($0).header("X-RosterMail-Kind") == "data-answer"
            }.last)
        #expect(rawSecond != rawAnswers.first)
        let secondFiles = try MessageParser.parse(rawSecond).parts.compactMap { p in
            p.filename.map { ($0, p.body) }
        }
        let secondAggregates = Self.csv(try #require(secondFiles.first { $0.0 == "aggregates.csv" }?.1))
        // Each whole-roster count the first answer showed is withheld now wherever the newcomer has data for the
        // measure (the roster's size for it grew by one).
        var grewAndWithheld = 0
        for row in aggregates.dropFirst() where row[0] == "all" && !row[3].isEmpty {
            let now = try #require(secondAggregates.first { $0[0] == "all" && $0[2] == row[2] })
            guard now[1] != row[1] else { continue }
            #expect(now[3].isEmpty && now[5] == "withheld", "\(row) then \(now)")
            #expect(now[6].contains("earlier answer"))
            grewAndWithheld += 1
        }
        #expect(grewAndWithheld > 0, "the newcomer joined a roster count the first answer showed")
        let differenced = try await audit(rawSecond, name: "answer-2.eml", earlier: ["answer-1.eml"])
        #expect(differenced.status == 0, "\(differenced.stdout)\(differenced.stderr)")

        // Identified: releases on file for three students, two of them covering every measure asked for.
        let onRoster = try store.schoolStudents(schoolNumber: site.schoolNumber, siteID: site.id, on: today)
            .filter(\.onSiteRoster).map(\.studentNumber).sorted()
        let released = Array(onRoster.prefix(3))
        let expires = today.adding(days: 365)
        var releaseCSV =
            "student_number,partner_id,guardian_name,guardian_email,signed_at,expires,measures,evidence_ref\n"
        for (i, number) in released.enumerated() {
            let covered = i < 2 ? "\"\(measures)\"" : "attendance"
            releaseCSV +=
                "\(number),\(program.partnerID),Guardian \(i),g\(i)@home.test,\(today),\(expires),\(covered),paper-\(i)\n"
        }
        try releaseCSV.write(toFile: s.path + "/releases.csv", atomically: true, encoding: .utf8)
        let imported = try await run(["releases", "import", s.path + "/releases.csv"] + inst.global)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(
            try await run(
                [
                    "requests", "file", "--site", site.id, "--measures", measures, "--level", "identified",
                    "--period", period.description, "--purpose", "case management",
                ] + inst.global, environment: Self.environment
            ).status == 0)
        let third = try #require(try await requests().compactMap { $0["id"] as? Int }.max())
        #expect(
            try await run(["requests", "approve", String(third)] + inst.global, environment: Self.environment).status
                == 0)
        #expect(try await run(["outbox", "send"] + inst.global, environment: Self.environment).status == 0)
        let rawThird = try #require(
            try smtp.received().filter {
                try MessageParser.parse($0).header("X-RosterMail-Kind") == "data-answer"
            }.last)
        let thirdMessage = try MessageParser.parse(rawThird)
        let identified = Self.csv(
            try #require(thirdMessage.parts.first { $0.filename == "identified.csv" }?.body))
        #expect(identified.dropFirst().map { $0[0] } == Array(released.prefix(2)), "\(identified)")
        #expect(ReplyBody.text(of: thirdMessage).contains("left out"))
        let audited3 = try await audit(rawThird, name: "answer-3.eml")
        #expect(audited3.status == 0 && audited3.stdout.contains("\"identified\": 2"), "\(audited3.stdout)")
        // Each identified row records the release it relied on (34 CFR 99.32).
        let recorded = try store.identifiedDisclosures(requestID: Int64(third))
        let releaseIDs = try store.releaseViews(on: today).filter { released.prefix(2).contains($0.studentNumber) }
            .compactMap(\.id)
        #expect(recorded.map(\.releaseID).sorted() == releaseIDs.sorted())
    }
}
