/// Byte classes of RFC 5322 / RFC 2045 shared by the validators and encoders.
enum ByteRules {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtext(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: return true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2F, 0x3D, 0x3F, 0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D,
            0x7E:
            return true
        default: return false
        }
    }

    /// RFC 2045 `token` character: printable ASCII except space and tspecials.
    static func isToken(_ b: UInt8) -> Bool {
        guard b > 0x20, b < 0x7F else { return false }
        switch b {
        case 0x28, 0x29, 0x3C, 0x3E, 0x40, 0x2C, 0x3B, 0x3A, 0x5C, 0x22, 0x2F, 0x5B, 0x5D, 0x3F, 0x3D: return false
        default: return true
        }
    }

    static func isWSP(_ b: UInt8) -> Bool { b == space || b == tab }

    /// A message for CR, LF or NUL in `utf8`, or nil when there is none.
    static func lineBreakProblem(_ utf8: String.UTF8View) -> String? {
        for b in utf8 {
            if b == cr || b == lf { return "contains a line break (CR or LF); remove it" }
            if b == 0 { return "contains a NUL byte; remove it" }
        }
        return nil
    }

    /// `utf8` is a non-empty `dot-atom-text`: atext runs separated by single dots.
    static func isDotAtomText<C: Collection<UInt8>>(_ utf8: C) -> Bool {
        guard let first = utf8.first, first != 0x2E else { return false }
        var previousDot = false
        for b in utf8 {
            if b == 0x2E {
                if previousDot { return false }
                previousDot = true
            } else if isAtext(b) {
                previousDot = false
            } else {
                return false
            }
        }
        return !previousDot
    }

    /// `s` without leading and trailing spaces and tabs.
    static func trimmingWhitespace(_ s: String) -> String {
        let bytes = Array(s.utf8)
        guard let first = bytes.firstIndex(where: { !isWSP($0) }), let last = bytes.lastIndex(where: { !isWSP($0) })
        else { return "" }
        if first == 0 && last == bytes.count - 1 { return s }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    static let hexUpper: [UInt8] = Array("0123456789ABCDEF".utf8)
}
