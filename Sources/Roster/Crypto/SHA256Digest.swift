import CCrypto
import Foundation

/// SHA-256 through OpenSSL's libcrypto.
public enum SHA256Digest {
    /// The digest of `bytes` as 64 lower-case hex digits.
    public static func hex(_ bytes: some ContiguousBytes) -> String {
        var md = [UInt8](repeating: 0, count: 32)
        var size: UInt32 = 0
        let ok = bytes.withUnsafeBytes { raw in
            md.withUnsafeMutableBufferPointer { out in
                EVP_Digest(raw.baseAddress, raw.count, out.baseAddress, &size, EVP_sha256(), nil)
            }
        }
        precondition(ok == 1 && size == 32, "OpenSSL EVP_Digest(SHA-256) failed")
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in md {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
