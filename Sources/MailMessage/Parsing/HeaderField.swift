/// One header field of a parsed message or part.
public struct HeaderField: Sendable, Hashable {
    /// The field name as written ("Subject", "content-type").
    public let name: String
    /// The unfolded value as received: folding line breaks removed, outer whitespace trimmed; bytes that
    /// are not UTF-8 are read as Windows-1252.
    public let rawValue: String

    public init(name: String, rawValue: String) {
        self.name = name
        self.rawValue = rawValue
    }

    /// The value with RFC 2047 encoded-words decoded (for unstructured fields such as Subject).
    public var value: String { EncodedWords.decode(rawValue) }
}

extension Array where Element == HeaderField {
    /// The raw value of the first field named `name` (case-insensitive).
    func first(named name: String) -> String? {
        let lower = name.lowercased()
        return first { $0.hasName(lowercased: lower) }?.rawValue
    }
}

extension HeaderField {
    /// `name.lowercased() == lower`, without building the lowercased name when both are ASCII (field
    /// names almost always are): then lowercasing is per byte and equality is byte equality.
    func hasName(lowercased lower: String) -> Bool {
        let answer: Bool? = name.withUTF8Bytes { a in
            lower.withUTF8Bytes { b in
                guard a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) else { return nil }
                return a.count == b.count && zip(a, b).allSatisfy { ASCIIByte.lowercased($0) == $1 }
            }
        }
        return answer ?? (name.lowercased() == lower)
    }
}
