/// Recognises lines that look like a partner's roster command ("ADD 123456", "- please drop Maria Lopez",
/// "2) Agregar José Muñoz, grado 4"). The trimmer never cuts such a line as a signature or after a
/// delimiter: when in doubt, text is kept.
enum CommandLines {
    private static let verbs: Set<String> = [
        "add", "drop", "remove", "agregar", "añadir", "anadir", "quitar", "eliminar", "alta", "baja",
    ]
    private static let politeness = ["please ", "pls ", "plz ", "kindly ", "por favor ", "favor de "]

    static func isCommand(_ content: Substring) -> Bool {
        // Cheap first test: the first letter starts a verb or a politeness word.
        guard let first = content.utf8.first(where: { (0x61...0x7A).contains($0 | 0x20) || $0 >= 0x80 }),
            first >= 0x80 || "adrqebpkfADRQEBPKF".utf8.contains(first)
        else { return false }
        var s = Substring(content.prefix(80).lowercased())
        // Bullets and numbering: "-", "*", "•", "1.", "2)", "(3)", "#4".
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
