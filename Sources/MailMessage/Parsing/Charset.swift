/// Text decoding for MIME charsets: UTF-8, US-ASCII, UTF-16, ISO 8859-1…16, Windows-1250…1258, KOI8-R/U.
/// Decoding never fails: undefined bytes become U+FFFD, and an unknown charset is read as UTF-8.
public enum Charset {
    /// The canonical name ("utf-8", "iso-8859-15", "windows-1252", "koi8-r", …) of a charset label, or
    /// nil when the label is not one we decode.
    public static func canonicalName(_ label: String) -> String? {
        let key = normalized(label)
        if let name = aliases[key] { return name }
        if key.hasPrefix("iso8859"), let n = Int(key.dropFirst(7)), (1...16).contains(n), n != 12 {
            return "iso-8859-\(n)"
        }
        for prefix in ["windows", "xcp", "cp", "win"] where key.hasPrefix(prefix) {
            if let n = Int(key.dropFirst(prefix.count)), (1250...1258).contains(n) { return "windows-\(n)" }
        }
        if key.hasPrefix("latin"), let n = Int(key.dropFirst(5)), let iso = latinNumbers[n] {
            return "iso-8859-\(iso)"
        }
        return nil
    }

    /// Decodes `bytes` in the charset `label` (nil or empty: UTF-8 when valid, else Windows-1252).
    /// `recognized` is false when the label is unknown and the bytes were read as UTF-8 instead.
    public static func decode(_ bytes: some Collection<UInt8>, label: String?) -> (text: String, recognized: Bool) {
        guard let label, !label.isEmpty else { return (sniff(bytes), true) }
        guard let name = canonicalName(label) else { return (String(decoding: bytes, as: UTF8.self), false) }
        return (decode(bytes, canonical: name), true)
    }

    static func decode(_ bytes: some Collection<UInt8>, canonical name: String) -> String {
        switch name {
        case "utf-8": return String(decoding: bytes, as: UTF8.self)
        case "us-ascii": return sniff(bytes)
        case "utf-16", "utf-16le", "utf-16be": return utf16(Array(bytes), name: name)
        case "iso-8859-1", "windows-1252": return singleByte(bytes, table: windows1252)
        default: return singleByte(bytes, table: CharsetTables.upperHalves[name] ?? windows1252)
        }
    }

    /// UTF-8 when the bytes are valid UTF-8 (ASCII included), else Windows-1252 (Latin-1 for its holes).
    static func sniff(_ bytes: some Collection<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return singleByte(bytes, table: windows1252)
    }

    /// Windows-1252 where it defines a byte, Latin-1 elsewhere: what mail clients mean by "iso-8859-1".
    static let windows1252: [UInt16] = {
        var table = CharsetTables.upperHalves["windows-1252"]!
        for i in table.indices where table[i] == 0xFFFD { table[i] = UInt16(0x80 + i) }
        return table
    }()

    /// Maps each byte through `table` (for 0x80–0xFF) straight into UTF-8: no per-scalar `String` appends.
    private static func singleByte(_ bytes: some Collection<UInt8>, table: [UInt16]) -> String {
        // A table entry is a BMP scalar: at most three UTF-8 bytes per input byte.
        String(unsafeUninitializedCapacity: bytes.count * 3) { out in
            var n = 0
            for b in bytes {
                let value = b < 0x80 ? UInt32(b) : UInt32(table[Int(b) - 0x80])
                if value < 0x80 {
                    out[n] = UInt8(value)
                    n += 1
                } else if value < 0x800 {
                    out[n] = UInt8(0xC0 | value >> 6)
                    out[n + 1] = UInt8(0x80 | value & 0x3F)
                    n += 2
                } else {
                    // A surrogate is no scalar: U+FFFD, as `Unicode.Scalar(value) ?? "\u{FFFD}"` gives.
                    let scalar = (0xD800...0xDFFF).contains(value) ? 0xFFFD : value
                    out[n] = UInt8(0xE0 | scalar >> 12)
                    out[n + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    out[n + 2] = UInt8(0x80 | scalar & 0x3F)
                    n += 3
                }
            }
            return n
        }
    }

    private static func utf16(_ bytes: [UInt8], name: String) -> String {
        var start = 0
        var bigEndian = name != "utf-16le"
        if bytes.count >= 2 {
            if bytes[0] == 0xFE && bytes[1] == 0xFF {
                bigEndian = true
                start = 2
            } else if bytes[0] == 0xFF && bytes[1] == 0xFE {
                bigEndian = false
                start = 2
            }
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = start
        while i + 1 < bytes.count {
            let (hi, lo) = bigEndian ? (bytes[i], bytes[i + 1]) : (bytes[i + 1], bytes[i])
            units.append(UInt16(hi) << 8 | UInt16(lo))
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Lowercased, without quotes, blanks, '-', '_' and an RFC 2231 "*language" suffix.
    private static func normalized(_ label: String) -> String {
        var out = ""
        for scalar in label.unicodeScalars {
            if scalar == "*" { break }
            switch scalar {
            case "-", "_", " ", "\t", "\"", "'", ".": continue
            default:
                if scalar.isASCII {
                    out.unicodeScalars.append(Unicode.Scalar(ASCIIByte.lowercased(UInt8(scalar.value))))
                } else {
                    out.unicodeScalars.append(scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar)
                }
            }
        }
        if let colon = out.firstIndex(of: ":") { out = String(out[..<colon]) }
        return out
    }

    private static let latinNumbers: [Int: Int] = [1: 1, 2: 2, 3: 3, 4: 4, 5: 9, 6: 10, 7: 13, 8: 14, 9: 15, 10: 16]

    private static let aliases: [String: String] = [
        "utf8": "utf-8", "unicode11utf8": "utf-8", "xunicode20utf8": "utf-8",
        "usascii": "us-ascii", "ascii": "us-ascii", "us": "us-ascii", "ansix341968": "us-ascii",
        "iso646us": "us-ascii", "cp367": "us-ascii", "ibm367": "us-ascii", "csascii": "us-ascii",
        "utf16": "utf-16", "utf16le": "utf-16le", "utf16be": "utf-16be",
        "l1": "iso-8859-1", "cp819": "iso-8859-1", "ibm819": "iso-8859-1", "isolatin1": "iso-8859-1",
        "l2": "iso-8859-2", "l9": "iso-8859-15", "tis620": "iso-8859-11",
        "koi8r": "koi8-r", "cskoi8r": "koi8-r", "koi8": "koi8-r", "koi8u": "koi8-u",
    ]
}
