import Testing

@testable import MailMessage

@Suite("Quoted-printable bodies")
struct QuotedPrintableTests {
    static let roundTrips: [String] = [
        "",
        "hello",
        "a = b == c",
        "trailing space \nand tab\t\nend  ",
        String(repeating: "x", count: 300),
        String(repeating: "é", count: 120),
        String(repeating: "abc def ", count: 40) + "\n",
        "line1\nline2\r\nline3\rline4\n\r\n",
        "From the office\nFrom: not a header\n",
        "emoji 👨‍👩‍👧‍👦 and 日本語 " + String(repeating: "🎉", count: 30),
        String(repeating: "=", count: 100),
        String(repeating: "y", count: 75) + "é",
        String(repeating: "y", count: 75) + " ",
        "\u{7}bell\u{7F}del",
    ]

    @Test("decodes back to the input with CRLF line ends", arguments: roundTrips)
    func roundTrip(_ text: String) throws {
        let encoded = QuotedPrintable.encode(text)
        let decoded = try #require(TestSupport.decodeQP(encoded))
        #expect(TestSupport.string(decoded) == TestSupport.crlf(text))
    }

    @Test("lines ≤ 76, CRLF only, 7-bit, no trailing whitespace, '=' only in escapes", arguments: roundTrips)
    func lineShape(_ text: String) {
        let encoded = QuotedPrintable.encode(text)
        #expect(TestSupport.onlyCRLF(encoded))
        #expect(encoded.allSatisfy { $0 < 0x80 && $0 != 0 })
        for line in TestSupport.lines(encoded) {
            #expect(line.count <= 76, "line of \(line.count): \(TestSupport.string(line))")
            #expect(line.last != 0x20 && line.last != 0x09)
            for (i, b) in line.enumerated() where b == 0x3D {
                let softBreak = i == line.count - 1
                let escape =
                    i + 2 < line.count && TestSupport.hexValue(line[i + 1]) != nil
                    && TestSupport.hexValue(line[i + 2]) != nil
                #expect(softBreak || escape)
            }
        }
    }

    @Test(
        "exact encodings",
        arguments: [
            ("a = b", "a =3D b"),
            ("end \nx\t", "end=20\r\nx=09"),
            ("José", "Jos=C3=A9"),
            ("From here", "=46rom here"),
            ("cr\ronly", "cr\r\nonly"),
            (String(repeating: "a", count: 80), String(repeating: "a", count: 75) + "=\r\n" + "aaaaa"),
            (String(repeating: "a", count: 76), String(repeating: "a", count: 76)),
        ])
    func exact(_ input: String, _ expected: String) {
        #expect(TestSupport.string(QuotedPrintable.encode(input)) == expected)
    }

    @Test("an escape is never split by a soft line break")
    func escapeNotSplit() throws {
        for prefix in 70...76 {
            let text = String(repeating: "a", count: prefix) + "ééé"
            let encoded = QuotedPrintable.encode(text)
            #expect(TestSupport.decodeQP(encoded).map(TestSupport.string) == text)
            #expect(TestSupport.lines(encoded).allSatisfy { $0.count <= 76 })
        }
    }

    @Test(
        "7bit only for short-lined printable ASCII",
        arguments: [
            ("Hello\nWorld", "Hello\r\nWorld" as String?),
            ("a = b\r\n", "a = b\r\n"),
            ("", ""),
            ("José", nil),
            ("trailing \n", nil),
            (String(repeating: "x", count: 77), nil),
            ("From me", nil),
            ("bell\u{7}", nil),
        ])
    func sevenBit(_ input: String, _ expected: String?) {
        #expect(QuotedPrintable.sevenBit(input).map(TestSupport.string) == expected)
    }
}
