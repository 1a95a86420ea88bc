/// RFC 3676 format=flowed: joins soft-broken lines (ending in a space) of the same quote depth, removes
/// space-stuffing, and with DelSp=yes drops the space that marked the soft break. Quoted lines come back
/// with "> " per quote level.
enum FlowedText {
    static func unflow(_ text: String, delSp: Bool) -> String {
        var out: [String] = []
        var paragraph: String?
        var paragraphDepth = 0
        func emit(_ line: String, depth: Int) {
            out.append(depth == 0 ? line : String(repeating: ">", count: depth) + " " + line)
        }
        for raw in TextLines.split(text) {
            var line = Substring(raw)
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            if line.first == " " { line = line.dropFirst() }  // space-stuffing
            let isSignature = line == "-- "
            let flowed = !isSignature && line.last == " "
            if let p = paragraph, depth != paragraphDepth {
                emit(p, depth: paragraphDepth)
                paragraph = nil
            }
            var content = String(line)
            if flowed && delSp { content.removeLast() }
            if let p = paragraph {
                content = p + content
                paragraph = nil
            }
            if flowed {
                paragraph = content
                paragraphDepth = depth
            } else {
                emit(content, depth: depth)
            }
        }
        if let p = paragraph { emit(p, depth: paragraphDepth) }
        return out.joined(separator: "\n")
    }
}
