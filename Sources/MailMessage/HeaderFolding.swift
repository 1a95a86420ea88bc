/// Writes `Name: value` header fields folded at whitespace (RFC 5322 §2.2.3).
enum HeaderFolding {
    /// Lines are folded to this length where whitespace allows.
    static let preferredLength = 78
    /// No line may be longer than this (RFC 5322 §2.1.1), CRLF excluded.
    static let maxLength = 998

    /// Appends the folded field and its CRLF; throws, writing nothing, when an unbreakable
    /// run would make a line longer than 998 characters.
    static func append(name: String, value: [UInt8], field: String, to out: inout [UInt8]) throws(MailError) {
        var line = Array(name.utf8)
        line.append(0x3A)
        if !value.isEmpty {
            line.append(ByteRules.space)
            line.append(contentsOf: value)
        }
        // A fold point is the first whitespace after a non-whitespace byte with text after it, never
        // right after the colon (parsers like Python's would keep the continuation's space in the value).
        var breaks: [Int] = []
        var lastText = 0
        for i in line.indices where !ByteRules.isWSP(line[i]) { lastText = i }
        let first = name.utf8.count + 2
        for i in first..<max(first, lastText) where ByteRules.isWSP(line[i]) && !ByteRules.isWSP(line[i - 1]) {
            breaks.append(i)
        }
        breaks.append(line.count)

        var folded: [UInt8] = []
        folded.reserveCapacity(line.count + breaks.count * 2 + 2)
        var column = 0
        var start = 0
        for end in breaks {
            let length = end - start
            if column > 0 && column + length > preferredLength {
                folded.append(ByteRules.cr)
                folded.append(ByteRules.lf)
                column = 0
            }
            if column + length > maxLength {
                throw MailError(
                    code: .invalidHeaderValue, field: field,
                    message: "has a run of \(length) characters without whitespace, longer than a line may be "
                        + "(998); shorten it or add spaces")
            }
            folded.append(contentsOf: line[start..<end])
            column += length
            start = end
        }
        folded.append(ByteRules.cr)
        folded.append(ByteRules.lf)
        out.append(contentsOf: folded)
    }
}
