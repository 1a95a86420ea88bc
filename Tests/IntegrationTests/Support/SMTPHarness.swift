import Foundation
import Roster
import RosterStore

/// A test CA (scripts/testservers/make_ca.sh) shared by the tests of this process.
enum IntegrationCA {
    struct Files: Sendable {
        var ca: String
        var cert: String
        var key: String
    }

    static let files: Files = {
        let dir = NSTemporaryDirectory() + "rostermail-it-ca-\(getpid())"
        let r = try! runBlocking(
            ["/bin/bash", root + "/scripts/testservers/make_ca.sh", dir], executable: "/usr/bin/env")
        precondition(r.status == 0, "make_ca.sh failed: \(r.stderr)")
        return Files(ca: dir + "/ca.pem", cert: dir + "/server.pem", key: dir + "/server.key")
    }()
}

/// A Python SMTP server from scripts/testservers on 127.0.0.1 (it prints `PORT n` when listening),
/// killed by its pid when the value goes away.
final class SMTPServer: @unchecked Sendable {
    let port: Int
    let directory: String
    let process: Process

    /// `script` is aiosmtpd_server.py (STARTTLS + AUTH roster/secret; messages in `directory`) or
    /// fault_smtp_server.py (`--scenario`, log in `directory/log`).
    init(_ script: String, _ extra: [String] = []) throws {
        directory = NSTemporaryDirectory() + "rostermail-smtp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ca = IntegrationCA.files
        let out = directory + "/server.out"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let specific = script.hasPrefix("aiosmtpd") ? ["--maildir", directory] : ["--log", directory + "/log"]
        process.arguments =
            [root + "/scripts/testservers/" + script, "--cert", ca.cert, "--key", ca.key] + specific + extra
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        var found: Int?
        // The PORT line first: a loaded machine has shown `isRunning` false for a process already listening.
        while Date() < deadline, found == nil {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            found = text.split(separator: "\n").first { $0.hasPrefix("PORT ") }.flatMap { Int($0.dropFirst(5)) }
            if found == nil {
                if !process.isRunning && kill(process.processIdentifier, 0) != 0 { break }
                usleep(20_000)
            }
        }
        guard let found else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw HarnessError("\(script) did not start: \((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")")
        }
        port = found
    }

    /// Starts the server off the cooperative pool (the start waits for the server's PORT line).
    static func start(_ script: String, _ extra: [String] = []) async throws -> SMTPServer {
        try await offPool { try SMTPServer(script, extra) }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The messages an aiosmtpd server accepted, in order.
    func received() -> [[UInt8]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasSuffix(".eml")
        }
        .sorted()
        return names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0).map { [UInt8]($0) } }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A configuration directory and state directory for one test: one partner site at school 101 with the
/// given contacts, delivery settings from `delivery` (YAML lines under `delivery:`).
final class TestInstallation {
    let scratch = Scratch()
    var config: String { scratch.path + "/config" }
    var state: String { scratch.path + "/state" }
    var global: [String] { ["--config", config, "--state", state] }

    /// `extra`: more top-level YAML of rostermail.yaml (`metrics:`, `backup:` …), as lines.
    init(contacts: Int = 2, delivery: [String], schedule: [String] = ["weekday: monday"], extra: [String] = []) throws {
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        let main = """
            district:
              name: "Test District"
              domain: district.test
              community_schools_address: rosters@district.test
              admin_address: admin@district.test
            time_zone: America/Chicago
            schedule:
            \(schedule.map { "  " + $0 }.joined(separator: "\n"))
            delivery:
            \(delivery.map { "  " + $0 }.joined(separator: "\n"))
            paths:
              templates: "\(root)/Templates"
            \(extra.joined(separator: "\n"))

            """
        var partners = """
            schools:
              - { number: "101", name: "Alder Elementary", coordinator: { name: "Morgan Díaz", email: csc101@district.test } }
            partners:
              - id: readup
                name: ReadUp
                programs:
                  - id: readup-tut
                    code: TUT1
                    name: ReadUp Tutoring
                    sites:
                      - school: "101"
                        contacts:

            """
        for c in 0..<contacts { partners += "              - { name: \"Contact \(c)\", email: c\(c)@partner.test }\n" }
        try main.write(toFile: config + "/rostermail.yaml", atomically: true, encoding: .utf8)
        try partners.write(toFile: config + "/partners.yaml", atomically: true, encoding: .utf8)
    }

    var store: RosterDatabase { get throws { try RosterDatabase(path: state + "/rostermail.sqlite") } }

    /// Queues `count` synthetic messages (distinct Message-IDs `m<i>@district.test`).
    func queue(_ count: Int, size: Int = 2000) throws {
        let db = try store
        let week = ISOWeek("2026-W49")!
        let body = String(repeating: "Roster line for a test message.\r\n", count: max(1, size / 33))
        let emails = (0..<count).map { i in
            ComposedEmail(
                siteID: "readup-tut-101", week: week, recipient: "p\(i)@partner.test", messageID: "m\(i)@district.test",
                bytes: Array(
                    ("From: rosters@district.test\r\nTo: p\(i)@partner.test\r\nSubject: test \(i)\r\n"
                        + "Message-ID: <m\(i)@district.test>\r\n\r\n\(body)").utf8))
        }
        var added = 0
        for chunk in stride(from: 0, to: emails.count, by: 500) {
            added += try db.enqueue(Array(emails[chunk..<min(chunk + 500, emails.count)]))
        }
        precondition(added == count)
    }

    /// Outbox rows by id: state and last reply.
    func outbox() throws -> [Int64: (state: String, reply: String)] {
        var out: [Int64: (state: String, reply: String)] = [:]
        for row in try store.outboxSummaries() { out[Int64(row[0])!] = (row[1], row[8]) }
        return out
    }
}
