/// Tolerant Content-Transfer-Encoding decoders: bad input yields the best reading, never an error.
enum TransferDecoding {
    /// Decodes a body by its Content-Transfer-Encoding (base64, quoted-printable; anything else as is).
    static func decode(_ bytes: ArraySlice<UInt8>, encoding: String) -> [UInt8] {
        switch encoding {
        case "base64": return base64(bytes)
        case "quoted-printable": return quotedPrintable(bytes)
        default: return Array(bytes)
        }
    }

    /// Base64 that skips characters outside the alphabet (line breaks, spaces, junk), accepts missing or
    /// early padding ('=' ends a quantum; decoding goes on after it) and drops a dangling sixth bit group.
    static func base64(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 3 / 4)
        var accumulator: UInt32 = 0
        var count = 0
        func flush() {
            switch count {
            case 2: out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
            case 3:
                out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
            default: break
            }
            accumulator = 0
            count = 0
        }
        for b in bytes {
            let v = base64Values[Int(b)]
            if v == 0xFF { continue }
            if v == 0xFE {
                flush()
                continue
            }
            accumulator = accumulator << 6 | UInt32(v)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        flush()
        return out
    }

    /// Quoted-printable that accepts lowercase hex, `=` followed by trailing blanks as a soft break, bare
    /// LF line ends, and keeps an `=` that starts no valid escape. Trailing blanks of lines are dropped.
    static func quotedPrintable(_ input: some Collection<UInt8>) -> [UInt8] {
        if let out = input.withContiguousStorageIfAvailable(quotedPrintable(buffer:)) { return out }
        return Array(input).withUnsafeBufferPointer(quotedPrintable(buffer:))
    }

    /// The decoder on a buffer: every input byte gives at most one output byte, so the output is written
    /// into an array of the input's size.
    private static func quotedPrintable(buffer bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = bytes.count
        return [UInt8](unsafeUninitializedCapacity: n) { out, count in
            var o = 0
            var i = 0
            while i < n {
                if let target = out.baseAddress, i + 8 <= n {
                    let word = ByteWord.load(bytes, at: i)
                    if isPlainRun(word) {
                        UnsafeMutableRawPointer(target + o).storeBytes(of: word.littleEndian, as: UInt64.self)
                        i += 8
                        o += 8
                        continue
                    }
                }
                let b = bytes[i]
                if b == 0x3D {
                    // Soft line break: '=' [blanks] (CRLF | LF | end).
                    var j = i + 1
                    while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    if j == n {
                        i = j
                        continue
                    }
                    if bytes[j] == 0x0A || (bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A) {
                        i = bytes[j] == 0x0A ? j + 1 : j + 2
                        continue
                    }
                    if i + 2 < n, let hi = hex(bytes[i + 1]), let lo = hex(bytes[i + 2]) {
                        out[o] = hi << 4 | lo
                        o += 1
                        i += 3
                        continue
                    }
                    out[o] = b
                    o += 1
                    i += 1
                } else if b == 0x20 || b == 0x09 {
                    // Blanks are kept unless only blanks follow up to the line end.
                    var j = i
                    while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                    let atLineEnd =
                        j == n || bytes[j] == 0x0A || (bytes[j] == 0x0D && j + 1 < n && bytes[j + 1] == 0x0A)
                    if !atLineEnd {
                        for k in i..<j {
                            out[o] = bytes[k]
                            o += 1
                        }
                    }
                    i = j
                } else {
                    out[o] = b
                    o += 1
                    i += 1
                }
            }
            count = o
        }
    }

    /// True when eight input bytes (little-endian in `word`) decode to themselves: no '=', tab, CR or LF,
    /// and no space last (a space inside is followed by a byte that is neither a blank nor a line end, so
    /// it is kept). The common case of quoted-printable text, copied eight bytes at a time.
    @inline(__always)
    static func isPlainRun(_ word: UInt64) -> Bool {
        word >> 56 != 0x20 && !ByteWord.contains(word, 0x3D) && !ByteWord.contains(word, 0x09)
            && !ByteWord.contains(word, 0x0D) && !ByteWord.contains(word, 0x0A)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// 0-63 for the alphabet (standard and URL-safe), 0xFE for '=', 0xFF for everything else.
    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(c)] = UInt8(i)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        table[Int(UInt8(ascii: "="))] = 0xFE
        return table
    }()
}
