/// Multipart boundaries: `=_` (which quoted-printable and base64 never produce) and a hash of the
/// seed and the part's position, changed until it occurs nowhere in the encoded children.
enum Boundary {
    static func make(seed: String, path: [Int], children: [[UInt8]]) -> String {
        var attempt = 0
        while true {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a 64
            func mix(_ b: UInt8) {
                hash ^= UInt64(b)
                hash &*= 0x0000_0100_0000_01B3
            }
            for b in seed.utf8 { mix(b) }
            for p in path {
                mix(0)
                for b in String(p).utf8 { mix(b) }
            }
            if attempt > 0 { for b in "#\(attempt)".utf8 { mix(b) } }
            let hex = String(hash, radix: 16)
            let boundary = "=_RM" + String(repeating: "0", count: 16 - hex.count) + hex + "_\(path.count)"
            let delimiter = Array(("--" + boundary).utf8)
            if !children.contains(where: { contains($0, delimiter) }) { return boundary }
            attempt += 1
        }
    }

    /// `needle` (which starts "--=_") occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard haystack.count >= n else { return false }
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { nd in
                var i = 2
                let last = h.count - n + 1
                while i <= last {
                    // Anchor on "=_", which is rare in encoded content.
                    if h[i] == 0x3D && h[i + 1] == 0x5F && h[i - 1] == 0x2D && h[i - 2] == 0x2D {
                        var k = 4
                        while k < n && h[i - 2 + k] == nd[k] { k += 1 }
                        if k == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
