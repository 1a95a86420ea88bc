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
        return hexDigits(md)
    }

    /// The digest of the concatenation of `parts`, fed to OpenSSL one part at a time: hashing a 75 MB
    /// OneRoster bundle this way does not first copy it into one buffer.
    public static func hex(concatenating parts: [Data]) -> String {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("OpenSSL EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(context) }
        var ok = EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
        for part in parts where ok {
            ok = part.withUnsafeBytes { raw in EVP_DigestUpdate(context, raw.baseAddress, raw.count) == 1 }
        }
        var md = [UInt8](repeating: 0, count: 32)
        var size: UInt32 = 0
        ok = ok && md.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &size) } == 1
        precondition(ok && size == 32, "OpenSSL SHA-256 digest failed")
        return hexDigits(md)
    }

    private static func hexDigits(_ md: [UInt8]) -> String {
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
