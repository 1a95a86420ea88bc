/// RFC 2047 decoding of header text: `=?charset?B|Q?text?=` words become text; whitespace between two
/// adjacent encoded-words is dropped; adjacent words in one charset are joined before decoding (clients
/// split multi-byte characters across words); malformed words stay as they are.
enum EncodedWords {
    static func decode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, containsMarker(bytes) else { return text }
        var out = ""
        var plainStart = 0
        var pending: (charset: String, bytes: [UInt8])?
        var i = 0
        func flushPending() {
            if let p = pending { out += Charset.decode(p.bytes, label: p.charset).text }
            pending = nil
        }
        while i < bytes.count {
            guard bytes[i] == 0x3D, i + 1 < bytes.count, bytes[i + 1] == 0x3F, let word = parseWord(bytes, at: i) else {
                i += 1
                continue
            }
            let gap = bytes[plainStart..<i]
            let onlyWhitespace = gap.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
            if pending != nil && onlyWhitespace {
                // Adjacent encoded-words: the whitespace between them is dropped.
            } else {
                flushPending()
                out += String(decoding: gap, as: UTF8.self)
            }
            let charset = Charset.canonicalName(word.charset) ?? word.charset.lowercased()
            if let p = pending, p.charset == charset {
                pending!.bytes += word.decoded
            } else {
                flushPending()
                pending = (charset, word.decoded)
            }
            i = word.end
            plainStart = i
        }
        flushPending()
        out += String(decoding: bytes[plainStart...], as: UTF8.self)
        return out
    }

    private static func containsMarker(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x3D && bytes[i + 1] == 0x3F { return true }
            i += 1
        }
        return false
    }

    /// The encoded-word starting at `start` ("=?"), or nil when it is malformed.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> (charset: String, decoded: [UInt8], end: Int)? {
        var i = start + 2
        let charsetStart = i
        while i < bytes.count, bytes[i] != 0x3F {
            let b = bytes[i]
            if b <= 0x20 || b >= 0x7F || i - charsetStart > 40 { return nil }
            i += 1
        }
        guard i + 2 < bytes.count, i > charsetStart, bytes[i + 2] == 0x3F else { return nil }
        let charset = String(decoding: bytes[charsetStart..<i], as: UTF8.self)
        let encoding = bytes[i + 1] | 0x20
        guard encoding == 0x62 || encoding == 0x71 else { return nil }
        let textStart = i + 3
        var j = textStart
        while j + 1 < bytes.count, !(bytes[j] == 0x3F && bytes[j + 1] == 0x3D) {
            if bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D || j - textStart > 2000 { return nil }
            j += 1
        }
        guard j + 1 < bytes.count else { return nil }
        let text = bytes[textStart..<j]
        let decoded = encoding == 0x62 ? TransferDecoding.base64(text) : qDecode(text)
        return (charset, decoded, j + 2)
    }

    private static func qDecode(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var i = text.startIndex
        while i < text.endIndex {
            let b = text[i]
            if b == 0x5F {
                out.append(0x20)
            } else if b == 0x3D, i + 2 < text.endIndex, let hi = TransferDecoding.hex(text[i + 1]),
                let lo = TransferDecoding.hex(text[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}
