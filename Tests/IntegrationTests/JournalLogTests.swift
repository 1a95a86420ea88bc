import Foundation
import Testing

/// Log lines under systemd: `$JOURNAL_STREAM` names the stderr the journal reads.
@Suite("logs for journald")
struct JournalLogTests {
    @Test("with JOURNAL_STREAM: every line starts with its syslog priority, no timestamps, no student names")
    func journalLines() async throws {
        let s = Scratch()
        let sample = s.path + "/sample"
        #expect(
            try await run([
                "sample-district", "--students", "120", "--schools", "2", "--seed", "7", "--out", sample,
            ]).status == 0)
        let inst = try TestInstallation(delivery: ["transport: \"maildir:outbox\""])
        try FileManager.default.removeItem(atPath: inst.config + "/partners.yaml")
        try FileManager.default.copyItem(atPath: sample + "/partners.yaml", toPath: inst.config + "/partners.yaml")
        #expect(try await run(["import", "oneroster", sample + "/oneroster"] + inst.global).status == 0)
        #expect(try await run(["import", "participation", sample + "/participation.csv"] + inst.global).status == 0)

        let global = inst.global
        let stderr = try await offPool { () throws -> String in
            let pipe = Pipe()
            var st = stat()
            fstat(pipe.fileHandleForWriting.fileDescriptor, &st)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["mail", "--week", "2026-W49"] + global
            p.environment = ProcessInfo.processInfo.environment.merging([
                "JOURNAL_STREAM": "\(st.st_dev):\(st.st_ino)", "ROSTERMAIL_LOG_LEVEL": "debug",
            ]) { _, b in b }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = pipe
            try p.run()
            try pipe.fileHandleForWriting.close()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let lines = stderr.split(separator: "\n")
        #expect(lines.count > 10, "\(stderr)")
        #expect(lines.allSatisfy { $0.contains(try! Regex(#"^<[2-7]>"#)) }, "\(stderr)")
        #expect(!stderr.contains(try Regex(#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#)), "\(stderr)")
        #expect(lines.contains { $0.hasPrefix("<6>delivery attempt ") })

        // Student names: from the SIS export (names that are also a contact's or CSC's are not counted).
        let partners = try String(contentsOfFile: sample + "/partners.yaml", encoding: .utf8)
        let users = try String(contentsOfFile: sample + "/oneroster/users.csv", encoding: .utf8)
        var names: Set<String> = []
        for row in users.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count > 9, cells[5] == "student" else { continue }
            for name in [cells[8], cells[9], cells[8] + " " + cells[9]] where !partners.contains(name) {
                names.insert(name)
            }
        }
        #expect(names.count > 20)
        let leaked = names.filter { stderr.contains(try! Regex("\\b\($0)\\b")) }
        #expect(leaked.isEmpty, "student names in the log: \(leaked.sorted())")
    }
}
