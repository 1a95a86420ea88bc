import Foundation
import Testing

@testable import MailMessage

@Suite("MessageParser limits: refused quickly, the limit named")
struct ParseLimitTests {
    @Test func messageSize() {
        let error = #expect(throws: ParseError.self) {
            try MessageParser.parse([UInt8](repeating: 0x41, count: 101), limits: ParseLimits(maxMessageBytes: 100))
        }
        #expect(error?.limit == .messageBytes)
        #expect(error?.description.contains("message size limit of 100") == true)
    }

    @Test func thousandDeepNestingIsRefused() {
        let bytes = ParserFixtures.nested(depth: 1000)
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: ParseError.self) { try MessageParser.parse(bytes) }
        print("1000-deep nesting refused in \(clock.now - start)")
        #expect(error?.limit == .nestingDepth)
        #expect(error?.allowed == 20)
    }

    @Test func nestingWithinTheLimitParses() throws {
        let m = try MessageParser.parse(ParserFixtures.nested(depth: 19))
        #expect(m.parts.map(\.text) == ["deep\n"])
    }

    @Test func partCount() {
        var text = "From: a@b.org\nContent-Type: multipart/mixed; boundary=p\n\n"
        for k in 0..<300 { text += "--p\n\npart \(k)\n" }
        let error = #expect(throws: ParseError.self) { try ParserFixtures.parse(text) }
        #expect(error?.limit == .partCount)
    }

    @Test func headerCount() {
        let text = "From: a@b.org\n" + String(repeating: "X-Spam: 1\n", count: 600) + "\nbody"
        let error = #expect(throws: ParseError.self) { try ParserFixtures.parse(text) }
        #expect(error?.limit == .headerCount)
    }

    @Test func megabyteHeaderIsRefused() {
        let text = "From: a@b.org\nSubject: " + String(repeating: "x", count: 1 << 20) + "\n\nbody"
        let error = #expect(throws: ParseError.self) { try ParserFixtures.parse(text) }
        #expect(error?.limit == .headerBytes)
    }

    @Test func megabyteOfFoldedHeaderLinesIsRefused() {
        let text = "From: a@b.org\nSubject: x\n" + String(repeating: " folded\n", count: 150_000) + "\nbody"
        let error = #expect(throws: ParseError.self) { try ParserFixtures.parse(text) }
        #expect(error?.limit == .headerBytes)
    }

    @Test func partHeadersAreLimitedToo() {
        let text =
            "From: a@b.org\nContent-Type: multipart/mixed; boundary=p\n\n--p\nX-Big: "
            + String(repeating: "y", count: 70_000) + "\n\nbody\n--p--\n"
        let error = #expect(throws: ParseError.self) { try ParserFixtures.parse(text) }
        #expect(error?.limit == .headerBytes)
        #expect(error?.location.contains("part 1") == true)
    }
}
