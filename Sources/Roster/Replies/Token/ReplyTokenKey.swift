import Foundation

/// The server secret that signs reply tokens: at least 32 random bytes, read from the environment or a
/// credentials file (never from config in git). Its bytes are never printed.
public struct ReplyTokenKey: Sendable, Hashable, CustomStringConvertible {
    /// Fewer bytes than this are refused (HMAC-SHA256 keys shorter than the digest weaken it).
    public static let minimumByteCount = 32

    let bytes: [UInt8]

    /// Accepts `bytes` when there are at least `minimumByteCount` of them.
    public init(bytes: [UInt8]) throws(ReplyTokenError) {
        guard bytes.count >= Self.minimumByteCount else {
            throw ReplyTokenError(
                .weakSecret,
                "the reply-token secret has \(bytes.count) bytes; give at least \(Self.minimumByteCount) random bytes "
                    + "(e.g. `openssl rand -hex 32`)")
        }
        self.bytes = bytes
    }

    /// Reads a secret written as hex (`openssl rand -hex 32`) or base64 (`openssl rand -base64 32`);
    /// surrounding whitespace (a trailing newline in a credentials file) is ignored.
    public init(text: String) throws(ReplyTokenError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let hex = Self.hexBytes(trimmed) {
            try self.init(bytes: hex)
        } else if let data = Data(base64Encoded: trimmed) {
            try self.init(bytes: [UInt8](data))
        } else {
            throw ReplyTokenError(.weakSecret, "the reply-token secret is neither hex nor base64")
        }
    }

    /// Never the key itself.
    public var description: String { "ReplyTokenKey(\(bytes.count) bytes)" }

    private static func hexBytes(_ s: String) -> [UInt8]? {
        let u = Array(s.utf8)
        guard !u.isEmpty, u.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count / 2)
        var i = 0
        while i < u.count {
            guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}
