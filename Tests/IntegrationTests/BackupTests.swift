import Foundation
import RosterStore
import Testing

/// `rostermail backup` and `restore` with the built binary, while the SMTP sender of the crash test runs.
@Suite("backups and restore, end to end", .serialized)
struct BackupTests {
    @Test("a backup taken while 600 messages go out over SMTP passes integrity_check and holds every message")
    func backupDuringDelivery() async throws {
        let server = try await SMTPServer.start("aiosmtpd_server.py")
        let inst = try TestInstallation(
            delivery: SMTPDeliveryTests.smtpDelivery(port: server.port).filter { !$0.hasPrefix("rate_per_second") }
                + ["rate_per_second: 100", "connections: 4"])
        let total = 600
        try inst.queue(total, size: 600)
        let sender = Process()
        sender.executableURL = URL(fileURLWithPath: binary)
        sender.arguments = ["outbox", "send"] + inst.global
        sender.environment = ProcessInfo.processInfo.environment.merging(SMTPDeliveryTests.password) { _, b in b }
        sender.standardOutput = FileHandle.nullDevice
        sender.standardError = FileHandle.nullDevice
        try sender.run()
        let deadline = Date().addingTimeInterval(20)
        while try inst.store.outboxMessages().filter({ $0.state == .sent }).count < 50, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let copy = inst.scratch.path + "/backups/copy.sqlite"
        let backup = try await run(["backup", "--to", copy] + inst.global)
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("integrity_check ok"), "\(backup.stdout)")
        try await offPool { sender.waitUntilExit() }
        #expect(sender.terminationStatus == 0)

        // The copy on its own: PRAGMA integrity_check, then every message with its body.
        let check = try await run(
            [
                "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('PRAGMA integrity_check').fetchone()[0]); print(c.execute('SELECT COUNT(*) FROM outbox JOIN outbox_body ON outbox_id = outbox.id').fetchone()[0])",
                copy,
            ],
            executable: "/usr/bin/python3")
        #expect(check.stdout.split(separator: "\n") == ["ok", "\(total)"], "\(check.stdout) \(check.stderr)")
        let report = try RosterDatabase.verify(path: copy)
        #expect(report.outboxMessages == total)
        let messages = try RosterDatabase(path: copy).outboxMessages()
        #expect(Set(messages.map(\.messageID)) == Set((0..<total).map { "m\($0)@district.test" }))
        // Messages in flight at the copy's instant are `sending` in it: a restore would resend them as
        // `unknown`, under the same Message-ID, never lose them.
        #expect(messages.allSatisfy { $0.bytes.count > 600 })
        // Taken in the middle of the delivery: some messages sent, some not yet.
        let states = Set(messages.map(\.state))
        #expect(states.contains(.sent) && states != [.sent], "the backup did not overlap the delivery: \(states)")
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
    }

    @Test("restore: refused (exit 75) while serve runs; afterwards the store is the backup's, the old one kept")
    func restore() async throws {
        let inst = try TestInstallation(
            delivery: ["transport: \"maildir:outbox\""], schedule: ["weekday: monday", "catch_up_hours: 0"])
        try inst.queue(5)
        let copy = inst.scratch.path + "/copy.sqlite"
        #expect(try await run(["backup", "--to", copy] + inst.global).status == 0)
        try inst.queue(0)
        let serve = try ServeProcess(inst, environment: [:])
        #expect(try await serve.waitForLog("rostermail serve started"))
        let deadline = Date().addingTimeInterval(10)
        while ServeOperationsTests.delivered(inst) < 5, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        let refused = try await run(["restore", copy] + inst.global)
        #expect(refused.status == 75, "\(refused.stderr)")
        #expect(refused.stderr.contains("serve is running"), "\(refused.stderr)")
        #expect(try await serve.stop() == 0)
        #expect(try inst.store.outboxMessages().allSatisfy { $0.state == .sent })
        let restored = try await run(["restore", copy] + inst.global)
        #expect(restored.status == 0, "\(restored.stderr)")
        // The backup's state: five messages still queued; the store as it was saved beside it.
        #expect(try inst.store.outboxMessages().map(\.state) == Array(repeating: .queued, count: 5))
        let saved = try FileManager.default.contentsOfDirectory(atPath: inst.state).filter {
            $0.hasPrefix("rostermail.sqlite.before-restore-")
        }
        #expect(saved.count == 1)
        #expect(try RosterDatabase.verify(path: inst.state + "/" + saved[0]).outboxMessages == 5)
        let broken = inst.scratch.path + "/broken.sqlite"
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: broken))
        let bad = try await run(["restore", broken] + inst.global)
        #expect(bad.status == 1 && bad.stderr.contains("broken.sqlite"), "\(bad.stderr)")
    }
}
