import Foundation
import MailMessage
import Roster
import RosterDaemon
import RosterStore
import Testing

/// Guardian releases end to end with the built binary: `rostermail mail` delivers the week's rosters and the
/// release requests through the Maildir transport; the guardian's replies arrive in a real Dovecot (STARTTLS,
/// test CA) and `rostermail poll` reads them: a signature, then forged, foreign-sender and replayed copies,
/// then a REVOKE. `releases list --json` and the next week's roster show each step.
@Suite("releases: round trip through the Maildir transport and Dovecot IMAP intake", .serialized)
struct ReleaseRoundTripTests {
    static let key = String(repeating: "7e", count: 32)
    static var environment: [String: String] { ["ROSTERMAIL_IMAP_PASSWORD": "secret", "ROSTERMAIL_REPLY_KEY": key] }

    struct Request {
        var guardian: ParsedAddress
        var replyTo: String
        var messageID: String
        var subject: String
        var text: String
    }

    /// A reply as our MTA would store it: its DMARC verdict on top, the guardian's words over a Gmail quote.
    static func reply(to r: Request, from: String, body: String, id: String, token: String? = nil) throws -> [UInt8] {
        let domain = from.split(separator: "@").last.map(String.init) ?? ""
        var m = OutgoingMessage(
            from: try MailAddress(from, displayName: r.guardian.displayName),
            to: [try MailAddress(token.map { "releases+\($0)@riverbend.example" } ?? r.replyTo)],
            subject: "Re: " + r.subject, date: Date(), timeZone: TimeZone(identifier: "UTC")!, messageID: id,
            body: .text(
                body
                    + "\n\nOn Mon, Nov 30, 2026 at 7:00 AM Riverbend Community Schools <community.schools@riverbend.example> wrote:\n"
                    + r.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }.joined(
                        separator: "\n")))
        m.inReplyTo = r.messageID
        m.references = [r.messageID]
        m.extraHeaders = [("Authentication-Results", "riverbend.example; spf=pass; dmarc=pass header.from=\(domain)")]
        return try MessageWriter.render(m, seed: id)
    }

    @Test("request → sign → next roster shows it; forged, other sender, replay change nothing; REVOKE → it does not")
    func roundTrip() async throws {
        let s = Scratch()
        let sample = s.path + "/sample"
        #expect(
            try await run(["sample-district", "--students", "400", "--schools", "2", "--seed", "5", "--out", sample])
                .status == 0)
        let inst = try TestInstallation(delivery: ["transport: \"maildir:outbox\"", "rate_per_second: 0"])
        try FileManager.default.removeItem(atPath: inst.config + "/partners.yaml")
        try FileManager.default.copyItem(atPath: sample + "/partners.yaml", toPath: inst.config + "/partners.yaml")
        var main = try String(contentsOfFile: inst.config + "/rostermail.yaml", encoding: .utf8)
        main = main.replacingOccurrences(of: "domain: district.test", with: "domain: riverbend.example")
        try main.write(toFile: inst.config + "/rostermail.yaml", atomically: true, encoding: .utf8)
        #expect(try await run(["import", "oneroster", sample + "/oneroster"] + inst.global).status == 0)
        #expect(try await run(["import", "participation", sample + "/participation.csv"] + inst.global).status == 0)
        let week = ISOWeek(containing: Date(), in: TimeZone(identifier: "America/Chicago")!)
        let mail = try await run(["mail", "--week", week.description] + inst.global, environment: Self.environment)
        #expect(mail.status == 0, "\(mail.stderr)")

        // A release request as the guardian received it (from the Maildir the transport wrote).
        let outbox = inst.state + "/outbox/new"
        var request: Request?
        for name in try FileManager.default.contentsOfDirectory(atPath: outbox).sorted() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: outbox + "/" + name)))
            let m = try MessageParser.parse(bytes)
            guard m.header("X-RosterMail-Kind") == "release-request", let to = m.to.first,
                let replyTo = m.replyTo.first?.address
            else { continue }
            request = Request(
                guardian: to, replyTo: replyTo, messageID: m.messageID ?? "", subject: m.subject ?? "",
                text: ReplyBody.text(of: m))
            break
        }
        let r = try #require(request, "the mailing sent release requests through the Maildir transport")
        let store = try inst.store
        let guardianName = try #require(r.guardian.displayName)
        let token = String(r.replyTo.dropFirst("releases+".count).prefix { $0 != "@" })
        let forged = String(token.dropLast()) + (token.hasSuffix("a") ? "b" : "a")

        let dovecot = DovecotProcess()
        let fm = FileManager.default
        for sub in ["new", "cur", "tmp"] {
            try fm.createDirectory(atPath: dovecot.maildir + "/" + sub, withIntermediateDirectories: true)
        }
        func put(_ bytes: [UInt8], _ n: Int) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: dovecot.maildir + "/new/\(1_800_000_000 + n).M\(n).test"))
        }
        try put(try Self.reply(to: r, from: r.guardian.address, body: "I AGREE\n\(guardianName)", id: "sign@family"), 1)
        try put(
            try Self.reply(to: r, from: r.guardian.address, body: "REVOKE", id: "forged@family", token: forged), 2)
        try put(
            try Self.reply(to: r, from: "someone@elsewhere.example", body: "REVOKE", id: "other@elsewhere"), 3)
        try put(try Self.reply(to: r, from: r.guardian.address, body: "REVOKE", id: "sign@family"), 4)
        try await dovecot.start()
        defer { dovecot.stop() }
        main += """
            replies:
              mailbox: "imap://127.0.0.1:\(dovecot.port)/INBOX"
              username: roster
              ca_file: "\(IntegrationCA.files.ca)"

            """
        try main.write(toFile: inst.config + "/rostermail.yaml", atomically: true, encoding: .utf8)

        let poll = try await run(["poll"] + inst.global, environment: Self.environment)
        #expect(poll.status == 0, "\(poll.stderr)")
        func releases() async throws -> [[String: Any]] {
            let list = try await run(["releases", "list", "--json"] + inst.global, environment: Self.environment)
            #expect(list.status == 0, "\(list.stderr)")
            return try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: Any]]
        }
        let signed = try await releases().filter {
            ($0["guardian_email"] as? String)?.lowercased() == r.guardian.address.lowercased()
                && $0["state"] as? String == "valid"
        }
        #expect(!signed.isEmpty, "the signature applied")
        let keys = ["student_number", "partner_id", "guardian_email", "state", "signed_at", "expires", "revoked_at"]
        #expect(try await releases().allSatisfy { row in keys.allSatisfy { row.keys.contains($0) } })
        let numbers = Set(signed.compactMap { $0["student_number"] as? String })
        let partner = try #require(signed.first?["partner_id"] as? String)
        #expect(
            try store.receivedMessages().filter { $0.state == "quarantined" }.count == 3, "forged, other sender, replay"
        )
        #expect(dovecot.count(".Quarantine") == 3 && dovecot.count(".Processed") == 1)

        // The next roster of the student's site shows the release.
        let config = try ConfigLoader.load(directory: inst.config)
        func onNextRoster() throws -> Set<String> {
            var shown = Set<String>()
            for site in config.directory.sites where config.directory.program(id: site.programID)?.partnerID == partner
            {
                let roster = try store.weeklyRoster(siteID: site.id, partnerID: partner, week: week.next)
                shown.formUnion(
                    roster.active.filter { numbers.contains($0.studentNumber) && $0.releaseOnFile }.map(\.studentNumber)
                )
            }
            return shown
        }
        #expect(try onNextRoster() == numbers)

        // REVOKE, later, from the same address.
        try put(try Self.reply(to: r, from: r.guardian.address, body: "REVOKE", id: "revoke@family"), 5)
        let again = try await run(["poll"] + inst.global, environment: Self.environment)
        #expect(again.status == 0, "\(again.stderr)")
        let after = try await releases().filter { numbers.contains($0["student_number"] as? String ?? "") }
        #expect(after.allSatisfy { $0["state"] as? String == "revoked" && $0["revoked_at"] is String }, "\(after)")
        #expect(try onNextRoster().isEmpty)
        // The guardian got a confirmation for the signature and the revocation (auto-replied, threaded).
        let confirmations = try store.outboxMessages().filter {
            $0.recipient.lowercased() == r.guardian.address.lowercased() && $0.messageID.hasPrefix("release-confirm")
        }
        #expect(confirmations.count == 2)
    }
}
