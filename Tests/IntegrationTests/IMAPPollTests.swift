import Foundation
import MailMessage
import Roster
import RosterDaemon
import RosterStore
import Testing

/// `rostermail poll` against a real Dovecot (STARTTLS, test CA), killed with SIGKILL in the middle of a batch.
@Suite("reply intake from IMAP", .serialized)
struct IMAPPollTests {
    static let key = String(repeating: "5c", count: 32)
    static var environment: [String: String] { ["ROSTERMAIL_IMAP_PASSWORD": "secret", "ROSTERMAIL_REPLY_KEY": key] }

    /// A district, this week's mailing composed, and `count` replies (each adding a different student) in the
    /// Dovecot Maildir. Returns the installation and the replies' Message-IDs.
    static func setUp(_ dovecot: DovecotProcess, replies count: Int) async throws -> (TestInstallation, [String]) {
        let s = Scratch()
        let sample = s.path + "/sample"
        #expect(
            try await run(["sample-district", "--students", "2000", "--schools", "2", "--seed", "11", "--out", sample])
                .status == 0)
        let inst = try TestInstallation(delivery: ["transport: \"maildir:outbox\""])
        try FileManager.default.removeItem(atPath: inst.config + "/partners.yaml")
        try FileManager.default.copyItem(atPath: sample + "/partners.yaml", toPath: inst.config + "/partners.yaml")
        let week = ISOWeek(containing: Date(), in: TimeZone(identifier: "America/Chicago")!)
        #expect(try await run(["import", "oneroster", sample + "/oneroster"] + inst.global).status == 0)
        #expect(try await run(["import", "participation", sample + "/participation.csv"] + inst.global).status == 0)
        #expect(
            try await run(
                ["mail", "--week", week.description, "--compose-only"] + inst.global, environment: environment
            ).status == 0)

        let config = try ConfigLoader.load(directory: inst.config)
        let site = config.directory.sites.first { $0.schoolNumber == "101" }!
        let store = try inst.store
        let others = try store.schoolStudents(schoolNumber: "101", siteID: site.id, on: week.monday).filter {
            !$0.onSiteRoster
        }
        #expect(others.count >= count)
        let token = try ReplyToken.sign(site: site.id, week: week, kind: .roster, secret: try ReplyTokenKey(text: key))
        let fm = FileManager.default
        for sub in ["new", "cur", "tmp"] {
            try fm.createDirectory(atPath: dovecot.maildir + "/" + sub, withIntermediateDirectories: true)
        }
        var ids: [String] = []
        for i in 0..<count {
            let id = "reply-\(i)@partner.example"
            var m = OutgoingMessage(
                from: try MailAddress(site.contacts[0].email, displayName: site.contacts[0].name),
                to: [try MailAddress(token.replyAddress(config.district))], subject: "Re: roster", date: Date(),
                timeZone: config.timeZone, messageID: id,
                body: .text("Hello,\nADD \(others[i].studentNumber)\nThanks\n"))
            m.inReplyTo = token.messageID(
                prefix: "roster", recipient: site.contacts[0].email, domain: config.district.domain)
            try Data(try MessageWriter.render(m, seed: id)).write(
                to: URL(fileURLWithPath: dovecot.maildir + "/new/\(1_800_000_000 + i).M\(i).test"))
            ids.append(id)
        }
        try await dovecot.start()
        var main = try String(contentsOfFile: inst.config + "/rostermail.yaml", encoding: .utf8)
        main += """
            replies:
              mailbox: "imap://127.0.0.1:\(dovecot.port)/INBOX"
              username: roster
              ca_file: "\(IntegrationCA.files.ca)"

            """
        try main.write(toFile: inst.config + "/rostermail.yaml", atomically: true, encoding: .utf8)
        return (inst, ids)
    }

    @Test("200 replies, the poller SIGKILLed 10+ times: every reply applied exactly once, none lost, none left unmoved")
    func killedPoller() async throws {
        let dovecot = DovecotProcess()
        let (inst, ids) = try await Self.setUp(dovecot, replies: 200)
        var kills = 0
        for _ in 0..<100 where kills < 10 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["poll"] + inst.global
            p.environment = ProcessInfo.processInfo.environment.merging(Self.environment) { _, b in b }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...700)))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                kills += 1
            }
            try await offPool { p.waitUntilExit() }
            if dovecot.count("") == 0 { break }
        }
        for _ in 0..<3 {
            let applied = try inst.store.replyCounts().inbox["applied"] ?? 0
            guard dovecot.count("") > 0 || applied < ids.count else { break }
            let r = try await run(["poll"] + inst.global, environment: Self.environment)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let counts = try inst.store.replyCounts()
        print(
            "imap crash test: replies=\(ids.count) applied=\(counts.inbox["applied"] ?? 0) kills=\(kills) left=\(dovecot.count(""))"
        )
        #expect(kills >= 10)
        #expect(counts.inbox == ["applied": ids.count], "every reply recorded once, as applied")
        #expect(counts.changes == ["applied": ids.count], "each reply's one change applied exactly once")
        #expect(dovecot.count("") == 0, "none left in INBOX")
        #expect(dovecot.count(".Processed") == ids.count, "all moved to Processed, none deleted")
        let confirmations = try inst.store.outboxMessages().filter { $0.kind == "confirmation" }.count
        #expect(confirmations == min(ids.count, 20), "one confirmation per reply up to the daily cap")
    }
}
