/// FNV-1a 64-bit: a stable, non-cryptographic digest for identifiers that must not change between runs
/// (Message-IDs, Maildir names). Not a MAC: never use it to authorize anything.
public enum StableHash {
    public static func fnv1a64(_ parts: [String]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in parts.enumerated() {
            if i > 0 {  // a separator, so ("ab","c") and ("a","bc") differ
                h ^= 0x1F
                h = h &* 0x100_0000_01b3
            }
            for b in part.utf8 {
                h ^= UInt64(b)
                h = h &* 0x100_0000_01b3
            }
        }
        return h
    }

    /// 16 lower-case hex digits.
    public static func hex(_ parts: String...) -> String {
        let s = String(fnv1a64(parts), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
