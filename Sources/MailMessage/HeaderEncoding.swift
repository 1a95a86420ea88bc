/// RFC 2047 encoded-words for header text: unstructured values (Subject, extra headers) and
/// display-name phrases. ASCII words stay as they are; runs of words that need encoding become
/// encoded-words of at most 75 characters, split on grapheme (else scalar) boundaries.
enum HeaderEncoding {
    /// Longest encoded-word, `=?UTF-8?X?…?=` included (RFC 2047 §2).
    static let maxWordLength = 75
    private static let overhead = "=?UTF-8?Q??=".utf8.count

    /// Unstructured text: whitespace kept, words that need it encoded. `firstWordLimit` bounds an
    /// encoded-word at the very start, which stays on the header's first line.
    static func unstructured(_ text: String, firstWordLimit: Int = maxWordLength) -> [UInt8] {
        let bytes = Array(text.utf8)
        let words = split(bytes)
        let encode = words.map { needsEncoding(bytes[$0]) }
        return assemble(bytes, words: words, encode: encode, firstWordLimit: firstWordLimit)
    }

    /// Room for a first encoded-word after `Name: `.
    static func firstWordLimit(afterHeader name: String) -> Int {
        min(maxWordLength, max(HeaderFolding.preferredLength - name.utf8.count - 2, 24))
    }

    /// A display name as a phrase: atoms, one quoted-string, or atoms mixed with encoded-words.
    static func phrase(_ name: String, firstWordLimit: Int = maxWordLength) -> [UInt8] {
        let bytes = Array(name.utf8)
        let words = split(bytes)
        var encode = words.map { needsEncoding(bytes[$0]) }
        if encode.contains(true) {
            // ASCII words with specials are then encoded too: quotes and encoded-words never mix.
            for (k, range) in words.enumerated() where !bytes[range].allSatisfy(ByteRules.isAtext) {
                encode[k] = true
            }
            return assemble(bytes, words: words, encode: encode, firstWordLimit: firstWordLimit)
        }
        let plain =
            bytes.allSatisfy { ByteRules.isAtext($0) || $0 == ByteRules.space }
            && !words.isEmpty && words.first!.lowerBound == 0 && words.last!.upperBound == bytes.count
            && !zip(words, words.dropFirst()).contains { $1.lowerBound - $0.upperBound != 1 }
        if plain { return bytes }
        var out: [UInt8] = [0x22]
        for b in bytes {
            if b == 0x22 || b == 0x5C { out.append(0x5C) }
            out.append(b)
        }
        out.append(0x22)
        return out
    }

    /// Ranges of the non-whitespace words of `bytes`.
    private static func split(_ bytes: [UInt8]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for (i, b) in bytes.enumerated() {
            if ByteRules.isWSP(b) {
                if let s = start { words.append(s..<i) }
                start = nil
            } else if start == nil {
                start = i
            }
        }
        if let s = start { words.append(s..<bytes.count) }
        return words
    }

    /// Non-ASCII, control characters, or something a decoder would take for an encoded-word.
    private static func needsEncoding(_ word: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for b in word {
            if b >= 0x7F || b < 0x20 { return true }
            if previous == 0x3D && b == 0x3F { return true }  // "=?"
            previous = b
        }
        return false
    }

    /// Whitespace and plain words copied; each run of adjacent words to encode (with the
    /// whitespace between them) written as encoded-words separated by single spaces.
    private static func assemble(_ bytes: [UInt8], words: [Range<Int>], encode: [Bool], firstWordLimit: Int) -> [UInt8]
    {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var cursor = 0
        var k = 0
        while k < words.count {
            out.append(contentsOf: bytes[cursor..<words[k].lowerBound])
            if encode[k] {
                var last = k
                while last + 1 < words.count, encode[last + 1] { last += 1 }
                appendEncodedWords(
                    bytes[words[k].lowerBound..<words[last].upperBound],
                    firstWordLimit: out.isEmpty ? firstWordLimit : maxWordLength, to: &out)
                cursor = words[last].upperBound
                k = last + 1
            } else {
                out.append(contentsOf: bytes[words[k]])
                cursor = words[k].upperBound
                k += 1
            }
        }
        out.append(contentsOf: bytes[cursor...])
        return out
    }

    /// `text` (valid UTF-8) as encoded-words of ≤ 75 characters: Q for mostly-ASCII text, else B.
    /// A word ends after a space of the text where one is in reach, so decoders that wrongly keep
    /// the separating whitespace (Python's phrase parser) show a doubled space, not a broken word.
    static func appendEncodedWords(
        _ text: ArraySlice<UInt8>, firstWordLimit: Int = maxWordLength, to out: inout [UInt8]
    ) {
        let fullCapacity = maxWordLength - overhead
        var pieces: [[UInt8]] = []
        for character in String(decoding: text, as: UTF8.self) { pieces.append(Array(character.utf8)) }
        let qLength = text.reduce(0) { $0 + qWidth($1) }
        // Q stays readable for mostly-ASCII text; B when shorter or when only B holds a grapheme whole.
        let useQ =
            qLength <= (text.count + 2) / 3 * 6
            && !pieces.contains { $0.count <= fullCapacity / 4 * 3 && $0.reduce(0) { $0 + qWidth($1) } > fullCapacity }
        var capacity = min(fullCapacity, firstWordLimit - overhead)
        var chunk: [UInt8] = []
        var afterSpace: Int?  // chunk length just after its last space
        var first = true

        func width<C: Collection<UInt8>>(_ bytes: C) -> Int {
            useQ ? bytes.reduce(0) { $0 + qWidth($1) } : (bytes.count + 2) / 3 * 4
        }
        func emit(_ bytes: ArraySlice<UInt8>) {
            if !first { out.append(ByteRules.space) }
            first = false
            out.append(contentsOf: (useQ ? "=?UTF-8?Q?" : "=?UTF-8?B?").utf8)
            if useQ { appendQ(bytes, to: &out) } else { out.append(contentsOf: base64(Array(bytes))) }
            out.append(contentsOf: "?=".utf8)
            capacity = fullCapacity
        }
        func add(_ piece: [UInt8]) {
            if !chunk.isEmpty && width(chunk + piece) > capacity {
                if let cut = afterSpace, cut < chunk.count {
                    emit(chunk[..<cut])
                    chunk.removeFirst(cut)
                    if width(chunk + piece) > capacity {
                        emit(chunk[...])
                        chunk.removeAll(keepingCapacity: true)
                    }
                } else {
                    emit(chunk[...])
                    chunk.removeAll(keepingCapacity: true)
                }
                afterSpace = nil
            }
            chunk.append(contentsOf: piece)
            if piece == [ByteRules.space] { afterSpace = chunk.count }
        }

        for piece in pieces {
            if width(piece) <= fullCapacity {
                add(piece)
            } else {
                for scalar in String(decoding: piece, as: UTF8.self).unicodeScalars { add(Array(String(scalar).utf8)) }
            }
        }
        if !chunk.isEmpty { emit(chunk[...]) }
    }

    /// RFC 2047 §5 (3): only letters, digits and `!*+-/` literal; space as `_`.
    private static func qLiteral(_ b: UInt8) -> Bool {
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x21, 0x2A, 0x2B, 0x2D, 0x2F: return true
        default: return false
        }
    }

    private static func qWidth(_ b: UInt8) -> Int { qLiteral(b) || b == ByteRules.space ? 1 : 3 }

    private static func appendQ(_ bytes: ArraySlice<UInt8>, to out: inout [UInt8]) {
        for b in bytes {
            if qLiteral(b) {
                out.append(b)
            } else if b == ByteRules.space {
                out.append(0x5F)
            } else {
                out.append(0x3D)
                out.append(ByteRules.hexUpper[Int(b >> 4)])
                out.append(ByteRules.hexUpper[Int(b & 0x0F)])
            }
        }
    }

    /// Unwrapped base64 of a short chunk.
    private static func base64(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        let lines = Base64Lines.encode(bytes)
        return lines.dropLast(2)
    }
}
