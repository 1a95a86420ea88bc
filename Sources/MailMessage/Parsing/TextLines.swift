/// Line helpers shared by the text converters and the trimmer. Lines are split on LF, CR LF and lone CR
/// (Swift treats "\r\n" as one Character, so splitting works on bytes, never on Characters).
///
/// CR and LF are ASCII, and in UTF-8 an ASCII byte is always a whole scalar, so working on bytes gives
/// exactly the result of working on Unicode scalars; an LF is always a grapheme boundary on both sides
/// once no CR is left, so the line slices are whole Characters.
enum TextLines {
    /// `text` with every CR LF and lone CR turned into LF.
    static func normalizingLineEnds(_ text: String) -> String {
        text.withUTF8Bytes { bytes -> String? in
            guard let firstCR = bytes.firstIndex(of: 0x0D) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var n = 0
                for k in 0..<firstCR {
                    out[n] = bytes[k]
                    n += 1
                }
                var k = firstCR
                while k < bytes.count {
                    let b = bytes[k]
                    k += 1
                    if b == 0x0D {
                        if k < bytes.count && bytes[k] == 0x0A { k += 1 }
                        out[n] = 0x0A
                    } else {
                        out[n] = b
                    }
                    n += 1
                }
                return n
            }
        } ?? text
    }

    /// The lines of `text` (any line ends), without their line ends.
    static func split(_ text: String) -> [Substring] {
        let normalized = normalizingLineEnds(text)
        let utf8 = normalized.utf8
        let lineEnds: [Int] = normalized.withUTF8Bytes { bytes in
            var ends: [Int] = []
            for k in bytes.indices where bytes[k] == 0x0A { ends.append(k) }
            return ends
        }
        var lines: [Substring] = []
        lines.reserveCapacity(lineEnds.count + 1)
        var start = utf8.startIndex
        for end in lineEnds {
            let endIndex = utf8.index(utf8.startIndex, offsetBy: end)
            lines.append(normalized[start..<endIndex])
            start = utf8.index(after: endIndex)
        }
        lines.append(normalized[start...])
        return lines
    }
}
