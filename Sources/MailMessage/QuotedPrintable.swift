/// RFC 2045 quoted-printable for text bodies; any of LF, CRLF or CR in the input becomes CRLF.
enum QuotedPrintable {
    /// Encoded lines are at most 76 characters; `=` is always `=3D`; trailing whitespace is encoded.
    static func encode(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { encode(bytes: $0) }
    }

    /// The text with CRLF line endings when it can go as `7bit` unchanged: printable ASCII,
    /// lines of at most 76 characters, no trailing whitespace, no line starting "From "; else nil.
    static func sevenBit(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { sevenBit(bytes: $0) }
    }

    static func encode(bytes p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(p.count + p.count / 8 + 16)
        let hex = ByteRules.hexUpper
        var i = 0
        let n = p.count
        while i < n {
            var end = i
            while end < n, p[end] != ByteRules.cr, p[end] != ByteRules.lf { end += 1 }
            let fromLine = startsWithFrom(p, at: i, end: end)
            var column = 0
            var j = i
            while j < end {
                let b = p[j]
                let isLast = j == end - 1
                let literal: Bool
                if b >= 0x21 && b <= 0x7E {
                    literal = b != 0x3D && !(fromLine && j == i)
                } else {
                    literal = (b == ByteRules.space || b == ByteRules.tab) && !isLast
                }
                let width = literal ? 1 : 3
                if column + width > (isLast ? 76 : 75) {
                    out.append(0x3D)
                    out.append(ByteRules.cr)
                    out.append(ByteRules.lf)
                    column = 0
                }
                if literal {
                    out.append(b)
                } else {
                    out.append(0x3D)
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 0x0F)])
                }
                column += width
                j += 1
            }
            guard end < n else { break }
            out.append(ByteRules.cr)
            out.append(ByteRules.lf)
            i = end + ((p[end] == ByteRules.cr && end + 1 < n && p[end + 1] == ByteRules.lf) ? 2 : 1)
        }
        return out
    }

    static func sevenBit(bytes p: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(p.count + p.count / 32 + 8)
        var i = 0
        let n = p.count
        while i < n {
            var end = i
            while end < n, p[end] != ByteRules.cr, p[end] != ByteRules.lf {
                let b = p[end]
                if (b < 0x20 && b != ByteRules.tab) || b >= 0x7F { return nil }
                end += 1
            }
            if end - i > 76 || startsWithFrom(p, at: i, end: end) { return nil }
            if end > i, ByteRules.isWSP(p[end - 1]) { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<end]))
            guard end < n else { break }
            out.append(ByteRules.cr)
            out.append(ByteRules.lf)
            i = end + ((p[end] == ByteRules.cr && end + 1 < n && p[end + 1] == ByteRules.lf) ? 2 : 1)
        }
        return out
    }

    /// A line starting "From " is mangled by mbox tools; its "F" is encoded.
    private static func startsWithFrom(_ p: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Bool {
        end - i >= 5 && p[i] == 0x46 && p[i + 1] == 0x72 && p[i + 2] == 0x6F && p[i + 3] == 0x6D
            && p[i + 4] == ByteRules.space
    }
}
