/// Recognises lines that look like a partner's roster command ("ADD 123456", "- please drop Maria Lopez",
/// "2) Agregar José Muñoz, grado 4"). The trimmer never cuts such a line as a signature or after a
/// delimiter: when in doubt, text is kept.
enum CommandLines {
    private static let verbs: Set<String> = [
        "add", "drop", "remove", "agregar", "añadir", "anadir", "quitar", "eliminar", "alta", "baja",
    ]
    private static let politeness = ["please ", "pls ", "plz ", "kindly ", "por favor ", "favor de "]

    static func isCommand(_ content: Substring) -> Bool {
        // Cheap first test: the first letter starts a verb or a politeness word, or is one of the bullets
        // "•·–—" (every verb and politeness word starts with an ASCII letter).
        let utf8 = content.utf8
        guard let at = utf8.firstIndex(where: { (0x61...0x7A).contains($0 | 0x20) || $0 >= 0x80 }) else {
            return false
        }
        let first = utf8[at]
        if first >= 0x80 {
            guard bullets.contains(where: { utf8[at...].starts(with: $0) }) else { return false }
        } else if !"adrqebpkfADRQEBPKF".utf8.contains(first) {
            return false
        }
        return content.withUTF8Bytes(isCommandOnBytes) ?? isCommandCharacters(content)
    }

    /// The bullets that are not ASCII, as UTF-8.
    private static let bullets: [[UInt8]] = ["•", "·", "–", "—"].map { Array($0.utf8) }

    private static let maxVerbLength = verbs.map(\.utf8.count).max() ?? 0
    private static let politenessBytes = politeness.map { Array($0.utf8) }

    /// Thrown when the byte test needs a character it cannot read as a byte.
    private struct Undecided: Error {}

    /// `isCommand` after its first test, on bytes, lowercased as they are read; nil when undecided.
    ///
    /// The test reads at most 80 characters from the start. Up to the first byte that is not ASCII (or a
    /// CR), every byte but the last is a whole `Character`; the last one may start a grapheme with the
    /// scalar after it. So the test runs on those bytes and gives up (nil) only when it needs to look
    /// further: "Buenos días" is decided by "buenos", "Añadir 123456" goes to the `Character` code.
    static func isCommandOnBytes(_ line: UnsafeBufferPointer<UInt8>) -> Bool? {
        var asciiEnd = 0
        while asciiEnd < line.count, line[asciiEnd] < 0x80, line[asciiEnd] != 0x0D { asciiEnd += 1 }
        let limit = min(80, line.count)
        let n = asciiEnd == line.count ? limit : min(limit, max(0, asciiEnd - 1))
        /// The lowercased byte at `k`, nil at the end of the 80 characters; throws where it cannot tell.
        func at(_ k: Int) throws(Undecided) -> UInt8? {
            if k < n { return ASCIIByte.lowercased(line[k]) }
            if n < limit { throw Undecided() }
            return nil
        }
        func isIn(_ set: StaticString, _ b: UInt8?) -> Bool {
            guard let b else { return false }
            return UnsafeBufferPointer(start: set.utf8Start, count: set.utf8CodeUnitCount).contains(b)
        }
        do {
            var i = 0
            // Bullets and numbering: "-", "*", "+", "1.", "2)", "(3)", "#4".
            while isIn("-*+ \t", try at(i)) { i += 1 }
            if isIn("(#", try at(i)) { i += 1 }
            var digitsEnd = i
            while let b = try at(digitsEnd), ASCIIByte.isDigit(b) { digitsEnd += 1 }
            if digitsEnd > i, isIn(".):", try at(digitsEnd)) { i = digitsEnd + 1 }
            while isIn(" \t", try at(i)) { i += 1 }
            for p in politenessBytes {
                var matched = true
                for (k, expected) in p.enumerated() where try at(i + k) != expected {
                    matched = false
                    break
                }
                guard matched else { continue }
                i += p.count
                while try at(i) == 0x20 { i += 1 }
            }
            var wordEnd = i
            while let b = try at(wordEnd), ASCIIByte.isLetter(b) { wordEnd += 1 }
            guard wordEnd - i <= maxVerbLength else { return false }
            var word = ""
            for k in i..<wordEnd { word.unicodeScalars.append(Unicode.Scalar(line[k] | 0x20)) }
            guard verbs.contains(word), isIn(" :\t", try at(wordEnd)) else { return false }
            var k = wordEnd
            while let b = try at(k) {
                if ASCIIByte.isLetter(b) || ASCIIByte.isDigit(b) { return true }
                k += 1
            }
            return false
        } catch {
            return nil
        }
    }

    /// `isCommand` on `Character`s after the first test (for tests comparing it with the ASCII path).
    static func isCommandCharacters(_ content: Substring) -> Bool {
        var s = Substring(content.prefix(80).lowercased())
        while let first = s.first, "-*•·–—+".contains(first) || first == " " || first == "\t" { s = s.dropFirst() }
        if s.first == "(" || s.first == "#" { s = s.dropFirst() }
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = s.dropFirst(digits.count).first, after == "." || after == ")" || after == ":" {
            s = s.dropFirst(digits.count + 1)
        }
        s = s.drop { $0 == " " || $0 == "\t" }
        for p in politeness where s.hasPrefix(p) { s = s.dropFirst(p.count).drop { $0 == " " } }
        let word = s.prefix { $0.isLetter }
        guard verbs.contains(String(word)) else { return false }
        let rest = s.dropFirst(word.count)
        guard let next = rest.first, next == " " || next == ":" || next == "\t" else { return false }
        return rest.contains { $0.isLetter || $0.isNumber }
    }
}
