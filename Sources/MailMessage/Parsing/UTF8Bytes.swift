/// Byte-level access to text for the hot paths of parsing, trimming and the reply grammar.
///
/// `Character` iteration runs the grapheme-breaking algorithm on every step; most mail text is ASCII,
/// where bytes and characters coincide. Callers use these helpers for a fast path and keep the
/// `Character` code as the slow path for anything the fast path cannot decide exactly.
extension StringProtocol {
    /// Calls `body` with the UTF-8 bytes of `self`: in place when the storage is contiguous (native Swift
    /// strings), else with a copy.
    @inlinable
    package func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }

    /// True when every byte is ASCII and none is a CR: then every byte is one `Character` (CR LF is the
    /// only ASCII sequence that forms a single grapheme), so byte and `Character` algorithms agree.
    package var isPlainASCII: Bool {
        withUTF8Bytes { bytes in
            for b in bytes where b >= 0x80 || b == 0x0D { return false }
            return true
        }
    }
}

/// ASCII byte classes (`Character` properties restricted to ASCII).
package enum ASCIIByte {
    /// `Character.isNumber` for an ASCII byte.
    @inlinable package static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    /// `Character.isLetter` for an ASCII byte.
    @inlinable package static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    /// `Character.isUppercase` for an ASCII byte.
    @inlinable package static func isUppercase(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    /// `Character.isWhitespace` for an ASCII byte: tab, LF, VT, FF, CR and space.
    @inlinable package static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b &- 0x09 < 5) }
    /// The lowercase of an ASCII byte (other bytes unchanged).
    @inlinable package static func lowercased(_ b: UInt8) -> UInt8 { isUppercase(b) ? b | 0x20 : b }
}

/// Eight bytes at a time (SWAR: SIMD within a register), for scans where most bytes are not the ones
/// looked for. Words are read little-endian, so byte k of the text is bits 8k…8k+7 of the word.
package enum ByteWord {
    /// The eight bytes of `bytes` at `offset` (which must be at most `bytes.count - 8`).
    @inlinable @inline(__always)
    package static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
    }

    /// True when one of the eight bytes of `word` is `value` (the classic "has zero byte" test on
    /// `word ^ value…value`, exact for the question "is there one").
    @inlinable @inline(__always)
    package static func contains(_ word: UInt64, _ value: UInt8) -> Bool {
        let x = word ^ (UInt64(value) &* 0x0101_0101_0101_0101)
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}

/// The answer of a byte-level fast path, or `undecided` when the `Character` code has to answer.
enum ByteDecision<Value> {
    case decided(Value)
    case undecided
}
