import Foundation
import Testing

@testable import MailMessage

/// Deterministic random inputs: every message renders CRLF-only, 7-bit, lines ≤ 998 (≤ 78 for the
/// headers when words are short), and decodes back, with our decoders and with Python's.
@Suite("Random inputs")
struct RandomInputTests {
    static let pieces = [
        "a", "Zz", " ", "  ", "\t", "é", "日本", "👨‍👩‍👧‍👦", "=", "?", "=?", "?=", "\"", "\\", ",", "(", ")", "<", ":",
        "\u{1}", "\u{7F}", "e\u{301}", "_", "Ångström", "José", "From ", ".", "abcdefghijklmnopqrstuvwxyz0123",
    ]

    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func text(maxPieces: Int, extra: [String] = []) -> String {
            let all = RandomInputTests.pieces + extra
            return (0..<next(maxPieces + 1)).map { _ in all[next(all.count)] }.joined()
        }
    }

    static func messages(count: Int) throws -> [OutgoingMessage] {
        var random = Generator(state: 7)
        return try (0..<count).map { _ in
            var message = try MessageWriterTests.simpleMessage()
            message.subject = random.text(maxPieces: 40)
            let name = random.text(maxPieces: 12)
            message.to = [try MailAddress("to@example.org", displayName: name, field: "To")]
            let body = random.text(maxPieces: 200, extra: ["\n", "\r\n", "\r", "  \n"])
            let filename = random.text(maxPieces: 8) + ".csv"
            message.body = .multipart(
                "mixed",
                [
                    .text(body),
                    .attachment(Array(body.utf8), contentType: "text/plain; charset=utf-8", filename: filename),
                ])
            return message
        }
    }

    @Test("shape and round trip through our decoders")
    func shape() throws {
        for message in try Self.messages(count: 300) {
            let bytes = try MessageWriter.render(message, seed: "random")
            #expect(TestSupport.onlyCRLF(bytes))
            #expect(bytes.allSatisfy { $0 < 0x80 && $0 != 0 })
            let lines = TestSupport.lines(bytes)
            #expect(lines.allSatisfy { $0.count <= 998 })
            let headerEnd = lines.firstIndex(where: { $0.isEmpty }) ?? lines.count
            if !message.subject.contains("abcdefghijklmnopqrstuvwxyz0123") {
                #expect(lines[..<headerEnd].allSatisfy { $0.count <= 78 }, "\(message.subject.debugDescription)")
            }
            #expect(
                TestSupport.header("Subject", in: bytes).map(TestSupport.decode2047)
                    == TestSupport.trimmed(message.subject))
        }
    }

    @Test("Python's email package decodes subject, body, attachment and filename without defects")
    func python() throws {
        let messages = try Self.messages(count: 60)
        let results = try PythonParserCheckTests.check(try messages.map { try MessageWriter.render($0, seed: "r") })
        #expect(results.count == messages.count)
        for (message, result) in zip(messages, results) {
            #expect(result["subject"] as? String == TestSupport.trimmed(message.subject))
            // Python flags control characters even inside encoded-words; they are still decoded.
            let defects = (result["defects"] as? [String] ?? []).filter { !$0.contains("NonPrintableDefect") }
            #expect(defects.isEmpty, "\(defects)")
            let name = try #require(message.to[0].displayName)
            let decodedName = (result["to"] as? [[String: Any]])?.first?["name"] as? String
            #expect(
                decodedName.map(PythonParserCheckTests.withoutWhitespace)
                    == PythonParserCheckTests.withoutWhitespace(TestSupport.trimmed(name)))
            guard case .multipart(_, let parts) = message.body.content, case .text(let body, _) = parts[0].content,
                case .attachment(_, _, let filename) = parts[1].content
            else { continue }
            let decoded = result["parts"] as? [[String: Any]] ?? []
            let expectedBody = TestSupport.crlf(body).replacingOccurrences(of: "\r\n", with: "\n")
            #expect(decoded.first?["content"] as? String == expectedBody)
            #expect(decoded.last?["filename"] as? String == TestSupport.trimmed(filename))
        }
    }
}
