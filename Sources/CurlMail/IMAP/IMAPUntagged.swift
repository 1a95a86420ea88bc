/// What the untagged responses of a command say.
enum IMAPUntagged {
    /// `* OK [UIDVALIDITY 3857529045] UIDs valid`.
    static func uidValidity(in lines: [String]) -> UInt32? {
        responseCodeNumber("UIDVALIDITY", in: lines)
    }

    /// `* OK [UIDNEXT 4392] Predicted next UID`.
    static func uidNext(in lines: [String]) -> UInt32? {
        responseCodeNumber("UIDNEXT", in: lines)
    }

    /// Every number of every `* SEARCH n n n` line.
    static func searchResults(in lines: [String]) -> [UInt32] {
        var numbers: [UInt32] = []
        for line in lines {
            let words = line.split(separator: " ")
            guard words.count >= 2, words[0] == "*", words[1].uppercased() == "SEARCH" else { continue }
            numbers += words.dropFirst(2).compactMap { UInt32($0) }
        }
        return numbers
    }

    /// The capabilities of a `* CAPABILITY …` line or an `[CAPABILITY …]` response code, upper-cased.
    static func capabilities(in line: String) -> Set<String>? {
        let upper = line.uppercased()
        if upper.hasPrefix("* CAPABILITY ") {
            return Set(upper.dropFirst("* CAPABILITY ".count).split(separator: " ").map(String.init))
        }
        guard let start = upper.firstRange(of: "[CAPABILITY ") else { return nil }
        let rest = upper[start.upperBound...].prefix { $0 != "]" }
        return Set(rest.split(separator: " ").map(String.init))
    }

    private static func responseCodeNumber(_ name: String, in lines: [String]) -> UInt32? {
        let prefix = "* OK [\(name) "
        for line in lines where line.uppercased().hasPrefix(prefix) {
            let digits = line.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber }
            if let value = UInt32(digits) { return value }
        }
        return nil
    }
}
