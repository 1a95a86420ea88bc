/// RFC 2045 base64 in lines of 76 characters, each ending in CRLF.
enum Base64Lines {
    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ data: [UInt8]) -> [UInt8] {
        let groups = (data.count + 2) / 3
        let lines = (groups + 18) / 19
        var out = [UInt8]()
        out.reserveCapacity(groups * 4 + lines * 2)
        alphabet.withUnsafeBufferPointer { table in
            data.withUnsafeBufferPointer { p in
                var i = 0
                var column = 0
                let n = p.count
                while i + 3 <= n {
                    let v = UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])
                    out.append(table[Int(v >> 18)])
                    out.append(table[Int(v >> 12 & 0x3F)])
                    out.append(table[Int(v >> 6 & 0x3F)])
                    out.append(table[Int(v & 0x3F)])
                    i += 3
                    column += 4
                    if column == 76 {
                        out.append(ByteRules.cr)
                        out.append(ByteRules.lf)
                        column = 0
                    }
                }
                let rest = n - i
                if rest > 0 {
                    let v = UInt32(p[i]) << 16 | (rest == 2 ? UInt32(p[i + 1]) << 8 : 0)
                    out.append(table[Int(v >> 18)])
                    out.append(table[Int(v >> 12 & 0x3F)])
                    out.append(rest == 2 ? table[Int(v >> 6 & 0x3F)] : 0x3D)
                    out.append(0x3D)
                    column += 4
                }
                if column > 0 {
                    out.append(ByteRules.cr)
                    out.append(ByteRules.lf)
                }
            }
        }
        return out
    }
}
