import Foundation
import Testing

@testable import MailMessage

/// Python's `email` package (policy.default) reads what the writer wrote: scripts/check_mime.py.
@Suite("Independent parser check")
struct PythonParserCheckTests {
    static let python = "/usr/bin/python3"

    /// scripts/check_mime.py of the repository holding this test file (symlinks resolved).
    static func script() throws -> URL {
        var directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("scripts/check_mime.py")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw CheckError("scripts/check_mime.py not found above \(#filePath)")
    }

    struct CheckError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs the script on `messages` and returns its JSON objects in order.
    static func check(_ messages: [[UInt8]]) throws -> [[String: Any]] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mime-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (k, message) in messages.enumerated() {
            let url = directory.appendingPathComponent("m\(k).eml")
            try Data(message).write(to: url)
            paths.append(url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [try script().path] + paths
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CheckError("check_mime.py exited \(process.terminationStatus)")
        }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CheckError("not a JSON object: \(line)")
            }
            return object
        }
    }

    @Test("subject, names, parts and line facts as Python decodes them")
    func rosterMessage() throws {
        let message = try TestSupport.rosterMessage()
        let results = try Self.check([try MessageWriter.render(message, seed: "python")])
        let result = try #require(results.first)

        #expect(result["subject"] as? String == message.subject)
        #expect(result["message_id"] as? String == "<\(message.messageID)>")
        let from = try #require((result["from"] as? [[String: Any]])?.first)
        #expect(from["name"] as? String == "Community Schools")
        #expect(from["address"] as? String == "community@district.example.org")
        let to = try #require((result["to"] as? [[String: Any]])?.first)
        #expect(to["name"] as? String == "José Muñoz")
        #expect(to["address"] as? String == "jose@partner.example.org")
        let cc = try #require((result["cc"] as? [[String: Any]])?.first)
        #expect(cc["name"] as? String == "Smith, Pat (CSC)")
        let replyTo = try #require((result["reply_to"] as? [[String: Any]])?.first)
        #expect(replyTo["address"] as? String == "rosters+tok123@district.example.org")

        let parts = try #require(result["parts"] as? [[String: Any]])
        #expect(parts.map { $0["content_type"] as? String } == ["text/plain", "text/html", "text/csv"])
        guard case .multipart(_, let outer) = message.body.content, case .multipart(_, let inner) = outer[0].content,
            case .text(let plain, _) = inner[0].content, case .text(let html, _) = inner[1].content
        else {
            Issue.record("unexpected fixture shape")
            return
        }
        #expect(parts[0]["content"] as? String == plain)
        #expect(parts[1]["content"] as? String == html)
        #expect(parts[2]["content"] as? String == TestSupport.csv)
        #expect(parts[2]["filename"] as? String == "roster-Muñoz.csv")

        #expect((result["defects"] as? [String])?.isEmpty == true, "\(result["defects"] ?? "")")
        #expect((result["max_line"] as? Int).map { $0 <= 998 } == true)
        #expect(result["bare_lf"] as? Bool == false)
        #expect(result["bare_cr"] as? Bool == false)
        #expect(result["eight_bit"] as? Bool == false)
        #expect(result["nul"] as? Bool == false)
    }

    /// Python's phrase parser keeps (or adds) whitespace between adjacent encoded-words and turns
    /// tabs into spaces; display names are compared without whitespace where that can happen.
    static func withoutWhitespace(_ s: String) -> String {
        s.filter { $0 != " " && $0 != "\t" }
    }

    @Test("hard cases decode too: long names, emoji, CJK, specials, long filenames")
    func hardCases() throws {
        var messages: [OutgoingMessage] = []
        let subjects = [
            String(repeating: "Ünïcödé roster ✓ ", count: 12), String(repeating: "日本語のテキスト", count: 10),
            "👨‍👩‍👧‍👦 " + String(repeating: "🎉", count: 30) + " =?UTF-8?Q?x?= end",
        ]
        let names = ["Muñoz, José", "Pat \"PJ\" O'Neil", String(repeating: "Ångström ", count: 9) + "Zoë", "李小龙"]
        let filenames = [
            String(repeating: "Überlänge Dateiname ", count: 6) + ".csv", "plain.csv", "quote\"d name.csv",
            String(repeating: "long-ascii-name-", count: 6) + ".csv",
        ]
        for k in 0..<4 {
            var message = try MessageWriterTests.simpleMessage()
            message.subject = subjects[k % subjects.count]
            message.to = [try MailAddress("a\(k)@example.org", displayName: names[k], field: "To")]
            message.body = .multipart(
                "mixed",
                [
                    .text(
                        String(repeating: "Zeile mit Ümlauten = und Leerzeichen  \n", count: 5) + "no newline at end"),
                    .attachment(
                        Array("a,b\nÄ,ö\n".utf8), contentType: "text/csv; charset=utf-8", filename: filenames[k]),
                ])
            messages.append(message)
        }
        let results = try Self.check(try messages.map { try MessageWriter.render($0, seed: "hard") })
        #expect(results.count == messages.count)
        for (message, result) in zip(messages, results) {
            #expect(result["subject"] as? String == TestSupport.trimmed(message.subject))
            let name = try #require(message.to[0].displayName)
            let decodedName = (result["to"] as? [[String: Any]])?.first?["name"] as? String
            if TestSupport.string(HeaderEncoding.phrase(name)).contains("?= =?") {
                // Python's phrase parser keeps the space between adjacent encoded-words (RFC 2047 §6.2
                // says to drop it); words end after a text space, so only whitespace differs.
                #expect(decodedName.map(Self.withoutWhitespace) == Self.withoutWhitespace(name))
            } else {
                #expect(decodedName == name)
            }
            let parts = result["parts"] as? [[String: Any]] ?? []
            #expect(parts.count == 2)
            #expect(
                parts.first?["content"] as? String
                    == String(repeating: "Zeile mit Ümlauten = und Leerzeichen  \n", count: 5) + "no newline at end")
            guard case .multipart(_, let children) = message.body.content,
                case .attachment(_, _, let filename) = children[1].content
            else { continue }
            #expect(parts.last?["filename"] as? String == filename)
            #expect(parts.last?["content"] as? String == "a,b\nÄ,ö\n")
            #expect((result["defects"] as? [String])?.isEmpty == true, "\(result["defects"] ?? "")")
            #expect(result["eight_bit"] as? Bool == false)
            #expect(result["bare_lf"] as? Bool == false)
        }
    }
}
