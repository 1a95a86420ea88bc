import Foundation
import RosterStore
import Testing

/// Delivery under abuse: the sending process killed with SIGKILL at random moments, and SIGTERM to `serve`.
@Suite("delivery survives kills", .serialized)
struct CrashTests {
    /// The Message-IDs of the messages an aiosmtpd server accepted, in order (one entry per delivery).
    static func acceptedIDs(_ server: SMTPServer) -> [String] {
        server.received().compactMap { bytes in
            let text = String(decoding: bytes.prefix(2000), as: UTF8.self)
            guard let line = text.split(separator: "\r\n").first(where: { $0.hasPrefix("Message-ID: <") }) else {
                return nil
            }
            return String(line.dropFirst("Message-ID: <".count).dropLast())
        }
    }

    static func inFlight(_ inst: TestInstallation) throws -> Set<String> {
        Set(try inst.store.outboxMessages().filter { $0.state == .sending }.map(\.messageID))
    }

    @Test(
        "2 000 messages, the sender SIGKILLed 20+ times: nothing lost, duplicates only of messages in flight at a kill")
    func killedSender() async throws {
        let server = try await SMTPServer.start("aiosmtpd_server.py")
        // Four connections at 300 messages a second: every kill finds several messages in flight, and 2 000
        // messages outlast 20 rounds of at most 250 ms however fast the machine.
        let inst = try TestInstallation(
            delivery: SMTPDeliveryTests.smtpDelivery(port: server.port).filter { !$0.hasPrefix("rate_per_second") }
                + ["rate_per_second: 300", "connections: 4"])
        let total = 2000
        try inst.queue(total, size: 600)
        var inflight: Set<String> = []
        var kills = 0
        var rounds = 0
        while kills < 20 && rounds < 200 {
            rounds += 1
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["outbox", "send"] + inst.global
            p.environment = ProcessInfo.processInfo.environment.merging(SMTPDeliveryTests.password) { _, b in b }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 20...250)))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                kills += 1
            }
            try await offPool { p.waitUntilExit() }
            inflight.formUnion(try Self.inFlight(inst))
            if try inst.store.outboxMessages().allSatisfy({ $0.state == .sent }) { break }
        }
        // Then let it finish. On a loaded machine a run may pause (exit 75: the server answered slower than
        // the test's 2 s timeouts, so every connection stopped); the next run goes on. Nothing else is
        // acceptable.
        for _ in 0..<10 where try !inst.store.outboxMessages().allSatisfy({ $0.state == .sent }) {
            let r = try await run(["outbox", "send"] + inst.global, environment: SMTPDeliveryTests.password)
            #expect(r.status == 0 || r.status == 75, "\(r.stderr)")
        }
        let accepted = Self.acceptedIDs(server)
        let expected = Set((0..<total).map { "m\($0)@district.test" })
        let lost = expected.subtracting(accepted).count
        var seen: Set<String> = []
        var duplicated: Set<String> = []
        for id in accepted where !seen.insert(id).inserted { duplicated.insert(id) }
        let duplicates = accepted.count - seen.count
        print("crash test: lost=\(lost) duplicates=\(duplicates) kills=\(kills)")
        #expect(kills >= 20)
        #expect(lost == 0)
        #expect(
            duplicated.isSubset(of: inflight), "duplicates not in flight at a kill: \(duplicated.subtracting(inflight))"
        )
        #expect(try inst.store.outboxMessages().allSatisfy { $0.state == .sent })
    }

    @Test("SIGTERM to serve: the message in flight is finished and recorded, then exit 0")
    func gracefulServe() async throws {
        let server = try await SMTPServer.start("aiosmtpd_server.py")
        let inst = try TestInstallation(
            delivery: SMTPDeliveryTests.smtpDelivery(port: server.port).filter { !$0.hasPrefix("rate_per_second") }
                + ["rate_per_second: 40"],
            schedule: ["weekday: monday", "catch_up_hours: 0"])
        try inst.queue(300)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["serve"] + inst.global
        p.environment = ProcessInfo.processInfo.environment.merging(SMTPDeliveryTests.password) { _, b in b }
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let start = Date()
        while Date().timeIntervalSince(start) < 10,
            try inst.store.outboxMessages().filter({ $0.state == .sent }).count < 20
        {
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(p.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while p.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        try await offPool { p.waitUntilExit() }
        #expect(p.terminationReason == .exit && p.terminationStatus == 0)
        let rows = try inst.store.outboxMessages()
        #expect(!rows.contains { $0.state == .sending }, "a message was left in flight")
        let sent = rows.filter { $0.state == .sent }
        #expect(sent.count >= 20 && sent.count < 300, "serve stopped early or not at all: \(sent.count)")
        #expect(Set(Self.acceptedIDs(server)) == Set(sent.map(\.messageID)))
    }
}
