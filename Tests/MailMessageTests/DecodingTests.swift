import Testing

@testable import MailMessage

@Suite("Header and body decoding: RFC 2047, RFC 2231, charsets, base64, quoted-printable")
struct DecodingTests {
    @Test(arguments: [
        ("=?utf-8?q?Jos=C3=A9?= =?utf-8?q?_Mu=C3=B1oz?=", "José Muñoz"),
        ("=?UTF-8?B?w6k=?=", "é"),
        ("=?utf-8?b?w6k?=", "é"),  // missing padding
        ("a =?utf-8?q?b?=  \t =?utf-8?q?c?= d", "a bc d"),  // whitespace between encoded-words dropped
        ("=?utf-8?q?=C3?= =?utf-8?q?=A9?=", "é"),  // a character split across words
        ("=?koi8-r?b?8NLJ18XU?=", "Привет"),
        ("=?windows-1252?q?=93hi=94?=", "“hi”"),
        ("=?iso-8859-1*es?q?a=F1o?=", "año"),  // RFC 2231 language suffix
        ("=?x-unknown?q?plain?=", "plain"),
        ("=?bogus", "=?bogus"),
        ("=?utf-8?x?abc?=", "=?utf-8?x?abc?="),
        ("=?utf-8?q?has space?=", "=?utf-8?q?has space?="),
        ("plain text", "plain text"),
    ])
    func encodedWords(raw: String, decoded: String) {
        #expect(EncodedWords.decode(raw) == decoded)
    }

    @Test(arguments: [
        ("attachment; filename*=utf-8''roster-Mu%C3%B1oz.csv", "roster-Muñoz.csv"),
        ("attachment; filename*0*=utf-8''Mu%C3; filename*1*=%B1oz; filename*2=.csv", "Muñoz.csv"),
        ("attachment; filename*1=b.csv; filename*0=a", "ab.csv"),
        ("attachment; filename*=iso-8859-1'es'Mu%F1oz.csv", "Muñoz.csv"),
        ("attachment; filename=\"a \\\"b\\\".txt\"", "a \"b\".txt"),
        ("attachment; filename=\"unterminated.txt", "unterminated.txt"),
        ("attachment; filename=my file.pdf", "my file.pdf"),
        ("attachment; filename=\"=?utf-8?q?Jos=C3=A9.csv?=\"", "José.csv"),
        ("attachment;filename = \"spaced.csv\" ; size=3", "spaced.csv"),
    ])
    func rfc2231Parameters(raw: String, filename: String) {
        let value = ParameterizedValue(parsing: raw)
        #expect(value.value == "attachment")
        #expect(value.parameters["filename"] == filename)
    }

    @Test func contentTypeWithComment() {
        let value = ParameterizedValue(parsing: "Text/Plain (a comment); CHARSET=\"UTF-8\"; format=flowed")
        #expect(value.value == "text/plain")
        #expect(value.parameters == ["charset": "UTF-8", "format": "flowed"])
    }

    @Test(
        arguments: [
            ([0xC3, 0xA9], "utf-8", "é"),
            ([0xC3, 0xA9], "us-ascii", "é"),  // 8-bit UTF-8 mislabelled as ASCII
            ([0xE9], "us-ascii", "é"),  // and Latin-1 mislabelled as ASCII
            ([0xE9], "iso-8859-1", "é"),
            ([0xE9], "latin1", "é"),
            ([0x93, 0x94], "ISO-8859-1", "“”"),  // what clients mean by Latin-1
            ([0xB1], "iso-8859-2", "ą"),
            ([0xA4], "iso-8859-15", "€"),
            ([0xA4], "ISO_8859-15:1998", "€"),
            ([0x80], "windows-1252", "€"),
            ([0x80], "cp1252", "€"),
            ([0x81], "windows-1252", "\u{81}"),  // undefined in 1252: Latin-1
            ([0xCF, 0xF0, 0xE8], "windows-1251", "При"),
            ([0xF0, 0xD2, 0xC9], "koi8-r", "При"),
            ([0xFF, 0xFE, 0x41, 0x00], "utf-16", "A"),
            ([0xFF], "utf-8", "\u{FFFD}"),
        ] as [([UInt8], String, String)])
    func charsets(bytes: [UInt8], label: String, text: String) {
        let decoded = Charset.decode(bytes, label: label)
        #expect(decoded.text == text)
        #expect(decoded.recognized)
    }

    @Test func unknownCharsetReadsUTF8() {
        let decoded = Charset.decode(Array("añ".utf8), label: "x-mac-klingon")
        #expect(decoded.text == "añ")
        #expect(!decoded.recognized)
        #expect(Charset.canonicalName("x-mac-klingon") == nil)
    }

    @Test(arguments: [
        ("aGVsbG8=", "hello"),
        ("aGVs\r\nbG8=\r\n", "hello"),
        ("aGVsbG8", "hello"),  // no padding
        ("aGV sbG8*!", "hello"),  // junk skipped
        ("aGVsbG8=aGVsbG8=", "hellohello"),  // padding in the middle
        ("a", ""),  // a dangling sixth-bit group is dropped
        ("", ""),
    ])
    func tolerantBase64(encoded: String, decoded: String) {
        #expect(TransferDecoding.base64(Array(encoded.utf8)) == Array(decoded.utf8))
    }

    @Test(arguments: [
        ("caf=C3=A9", "café"),
        ("caf=c3=a9", "café"),  // lowercase hex
        ("soft=\r\nbreak", "softbreak"),
        ("soft=  \nbreak", "softbreak"),  // blanks after '=' and a bare LF
        ("bad=ZZescape", "bad=ZZescape"),
        ("ends with =", "ends with "),
        ("trailing   \r\nline", "trailing\r\nline"),
        ("a=3", "a=3"),
    ])
    func tolerantQuotedPrintable(encoded: String, decoded: String) {
        #expect(TransferDecoding.quotedPrintable(Array(encoded.utf8)) == Array(decoded.utf8))
    }

    @Test(arguments: [
        ("one \ntwo\n", false, "one two\n"),
        ("one \ntwo", true, "onetwo"),
        ("> quoted \n> text\nplain", false, "> quoted text\nplain"),
        (" >stuffed\n", false, ">stuffed\n"),
        ("-- \nsig", false, "-- \nsig"),  // the signature separator is not flowed
        ("end of para \n\nnext", false, "end of para \nnext"),
    ])
    func formatFlowed(text: String, delSp: Bool, unflowed: String) {
        #expect(FlowedText.unflow(text, delSp: delSp) == unflowed)
    }
}
