import Foundation
import RosterStore
import Testing

/// `serve` under systemd's eyes, end to end with the built binary: the notify protocol on a datagram socket
/// the test binds, the watchdog, SIGHUP reloads, and the metrics endpoint scraped with curl.
@Suite("serve operations: notify, watchdog, reload, metrics", .serialized)
struct ServeOperationsTests {
    /// A Maildir installation whose sender delivers 20 messages a second: a run of 40 lasts 2 s.
    static func installation(extra: [String] = []) throws -> TestInstallation {
        try TestInstallation(
            delivery: ["transport: \"maildir:outbox\"", "rate_per_second: 20"],
            schedule: ["weekday: monday", "catch_up_hours: 0"], extra: extra)
    }

    static func delivered(_ inst: TestInstallation) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: inst.state + "/outbox/new")) ?? []).count
    }

    @Test("READY, STATUS (sending n/40), WATCHDOG and STOPPING arrive in order; SIGTERM still exits 0")
    func notifyProtocol() async throws {
        let inst = try Self.installation()
        try inst.queue(40)
        let listener = try NotifyListener(abstract: false)
        let serve = try ServeProcess(
            inst, environment: ["NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "400000"])
        #expect(try await listener.wait { $0.contains("STATUS=sending") && $0.hasSuffix("/40") }, "\(listener.texts)")
        #expect(try await listener.wait { $0.hasPrefix("STATUS=idle; next mailing Mon ") }, "\(listener.texts)")
        #expect(try await serve.stop() == 0, "\(serve.output)")
        let texts = listener.texts
        let ready = try #require(texts.firstIndex { $0.hasPrefix("READY=1\nSTATUS=") }, "\(texts)")
        let status = try #require(texts.firstIndex { $0.contains("STATUS=sending") }, "\(texts)")
        let watchdog = try #require(texts.firstIndex { $0 == "WATCHDOG=1" }, "\(texts)")
        let stopping = try #require(texts.firstIndex { $0.hasPrefix("STOPPING=1") }, "\(texts)")
        #expect(ready == 0)
        #expect(ready <= status && ready < watchdog && status < stopping && watchdog < stopping)
        #expect(stopping == texts.count - 1, "nothing after STOPPING=1: \(texts)")
        #expect(texts.filter { $0 == "WATCHDOG=1" }.count >= 3)
        #expect(Self.delivered(inst) == 40)
    }

    @Test("a sender hung past its allowance: WATCHDOG=1 stops, STATUS says which service stalled")
    func watchdogStopsWhenSenderHangs() async throws {
        let inst = try Self.installation()
        try inst.queue(3)
        let listener = try NotifyListener(abstract: true)
        let serve = try ServeProcess(
            inst,
            environment: [
                "NOTIFY_SOCKET": listener.address, "WATCHDOG_USEC": "400000", "ROSTERMAIL_TEST_HANG": "sender:2",
            ])
        #expect(try await listener.wait { $0.hasPrefix("STATUS=stalled: sender") }, "\(listener.texts)")
        // Well past two ping intervals: no ping may follow the stall.
        try await Task.sleep(for: .milliseconds(1200))
        let texts = listener.texts
        let stalled = try #require(texts.firstIndex { $0.hasPrefix("STATUS=stalled: sender") })
        #expect(texts[..<stalled].contains("WATCHDOG=1"), "pinged while healthy: \(texts)")
        #expect(!texts[stalled...].contains("WATCHDOG=1"), "pinged after the stall: \(texts)")
        #expect(serve.output.contains("watchdog pings stop"), "\(serve.output)")
        serve.signal(SIGKILL)
    }

    @Test("SIGHUP: a good edit applies between messages; broken ones are refused as file:line:column, config kept")
    func reload() async throws {
        let inst = try Self.installation()
        // Templates of its own, to break one.
        let templates = inst.config + "/templates"
        try FileManager.default.copyItem(atPath: root + "/Templates", toPath: templates)
        let mainPath = inst.config + "/rostermail.yaml"
        let partnersPath = inst.config + "/partners.yaml"
        var main = try String(contentsOfFile: mainPath, encoding: .utf8)
        main = main.replacingOccurrences(of: "templates: \"\(root)/Templates\"", with: "templates: templates")
        try main.write(toFile: mainPath, atomically: true, encoding: .utf8)
        try inst.queue(60)
        let listener = try NotifyListener(abstract: true)
        let serve = try ServeProcess(inst, environment: ["NOTIFY_SOCKET": listener.address])
        #expect(try await listener.wait { $0.contains("STATUS=sending") })

        // A good edit in the middle of the run: the mailing time moves to 09:30.
        try main.replacingOccurrences(of: "  weekday: monday\n", with: "  weekday: monday\n  time: \"09:30\"\n")
            .write(toFile: mainPath, atomically: true, encoding: .utf8)
        serve.signal(SIGHUP)
        #expect(try await serve.waitForLog("configuration reloaded"), "\(serve.output)")
        #expect(try await listener.wait { $0.contains("idle; next mailing Mon") && $0.hasSuffix(" 09:30") })
        #expect(listener.texts.contains("RELOADING=1"))

        // Broken edits in both YAML files: every problem with its position, the 09:30 configuration kept.
        let good = try String(contentsOfFile: mainPath, encoding: .utf8)
        try (good + "deliverry:\n  rate_per_second: 5\n").write(toFile: mainPath, atomically: true, encoding: .utf8)
        let partners = try String(contentsOfFile: partnersPath, encoding: .utf8)
        try partners.replacingOccurrences(of: "c0@partner.test", with: "c0@@partner.test")
            .write(toFile: partnersPath, atomically: true, encoding: .utf8)
        serve.signal(SIGHUP)
        #expect(try await serve.waitForLog("running configuration is kept"), "\(serve.output)")
        let log = serve.output
        #expect(log.contains(try Regex(#"rostermail\.yaml:\d+:1: unknown key “deliverry”"#)), "\(log)")
        #expect(log.contains(try Regex(#"partners\.yaml:\d+:\d+: "#)), "\(log)")

        // A broken template, the YAML fixed: refused with the template's line and column.
        try good.write(toFile: mainPath, atomically: true, encoding: .utf8)
        try partners.write(toFile: partnersPath, atomically: true, encoding: .utf8)
        let text = templates + "/roster.txt.mustache"
        try (try String(contentsOfFile: text, encoding: .utf8) + "\n{{#students}}\n")
            .write(toFile: text, atomically: true, encoding: .utf8)
        serve.signal(SIGHUP)
        #expect(try await serve.waitForLog("roster.txt.mustache:"), "\(serve.output)")
        #expect(
            serve.output.contains(try Regex(#"configuration reload refused: [^\n]*roster\.txt\.mustache:\d+:\d+: "#)))
        #expect(serve.output.components(separatedBy: "running configuration is kept").count == 3)
        #expect(serve.process.isRunning)
        #expect(listener.texts.last { $0.contains("STATUS=") }?.hasSuffix(" 09:30") == true, "\(listener.texts)")

        #expect(try await serve.stop() == 0, "\(serve.output)")
        // The run interrupted by the reload went on with the new configuration: each message exactly once.
        #expect(Self.delivered(inst) == 60)
        #expect(try inst.store.outboxMessages().allSatisfy { $0.state == .sent })
    }

    /// A free TCP port on 127.0.0.1.
    static func freePort() -> Int {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &length) }
        }
        return Int(UInt16(bigEndian: a.sin_port))
    }

    /// The value of the sample `name` (with its labels) in Prometheus text.
    static func sample(_ text: String, _ name: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
    }

    @Test("metrics: curl scrapes outbox states and delivery latency during a mailing; the textfile is rewritten")
    func metrics() async throws {
        let port = Self.freePort()
        let scratch = Scratch()
        let textfile = scratch.path + "/rostermail.prom"
        let inst = try Self.installation(extra: [
            "metrics:", "  listen: 127.0.0.1:\(port)", "  textfile: \"\(textfile)\"", "  textfile_seconds: 1",
        ])
        try inst.queue(60)
        let serve = try ServeProcess(inst, environment: [:])
        #expect(try await serve.waitForLog("metrics at http://127.0.0.1:\(port)/metrics"), "\(serve.output)")
        var during = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let r = try await run(["-sf", "http://127.0.0.1:\(port)/metrics"], executable: "/usr/bin/curl")
            #expect(r.status == 0, "\(r.stderr)")
            if (Self.sample(r.stdout, #"rostermail_outbox_messages{state="sent"}"#) ?? 0) >= 5 {
                during = r.stdout
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect((Self.sample(during, #"rostermail_outbox_messages{state="queued"}"#) ?? 0) > 0, "\(during)")
        #expect((Self.sample(during, "rostermail_delivery_attempt_seconds_count") ?? 0) >= 5, "\(during)")
        #expect(during.contains("# TYPE rostermail_delivery_attempt_seconds histogram"))
        #expect(during.contains("rostermail_last_successful_poll_timestamp_seconds "))
        let missing = try await run(
            ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/"], executable: "/usr/bin/curl")
        #expect(missing.stdout == "404")
        while Self.delivered(inst) < 60 && Date() < deadline.addingTimeInterval(5) {
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(1500))
        let file = try String(contentsOfFile: textfile, encoding: .utf8)
        #expect(Self.sample(file, #"rostermail_outbox_messages{state="sent"}"#) == 60, "\(file)")
        #expect(try await serve.stop() == 0)
    }
}
