import Foundation
import Testing

/// The package root, found from this file's path.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The built binary (debug unless ROSTERMAIL_BIN says otherwise).
let binary = ProcessInfo.processInfo.environment["ROSTERMAIL_BIN"] ?? root + "/.build/debug/rostermail"

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `rostermail` binary (or another program) and collects its output, off Swift's cooperative
/// pool: blocking its few threads would starve the other tests' servers and clocks.
func run(
    _ args: [String], executable: String = binary, stdin: String? = nil, environment: [String: String] = [:]
) async throws -> RunResult {
    try await offPool { try runBlocking(args, executable: executable, stdin: stdin, environment: environment) }
}

/// Runs `body` on a dispatch thread and awaits it.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

func runBlocking(
    _ args: [String], executable: String = binary, stdin: String? = nil, environment: [String: String] = [:]
) throws -> RunResult {
    let p = Process()
    if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, b in b } }
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: root)
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(
        status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
        stderr: String(decoding: e, as: UTF8.self))
}

final class Scratch {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "rostermail-it-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("rostermail, the built binary, end to end")
struct CLITests {
    @Test("demo: every email parses with Python's email package into text, HTML and CSV; a rerun sends nothing")
    func demo() async throws {
        let s = Scratch()
        let first = try await run(["demo", "--config", root + "/Config", "--state", s.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Monday mailing for"))
        #expect(first.stdout.contains("Open one: "))
        let maildir = s.path + "/demo/outbox/new"
        let all = try FileManager.default.contentsOfDirectory(atPath: maildir).sorted().map { maildir + "/" + $0 }
        #expect(all.count > 100)
        // Every roster email and confirmation, and the first 40 release requests (they share one template).
        var requestsChecked = 0
        let files = try all.filter { path in
            let head = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4096), as: UTF8.self)
            guard head.contains("X-RosterMail-Kind: release-request") else { return true }
            requestsChecked += 1
            return requestsChecked <= 40
        }
        let check = try await run([root + "/scripts/check_mime.py"] + files, executable: "/usr/bin/python3")
        #expect(check.status == 0, "\(check.stderr)")
        let reports = check.stdout.split(separator: "\n").map {
            try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(reports.count == files.count)
        // The demo's reply round trip: two confirmations among the roster emails.
        #expect(first.stdout.contains("2 applied, 1 quarantined (sender not a contact), 1 ignored (out of office)"))
        #expect(first.stdout.contains("release request(s)") && first.stdout.contains("1 release(s) on file"))
        #expect(
            first.stdout.contains("A guardian signed a release by email for student")
                && first.stdout.contains("next week's roster shows \"release on file: yes\""))
        func subject(_ r: [String: Any]) -> String { r["subject"] as! String }
        func isRelease(_ r: [String: Any]) -> Bool {
            subject(r).contains("Permission to share") || subject(r).contains("Permiso para compartir")
        }
        // The data request's emails (acknowledgement, the team's review, the answer): clean MIME, checked apart.
        func isData(_ r: [String: Any]) -> Bool { subject(r).contains("Data request") }
        let data = reports.filter(isData)
        #expect(data.count >= 3 && data.allSatisfy { ($0["defects"] as! [Any]).isEmpty }, "\(data.map(subject))")
        let confirmations = reports.filter { subject($0).hasPrefix("Re: ") && !isRelease($0) && !isData($0) }
        #expect(confirmations.count == 2)
        for c in confirmations {
            #expect((c["defects"] as! [Any]).isEmpty)
            let text = ((c["parts"] as! [[String: Any]]).first?["content"] as? String) ?? ""
            #expect(text.contains("Applied:") && text.contains("added"))
        }
        // Release requests: text and HTML, clean MIME, the consent words in the guardian's language(s); the
        // sample guardian's signature confirmed.
        let releaseRequests = reports.filter { isRelease($0) && !subject($0).hasPrefix("Re: ") }
        #expect(releaseRequests.count == 40)
        for r in releaseRequests {
            #expect((r["defects"] as! [Any]).isEmpty && r["eight_bit"] as! Bool == false)
            let parts = r["parts"] as! [[String: Any]]
            #expect(parts.map { $0["content_type"] as! String } == ["text/plain", "text/html"])
            let text = (parts.first?["content"] as? String) ?? ""
            #expect(text.contains("I AGREE") || text.contains("ACEPTO"))
        }
        let signed = reports.filter { isRelease($0) && subject($0).hasPrefix("Re: ") }
        #expect(
            signed.contains {
                let text = (($0["parts"] as! [[String: Any]]).first?["content"] as? String) ?? ""
                return text.contains("We recorded your permission") || text.contains("Recibimos su permiso")
            })
        var sawAccent = false
        for r in reports where !subject(r).hasPrefix("Re: ") && !isRelease(r) && !isData(r) {
            let path = r["path"] as! String
            #expect((r["defects"] as! [Any]).isEmpty, "\(path): \(r["defects"]!)")
            #expect((r["max_line"] as! Int) <= 998)
            #expect(r["bare_lf"] as! Bool == false, "\(path)")
            #expect(r["eight_bit"] as! Bool == false, "\(path)")
            #expect((r["subject"] as! String).contains(" roster for "))
            let parts = r["parts"] as! [[String: Any]]
            #expect(parts.map { $0["content_type"] as! String } == ["text/plain", "text/html", "text/csv"], "\(path)")
            guard parts.count == 3 else { continue }
            let text = parts[0]["content"] as! String, html = parts[1]["content"] as! String
            let csv = (parts[2]["content"] as! String).replacingOccurrences(of: "\u{FEFF}", with: "")
            #expect(parts[2]["filename"] as? String == "roster.csv")
            let rows = csv.split(separator: "\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
            #expect(csv.hasPrefix("student_number,first_name,last_name,grade,release_on_file,change,action"))
            // Every student of the CSV is named in the text and HTML parts, accents intact.
            for row in rows where row.count >= 3 {
                let name = "\(row[1]) \(row[2])"
                #expect(text.contains(name), "\(path): \(name) missing from the text part")
                #expect(
                    html.contains(name.replacingOccurrences(of: "'", with: "&#39;")) || html.contains(name),
                    "\(path): \(name)")
                if name.unicodeScalars.contains(where: { !$0.isASCII }) { sawAccent = true }
            }
            let cc = (r["cc"] as! [[String: Any]]).first
            #expect((cc?["name"] as? String)?.hasSuffix("(CSC)") == true)
        }
        #expect(sawAccent, "the sample district should carry accented names")
        // The Cc display name with an accent round-trips.
        #expect(reports.contains { (($0["cc"] as! [[String: Any]]).first?["name"] as? String) == "Morgan Díaz (CSC)" })

        let second = try await run(["demo", "--config", root + "/Config", "--state", s.path])
        #expect(second.status == 0)
        #expect(second.stdout.contains("Nothing new to send"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir).count == all.count)
    }

    @Test("check-config: valid → 0; broken → every problem as file:line:column, exit 1")
    func checkConfig() async throws {
        let ok = try await run(["check-config", "--config", root + "/Config"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("OK"))
        // Valid but unsafe in production: said, without failing.
        #expect(ok.stderr.contains("rostermail.yaml: warning: replies.require_dmarc is false"), "\(ok.stderr)")
        let s = Scratch()
        try FileManager.default.copyItem(atPath: root + "/Config/partners.yaml", toPath: s.path + "/partners.yaml")
        let main = try String(contentsOfFile: root + "/Config/rostermail.yaml", encoding: .utf8)
            .replacingOccurrences(of: "time_zone: America/Chicago", with: "time_zone: Mars/Olympus")
            .replacingOccurrences(of: "templates: ../Templates", with: "templates: \(root)/Templates\n  colour: blue")
        try main.write(toFile: s.path + "/rostermail.yaml", atomically: true, encoding: .utf8)
        let bad = try await run(["check-config", "--config", s.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(s.path + "/rostermail.yaml:"))
        #expect(bad.stderr.contains("time_zone “Mars/Olympus”"))
        #expect(bad.stderr.contains("unknown key “colour” in paths"))
    }

    @Test("import: a bad participation file exits 1, lists every bad row and changes nothing")
    func badImport() async throws {
        let s = Scratch()
        #expect(
            try await run([
                "sample-district", "--students", "200", "--schools", "2", "--seed", "3", "--out", s.path + "/sample",
            ]).status == 0)
        let cfg = s.path + "/config"
        try FileManager.default.createDirectory(atPath: cfg, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: s.path + "/sample/partners.yaml", toPath: cfg + "/partners.yaml")
        let main = try String(contentsOfFile: root + "/Config/rostermail.yaml", encoding: .utf8)
            .replacingOccurrences(of: "templates: ../Templates", with: "templates: \(root)/Templates")
        try main.write(toFile: cfg + "/rostermail.yaml", atomically: true, encoding: .utf8)
        let g = ["--config", cfg, "--state", s.path + "/state"]
        let imp = try await run(["import", "oneroster", s.path + "/sample/oneroster"] + g)
        #expect(imp.status == 0, "\(imp.stderr)")
        #expect(imp.stdout.contains("200 inserted"))
        let again = try await run(["import", "oneroster", s.path + "/sample/oneroster"] + g)
        #expect(again.stdout.contains("0 inserted, 0 updated, 200 unchanged"))
        var csv = try String(contentsOfFile: s.path + "/sample/participation.csv", encoding: .utf8)
        csv += "9999999,101,XXX,2026-08-17,\r\n1000001,101,XXX,yesterday,\r\n"
        try csv.write(toFile: s.path + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try await run(["import", "participation", s.path + "/bad.csv"] + g)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("nothing was imported"))
        #expect(bad.stderr.contains("bad.csv:"))
        #expect(bad.stderr.components(separatedBy: "bad.csv:").count - 1 >= 2)
        let status = try await run(["status"] + g)
        #expect(status.stdout.contains("participation: 0"))
        let skip = try await run(["import", "participation", "--skip-invalid", s.path + "/bad.csv"] + g)
        #expect(skip.status == 0)
        #expect(skip.stderr.contains("skipped "))
    }

    @Test("privacy: JSON in, JSON out; bad input names the field and exits 2")
    func privacy() async throws {
        let good = try await run(
            ["privacy", "suppress"],
            stdin:
                #"{"cells": {"a": 3, "b": 40, "c": 45, "t": 88}, "sums": [{"total": "t", "of": ["a", "b", "c"]}], "min_count": 10, "zeros": "publish", "protection": "exact", "attacker": "weak"}"#
        )
        #expect(good.status == 0, "\(good.stderr)")
        let out = try JSONSerialization.jsonObject(with: Data(good.stdout.utf8)) as! [String: Any]
        let published = out["published"] as! [String: Any]
        #expect(published["a"] is NSNull)
        #expect(published.keys.sorted() == ["a", "b", "c", "t"])
        let bad = try await run(["privacy", "suppress"], stdin: #"{"cells": {"a": -1}, "sums": []}"#)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("cells.a"))
    }
}
