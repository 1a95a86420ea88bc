import Testing

@testable import MailMessage

@Suite("Header folding")
struct HeaderFoldingTests {
    private func fold(_ name: String, _ value: String) throws(MailError) -> [UInt8] {
        var out: [UInt8] = []
        try HeaderFolding.append(name: name, value: Array(value.utf8), field: name, to: &out)
        return out
    }

    static let foldable: [String] = [
        String(repeating: "word ", count: 60) + "end",
        String(repeating: "a", count: 60) + " " + String(repeating: "b", count: 70) + " c",
        "lead   spaces\tand tabs " + String(repeating: "x ", count: 80),
        (1...20).map { "Person \($0) <person\($0)@example.org>" }.joined(separator: ", "),
    ]

    @Test("lines ≤ 78 at whitespace, unfolding restores the value", arguments: foldable)
    func folds(_ value: String) throws {
        let out = try fold("Subject", value)
        #expect(TestSupport.onlyCRLF(out))
        let lines = TestSupport.lines(out).dropLast()
        for line in lines {
            #expect(line.count <= 78, "\(TestSupport.string(line))")
            #expect(!line.allSatisfy { $0 == 0x20 || $0 == 0x09 })
        }
        for line in lines.dropFirst() { #expect(line.first == 0x20 || line.first == 0x09) }
        let unfolded = TestSupport.string(out).replacingOccurrences(of: "\r\n", with: "")
        #expect(unfolded == "Subject: " + value)
    }

    @Test("a short header stays on one line")
    func short() throws {
        #expect(
            TestSupport.string(try fold("Auto-Submitted", "auto-generated")) == "Auto-Submitted: auto-generated\r\n")
        #expect(TestSupport.string(try fold("Subject", "")) == "Subject:\r\n")
    }

    @Test("an unbreakable run up to the limit is written on its own line", arguments: [100, 500, 997])
    func longToken(_ length: Int) throws {
        let out = try fold("Subject", "see " + String(repeating: "x", count: length) + " ok")
        #expect(TestSupport.lines(out).allSatisfy { $0.count <= 998 })
    }

    @Test("a run that cannot fit in 998 throws naming the field", arguments: [998, 1000, 5000])
    func tooLong(_ length: Int) {
        #expect(throws: MailError.self) { try fold("Subject", String(repeating: "x", count: length)) }
        do {
            _ = try fold("List-Id", "a " + String(repeating: "y", count: length))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidHeaderValue)
            #expect(error.field == "List-Id")
            #expect(error.message.contains("998"))
        }
    }

    @Test("long subjects and headers through the writer: no line > 78 when there is whitespace")
    func throughWriter() throws {
        var message = try MessageWriterTests.simpleMessage()
        message.subject = String(repeating: "Roster update for the partner site ", count: 12)
        message.to = try (1...15).map { try MailAddress("p\($0)@example.org", displayName: "Partner Contact \($0)") }
        message.references = (1...12).map { "ref.\($0).abcdefghij@district.example.org" }
        message.extraHeaders = [("List-Id", String(repeating: "Roster mail ", count: 10) + "<rosters.example.org>")]
        let bytes = try MessageWriter.render(message, seed: "fold")
        for line in TestSupport.lines(bytes) { #expect(line.count <= 78, "\(TestSupport.string(line))") }
        #expect(TestSupport.header("Subject", in: bytes) == TestSupport.trimmed(message.subject))
    }

    @Test("a 1000-character subject word throws before any output")
    func writerRefusesUnfoldable() throws {
        var message = try MessageWriterTests.simpleMessage()
        message.subject = "x" + String(repeating: "y", count: 999)
        let error = #expect(throws: MailError.self) { try MessageWriter.render(message, seed: "s") }
        #expect(error?.code == .invalidHeaderValue)
        #expect(error?.field == "Subject")
        #expect(error?.message.contains("998") == true)
    }
}
