import CCrypto

/// HMAC-SHA256 through OpenSSL's libcrypto, and a constant-time comparison.
enum HMACSHA256 {
    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var size: UInt32 = 0
        let result = key.withUnsafeBytes { k in
            message.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress, m.count, o.baseAddress, &size)
                }
            }
        }
        precondition(result != nil && size == 32, "OpenSSL HMAC(SHA-256) failed")
        return out
    }

    /// `true` when `a` and `b` are equal; the time taken depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) }
        }
            == 0
    }
}
