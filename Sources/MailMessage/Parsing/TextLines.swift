/// Line helpers shared by the text converters and the trimmer. Lines are split on LF, CR LF and lone CR
/// (Swift treats "\r\n" as one Character, so splitting works on scalars, never on Characters).
enum TextLines {
    /// `text` with every CR LF and lone CR turned into LF.
    static func normalizingLineEnds(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(scalar)
        }
        return String(out)
    }

    /// The lines of `text` (any line ends), without their line ends.
    static func split(_ text: String) -> [Substring] {
        let normalized = normalizingLineEnds(text)
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
    }
}
