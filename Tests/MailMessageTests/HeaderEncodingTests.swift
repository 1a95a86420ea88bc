import Testing

@testable import MailMessage

@Suite("RFC 2047 encoded-words")
struct HeaderEncodingTests {
    static let texts: [String] = [
        "José Muñoz",
        "Weekly roster for José Muñoz — Lincoln Elementary",
        "👨‍👩‍👧‍👦 family " + String(repeating: "🎉", count: 40),
        String(repeating: "日本語のテキスト", count: 12),
        String(repeating: "Ærøskøbing Ålesund ", count: 10),
        String(repeating: "e\u{301}", count: 60),
        "e" + String(repeating: "\u{301}", count: 80) + " tail",
        "é é  é\tend",
        "=?utf-8?q?not_an_encoded_word?= is literal",
    ]

    /// Encoded-words of `value`, each checked to be a whole word of ≤ 75 characters.
    private func words(_ value: [UInt8]) -> [String] {
        TestSupport.string(value).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            .filter { $0.hasPrefix("=?") }
    }

    @Test("unstructured: words ≤ 75, whole UTF-8 and graphemes, decode back", arguments: texts)
    func unstructured(_ text: String) throws {
        let value = HeaderEncoding.unstructured(text)
        #expect(value.allSatisfy { $0 < 0x80 && $0 >= 0x09 })
        let encoded = words(value)
        #expect(!encoded.isEmpty)
        var graphemes = 0
        var joined = ""
        for word in encoded {
            #expect(word.utf8.count <= 75, "\(word)")
            let decoded = try #require(TestSupport.decodeWord(word), "not whole UTF-8: \(word)")
            graphemes += decoded.count
            joined += decoded
        }
        #expect(TestSupport.decode2047(TestSupport.string(value)) == text)
        if !text.contains("\u{301}\u{301}") {
            // A grapheme split across two words would merge when joined, giving fewer characters.
            #expect(joined.count == graphemes)
        }
    }

    @Test("graphemes are never split across words")
    func graphemeBoundaries() throws {
        let text = String(repeating: "👨‍👩‍👧‍👦", count: 20)
        let encoded = words(HeaderEncoding.unstructured(text))
        #expect(encoded.count > 1)
        for word in encoded {
            let decoded = try #require(TestSupport.decodeWord(word))
            #expect(decoded.unicodeScalars.count % 7 == 0, "family emoji is 7 scalars")
            #expect(decoded.allSatisfy { $0 == "👨‍👩‍👧‍👦" })
        }
    }

    @Test("ASCII words stay plain; adjacent non-ASCII words encoded together")
    func asciiWordsPlain() {
        let value = TestSupport.string(HeaderEncoding.unstructured("Roster for José Muñoz this week"))
        #expect(value.hasPrefix("Roster for =?UTF-8?"))
        #expect(value.hasSuffix("?= this week"))
        #expect(value.components(separatedBy: "=?UTF-8?").count == 2, "one encoded-word for both names: \(value)")
        #expect(value.contains("Jos=C3=A9_Mu=C3=B1oz"))
        #expect(TestSupport.string(HeaderEncoding.unstructured("plain ASCII subject")) == "plain ASCII subject")
    }

    @Test("a word that looks like an encoded-word is encoded")
    func lookalike() {
        let value = TestSupport.string(HeaderEncoding.unstructured("see =?UTF-8?Q?x?= here"))
        #expect(!value.contains("=?UTF-8?Q?x?="))
        #expect(TestSupport.decode2047(value) == "see =?UTF-8?Q?x?= here")
    }

    @Test(
        "display names: atoms, quoted-strings, encoded-words",
        arguments: [
            ("Pat Smith", "Pat Smith"),
            ("Smith, Pat", "\"Smith, Pat\""),
            ("Pat \"PJ\" Smith", "\"Pat \\\"PJ\\\" Smith\""),
            ("Pat (CSC)", "\"Pat (CSC)\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("J. Smith", "\"J. Smith\""),
            ("José Muñoz", "=?UTF-8?Q?Jos=C3=A9_Mu=C3=B1oz?="),
        ])
    func phrase(_ name: String, _ expected: String) {
        #expect(TestSupport.string(HeaderEncoding.phrase(name)) == expected)
    }

    @Test(
        "names needing encoding never mix quotes and decode back",
        arguments: ["Muñoz, José", "José \"Pepe\" Muñoz", "Dr. Zoë Ångström (CSC)", "李小龙", "=?x?= Smith"])
    func encodedPhrase(_ name: String) {
        let value = TestSupport.string(HeaderEncoding.phrase(name))
        #expect(!value.contains("\""))
        #expect(TestSupport.decode2047(value) == name)
        for word in value.split(separator: " ") where word.hasPrefix("=?") { #expect(word.utf8.count <= 75) }
    }

    @Test("long subjects fold into lines ≤ 78 with words ≤ 75")
    func longSubject() throws {
        var message = try MessageWriterTests.simpleMessage()
        message.subject = String(repeating: "Ünïcödé roster ✓ ", count: 30)
        let bytes = try MessageWriter.render(message, seed: "s")
        let subject = try #require(TestSupport.header("Subject", in: bytes))
        #expect(TestSupport.decode2047(subject) == TestSupport.trimmed(message.subject))
        for line in TestSupport.lines(bytes) { #expect(line.count <= 78) }
    }
}
