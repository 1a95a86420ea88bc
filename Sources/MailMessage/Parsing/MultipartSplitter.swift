/// Splits a multipart body at its boundary lines, tolerantly: preamble and epilogue ignored, a missing
/// closing boundary accepted, blanks after a boundary accepted, and a declared boundary that never occurs
/// ("a boundary that lies") replaced by the first `--token` line that does repeat.
enum MultipartSplitter {
    struct Split {
        var parts: [Range<Int>]
        var defects: [String]
    }

    /// The part ranges of `range`, or nil when no boundary line is found at all.
    static func split(_ bytes: [UInt8], range: Range<Int>, boundary: String) -> Split? {
        let declared = Array(boundary.utf8)
        if !declared.isEmpty, let split = split(bytes, range: range, delimiter: declared) { return split }
        guard let guessed = guessBoundary(bytes, range: range),
            let split = split(bytes, range: range, delimiter: guessed)
        else { return nil }
        var result = split
        let what = declared.isEmpty ? "no boundary parameter" : "declared boundary never occurs"
        result.defects.append("\(what); used the boundary found in the body")
        return result
    }

    private static func split(_ bytes: [UInt8], range: Range<Int>, delimiter boundary: [UInt8]) -> Split? {
        var parts: [Range<Int>] = []
        var partStart: Int?
        var closed = false
        var pos = range.lowerBound
        while pos < range.upperBound {
            let line = HeaderSection.lineEnd(bytes, from: pos, end: range.upperBound)
            if let kind = boundaryLine(bytes, line: pos..<line.contentEnd, boundary: boundary) {
                if let start = partStart {
                    // The line break before a boundary line belongs to the boundary.
                    var end = pos
                    if end > start, bytes[end - 1] == 0x0A { end -= 1 }
                    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                    parts.append(start..<max(start, end))
                }
                if kind == .close {
                    closed = true
                    break
                }
                partStart = line.next
            }
            pos = line.next
        }
        if !closed, let start = partStart { parts.append(start..<range.upperBound) }
        guard partStart != nil || !parts.isEmpty else { return nil }
        return Split(parts: parts, defects: closed ? [] : ["multipart without its closing boundary"])
    }

    private enum LineKind { case open, close }

    /// `--boundary` or `--boundary--`, followed by blanks only.
    private static func boundaryLine(_ bytes: [UInt8], line: Range<Int>, boundary: [UInt8]) -> LineKind? {
        let n = boundary.count
        guard line.count >= n + 2, bytes[line.lowerBound] == 0x2D, bytes[line.lowerBound + 1] == 0x2D else {
            return nil
        }
        var i = line.lowerBound + 2
        for b in boundary {
            if bytes[i] != b { return nil }
            i += 1
        }
        var kind = LineKind.open
        if i + 1 < line.upperBound, bytes[i] == 0x2D, bytes[i + 1] == 0x2D {
            kind = .close
            i += 2
        }
        while i < line.upperBound {
            if bytes[i] != 0x20 && bytes[i] != 0x09 { return nil }
            i += 1
        }
        return kind
    }

    /// The first `--token` line whose token shows up again as a boundary line.
    private static func guessBoundary(_ bytes: [UInt8], range: Range<Int>) -> [UInt8]? {
        var pos = range.lowerBound
        var candidate: [UInt8]?
        while pos < range.upperBound {
            let line = HeaderSection.lineEnd(bytes, from: pos, end: range.upperBound)
            let text = bytes[pos..<line.contentEnd]
            if let c = candidate {
                if boundaryLine(bytes, line: pos..<line.contentEnd, boundary: c) != nil { return c }
            } else if text.count >= 5, text.count <= 200, text.first == 0x2D, text.dropFirst().first == 0x2D,
                !text.contains(where: { $0 <= 0x20 || $0 >= 0x7F })
            {
                var token = Array(text.dropFirst(2))
                if token.count > 2, token.suffix(2) == [0x2D, 0x2D] { token.removeLast(2) }
                if !token.isEmpty && !token.allSatisfy({ $0 == 0x2D }) { candidate = token }
            }
            pos = line.next
        }
        return nil
    }
}
