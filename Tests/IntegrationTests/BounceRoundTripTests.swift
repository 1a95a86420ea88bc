import Foundation
import MailMessage
import Roster
import RosterDaemon
import RosterStore
import Testing

/// Bounces on real parts: a Postfix started here on 127.0.0.1 is the relay. `rostermail outbox send` hands
/// it a roster for an unknown local user at its local domain; Postfix accepts it, local(8) bounces it, and
/// Postfix's real DSN goes to the envelope sender (VERP or the plain sender), delivered by virtual(8) into the
/// Maildir that `rostermail poll` reads as the reply mailbox.
@Suite("bounces through a real Postfix relay", .serialized, .enabled(if: PostfixProcess.available))
struct BounceRoundTripTests {
    static let key = String(repeating: "7d", count: 32)
    static let environment = ["ROSTERMAIL_REPLY_KEY": key]

    /// A one-site district (contact c0@partner.test) with two students on the roster, this week's mailing
    /// composed.
    static func setUp(relayPort: Int, maildir: String, verp: Bool) async throws -> TestInstallation {
        let inst = try TestInstallation(
            contacts: 1,
            delivery: [
                "transport: \"smtp://127.0.0.1:\(relayPort)?tls=none\"", "verp: \(verp)", "rate_per_second: 1000",
                "connect_timeout: 5", "response_timeout: 20",
            ], extra: ["replies:", "  mailbox: \"maildir:\(maildir)\""])
        let or = inst.scratch.path + "/or"
        try FileManager.default.createDirectory(atPath: or, withIntermediateDirectories: true)
        try "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n"
            .write(toFile: or + "/manifest.csv", atomically: true, encoding: .utf8)
        try
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no101,,,Alder Elementary,school,101,\n"
            .write(toFile: or + "/orgs.csv", atomically: true, encoding: .utf8)
        try """
        sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password
        s1,,,true,o101,student,u1,,Ana,Silva,,100001,,,,,04,
        s2,,,true,o101,student,u2,,Kai,Kim,,100002,,,,,03,

        """.write(toFile: or + "/users.csv", atomically: true, encoding: .utf8)
        try
            "student_number,school_number,program_code,start_date,end_date\n100001,101,TUT1,2026-08-17,\n100002,101,TUT1,2026-08-17,\n"
            .write(toFile: inst.scratch.path + "/p.csv", atomically: true, encoding: .utf8)
        #expect(try await run(["import", "oneroster", or] + inst.global).status == 0)
        #expect(try await run(["import", "participation", inst.scratch.path + "/p.csv"] + inst.global).status == 0)
        let compose = try await run(
            ["mail", "--week", "2026-W49", "--compose-only"] + inst.global, environment: environment)
        #expect(compose.status == 0, "\(compose.stderr)")
        return inst
    }

    @Test(
        "Postfix's DSN for an unknown user marks the roster bounced, alerts once, and shows in status",
        arguments: [true, false])
    func postfixBounce(verp: Bool) async throws {
        let postfix = PostfixProcess()
        try await postfix.start(localDomain: "partner.test", maildirDomain: "district.test")
        defer { postfix.stop() }
        let inst = try await Self.setUp(relayPort: postfix.port, maildir: postfix.maildir, verp: verp)
        let roster = try #require(try inst.store.outboxMessages().first { $0.kind == "roster" })
        #expect(roster.recipient == "c0@partner.test")

        let send = try await run(["outbox", "send"] + inst.global, environment: Self.environment)
        #expect(send.status == 0, "\(send.stderr)")
        #expect(try inst.outbox()[roster.id]?.state == "sent", "the relay accepted it")
        let arrived = try await postfix.waitForMail(count: 1)
        try #require(arrived.count == 1, "no DSN arrived: \(postfix.log)")
        let dsn = try String(contentsOfFile: arrived[0], encoding: .utf8)
        #expect(dsn.contains("report-type=delivery-status"))
        let envelope =
            verp
            ? BounceToken.sign(outboxID: roster.id, secret: try ReplyTokenKey(text: Self.key)).address(
                domain: "district.test")
            : "rosters@district.test"
        #expect(dsn.contains("Delivered-To: \(envelope)"), "the DSN went to the envelope sender")

        let poll = try await run(["poll"] + inst.global, environment: Self.environment)
        #expect(poll.status == 0, "\(poll.stderr)")
        let row = try #require(try inst.outbox()[roster.id])
        #expect(row.state == "bounced")
        #expect(row.reply.hasPrefix("5.1.1 unknown user:") && row.reply.contains("c0"), "\(row.reply)")
        let matched = try inst.store.bounceRecords().map(\.matchedBy)
        #expect(matched == [verp ? .verp : .messageID])

        let list = try await run(["outbox", "list", "--status", "bounced"] + inst.global)
        #expect(list.status == 0)
        #expect(list.stdout.contains("c0@partner.test") && list.stdout.contains("unknown user"))
        #expect(!list.stdout.contains("csc101@district.test"), "only bounced messages are listed")
        let status = try await run(["status"] + inst.global)
        #expect(status.stdout.contains("undeliverable contacts: 1"), "\(status.stdout)")
        #expect(status.stdout.contains("c0@partner.test  (readup-tut-101; outbox \(roster.id)"))

        let alerts = try inst.store.outboxMessages().filter { $0.kind == "alert.bounce.\(roster.id)" }
        #expect(Set(alerts.map(\.recipient)) == ["csc101@district.test", "admin@district.test"])
        #expect(FileManager.default.fileExists(atPath: postfix.maildir + "/.Processed"))

        // Polling again, and the same DSN again (a re-fetch), change nothing and alert nobody twice.
        try FileManager.default.copyItem(atPath: try processedCopy(postfix), toPath: postfix.maildir + "/new/again.eml")
        let again = try await run(["poll"] + inst.global, environment: Self.environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try inst.store.bounceRecords().count == 1)
        #expect(try inst.store.outboxMessages().filter { $0.kind.hasPrefix("alert.bounce") }.count == 2)
    }

    /// The DSN as moved into `.Processed` by the first poll.
    func processedCopy(_ postfix: PostfixProcess) throws -> String {
        for sub in ["cur", "new"] {
            let dir = postfix.maildir + "/.Processed/" + sub
            if let first = try? FileManager.default.contentsOfDirectory(atPath: dir).first { return dir + "/" + first }
        }
        throw HarnessError("no processed DSN in \(postfix.maildir)/.Processed")
    }
}
