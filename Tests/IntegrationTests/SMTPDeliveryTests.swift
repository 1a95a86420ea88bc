import Foundation
import Roster
import RosterStore
import Testing

/// `rostermail` against real SMTP servers on 127.0.0.1: aiosmtpd (STARTTLS + AUTH, test CA) and the
/// programmable fault server.
@Suite("SMTP delivery, end to end", .serialized)
struct SMTPDeliveryTests {
    static func smtpDelivery(port: Int, extra: [String] = []) -> [String] {
        [
            "transport: \"smtp://127.0.0.1:\(port)\"", "username: roster", "ca_file: \"\(IntegrationCA.files.ca)\"",
            "rate_per_second: 1000", "connect_timeout: 3", "response_timeout: 2", "retry_min_seconds: 0",
            "retry_max_seconds: 0", "reconcile_seconds: 0",
        ] + extra
    }

    static let password = ["ROSTERMAIL_SMTP_PASSWORD": "secret"]

    @Test("a whole mailing arrives over STARTTLS + AUTH; the received messages are the composed ones, byte for byte")
    func wholeMailing() async throws {
        let server = try await SMTPServer.start("aiosmtpd_server.py")
        let s = Scratch()
        #expect(
            try await run([
                "sample-district", "--students", "300", "--schools", "3", "--seed", "5", "--out", s.path + "/sample",
            ]).status == 0)
        let inst = try TestInstallation(delivery: Self.smtpDelivery(port: server.port, extra: ["connections: 3"]))
        try FileManager.default.removeItem(atPath: inst.config + "/partners.yaml")
        try FileManager.default.copyItem(
            atPath: s.path + "/sample/partners.yaml", toPath: inst.config + "/partners.yaml")
        #expect(try await run(["import", "oneroster", s.path + "/sample/oneroster"] + inst.global).status == 0)
        #expect(
            try await run(["import", "participation", s.path + "/sample/participation.csv"] + inst.global).status == 0)
        let mail = try await run(["mail", "--week", "2026-W49"] + inst.global, environment: Self.password)
        #expect(mail.status == 0, "\(mail.stderr)")
        // Everything the run sent: the week's rosters and the release requests `mail` queues after them (those
        // carry the current week, whatever week was mailed).
        let outbox = try inst.store.outboxMessages()
        #expect(try inst.store.outboxMessages(week: ISOWeek("2026-W49")!).filter { $0.kind == "roster" }.count > 10)
        #expect(outbox.allSatisfy { $0.state == .sent })
        let received = server.received()
        #expect(received.count == outbox.count)
        #expect(Set(received) == Set(outbox.map(\.bytes)), "received bytes differ from the composed ones")
        #expect(try inst.outbox().values.allSatisfy { $0.reply.contains("250") && $0.reply.contains("queued as") })
        // Three channels, each one connection reused for all of its messages.
        let log = try String(contentsOfFile: server.directory + "/connections.log", encoding: .utf8)
        #expect(log.split(separator: "\n").count == 3, "connections opened: \(log)")
    }

    @Test("the rate limit is shared by all connections")
    func sharedRateLimit() async throws {
        let server = try await SMTPServer.start("aiosmtpd_server.py")
        let delivery = Self.smtpDelivery(port: server.port).filter { !$0.hasPrefix("rate_per_second") }
        let inst = try TestInstallation(delivery: delivery + ["rate_per_second: 20", "connections: 4"])
        try inst.queue(21)
        let start = ContinuousClock.now
        let r = try await run(["outbox", "send"] + inst.global, environment: Self.password)
        let elapsed = ContinuousClock.now - start
        #expect(r.status == 0, "\(r.stderr)")
        #expect(server.received().count == 21)
        // 21 messages at 20 per second: 20 intervals of 50 ms between the first and the last, whatever the
        // number of connections (a lower bound only: a slow machine cannot make it fail).
        #expect(elapsed >= .milliseconds(1000), "\(elapsed)")
    }

    @Test(
        "each fault ends in the right state with the server's reply stored",
        arguments: [
            ("greeting421", "queued", "421"), ("rcpt451", "deferred", "451 4.7.1"),
            ("rcpt452", "deferred", "452 4.5.3"),
            ("rcpt550", "failed", "550 5.1.1"), ("data554", "failed", "554 5.7.1"), ("dropAfterDot", "unknown", ""),
            ("slowReply", "unknown", ""), ("noStarttls", "queued", "STARTTLS"), ("auth535", "queued", "535"),
        ])
    func faults(scenario: String, state: String, reply: String) async throws {
        let server = try await SMTPServer.start("fault_smtp_server.py", ["--scenario", scenario, "--delay", "4"])
        let inst = try TestInstallation(delivery: Self.smtpDelivery(port: server.port))
        try inst.queue(2)
        let r = try await run(["outbox", "send"] + inst.global, environment: Self.password)
        let rows = try inst.outbox().sorted { $0.key < $1.key }.prefix(2)
        #expect(try inst.store.outboxMessages().filter { $0.kind == "roster" }.count == 2, "nothing is lost")
        let first = rows[0].value
        #expect(first.state == state, "\(scenario): \(first) / \(r.stdout) \(r.stderr)")
        if !reply.isEmpty { #expect(first.reply.contains(reply), "\(scenario): \(first.reply)") }
        if state == "unknown" { #expect(first.reply.contains("after the whole message was sent")) }
        if state == "queued" {
            // The circuit breaker paused the run before anything was sent: exit 75, both still queued.
            #expect(r.status == 75)
            #expect(rows.allSatisfy { $0.value.state == "queued" })
        } else {
            #expect(r.status == 0, "\(r.stderr)")
        }
        if state == "failed" {
            // One alert to the school's CSC and one to the admin, naming the site, recipient and reply.
            let alerts = try inst.store.outboxMessages().filter { $0.kind.hasPrefix("alert.") }
            #expect(Set(alerts.map(\.recipient)).isSuperset(of: ["csc101@district.test", "admin@district.test"]))
            let texts = alerts.map { String(decoding: $0.bytes, as: UTF8.self) }
            #expect(texts.contains { $0.contains("readup-tut-101") && $0.contains("p0@partner.test") })
        }
    }

    @Test("4xx are retried and then delivered; an unknown outcome is resent under the same Message-ID")
    func retried() async throws {
        let inst = try TestInstallation(delivery: Self.smtpDelivery(port: 1))
        try inst.queue(3)
        do {
            let deferring = try await SMTPServer.start("fault_smtp_server.py", ["--scenario", "rcpt451"])
            let r = try await run(
                ["outbox", "send", "--transport", "smtp://127.0.0.1:\(deferring.port)"] + inst.global,
                environment: Self.password)
            #expect(r.status == 0)
            #expect(try inst.outbox().values.allSatisfy { $0.state == "deferred" })
        }
        let good = try await SMTPServer.start("aiosmtpd_server.py")
        let r = try await run(
            ["outbox", "send", "--transport", "smtp://127.0.0.1:\(good.port)"] + inst.global, environment: Self.password
        )
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try inst.outbox().values.allSatisfy { $0.state == "sent" })
        #expect(good.received().count == 3)
    }

    @Test("a recipient address with a line break is refused before it reaches libcurl")
    func injection() async throws {
        let server = try await SMTPServer.start("aiosmtpd_server.py")
        let inst = try TestInstallation(delivery: Self.smtpDelivery(port: server.port))
        let db = try inst.store
        let evil = ComposedEmail(
            siteID: "readup-tut-101", week: ISOWeek("2026-W49")!, recipient: "p@partner.test>\r\nRCPT TO:<x@evil.test",
            messageID: "evil@district.test", bytes: Array("Subject: x\r\n\r\nx\r\n".utf8))
        try db.enqueue([evil])
        let r = try await run(["outbox", "send"] + inst.global, environment: Self.password)
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(try inst.outbox().values.first { !$0.reply.isEmpty && $0.state == "failed" })
        #expect(row.reply.contains("refused before sending"))
        // Only the two alerts (to the CSC and the admin) reached the server; no envelope names evil.test.
        #expect(!server.received().contains(evil.bytes))
        let envelopes = try FileManager.default.contentsOfDirectory(atPath: server.directory).filter {
            $0.hasSuffix(".env")
        }
        #expect(envelopes.count == 2)
        for e in envelopes {
            #expect(!(try String(contentsOfFile: server.directory + "/" + e, encoding: .utf8)).contains("evil"))
        }
    }

    @Test("one delivering process per store: a second sender waits its turn and changes nothing")
    func oneSenderAtATime() async throws {
        let inst = try TestInstallation(delivery: ["transport: \"maildir:outbox\""])
        try inst.queue(3)
        do {
            let held = try #require(try inst.store.senderLock())
            let r = try await run(["outbox", "send"] + inst.global)
            #expect(r.status == 75, "\(r.stdout) \(r.stderr)")
            #expect(r.stderr.contains("another rostermail process"), "\(r.stderr)")
            #expect(try inst.outbox().values.allSatisfy { $0.state == "queued" })
            withExtendedLifetime(held) {}
        }
        let r = try await run(["outbox", "send"] + inst.global)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try inst.outbox().values.allSatisfy { $0.state == "sent" })
    }

    @Test("a relay that refuses connections beyond two: the other channels stop, two deliver everything")
    func relayConnectionLimit() async throws {
        let server = try await SMTPServer.start("fault_smtp_server.py", ["--scenario", "ok", "--max-connections", "2"])
        let inst = try TestInstallation(delivery: Self.smtpDelivery(port: server.port, extra: ["connections: 4"]))
        try inst.queue(20)
        let r = try await run(["outbox", "send"] + inst.global, environment: Self.password)
        #expect(r.status == 0, "\(r.stdout) \(r.stderr)")
        let rows = try inst.outbox().values
        #expect(rows.count == 20 && rows.allSatisfy { $0.state == "sent" }, "\(rows)")
        let log = try String(contentsOfFile: server.directory + "/log", encoding: .utf8).split(separator: "\n")
        #expect(log.filter { $0 == "refused" }.count == 2, "two of the four connections were refused")
        #expect(log.filter { $0 == "dot" }.count == 20, "every message sent once")
    }
}
