/// Grade values as partners write them (see `ReplyVocabulary` for the list).
enum GradeWords {
    /// The grade of one folded word: `4`, `04`, `4th`, `4to`, `k`, `kg`, `kindergarten`, `fourth`, `cuarto`,
    /// `nil` otherwise. Bare numbers are 1–12 (`0` and `00` are kindergarten in some SIS).
    static func grade(_ folded: some StringProtocol) -> Grade? {
        let w = String(folded).lowercased()
        if let code = ReplyVocabulary.namedGrades[w] { return Grade(ceds: code) }
        if !w.isEmpty, w.count <= 2, w.allSatisfy(\.isASCIIDigit), let n = Int(w) {
            if n == 0 { return Grade(ceds: "KG") }
            if (1...12).contains(n) { return Grade(ceds: n < 10 ? "0\(n)" : "\(n)") }
        }
        return nil
    }

    /// A word that is a grade by itself (ordinals and named grades), not a bare number.
    static func isSelfEvidentGrade(_ folded: String) -> Bool {
        folded != "k" && ReplyVocabulary.namedGrades[folded] != nil
    }

    /// `gr4`, `grade4`, `grado4`, `g4`.
    static func gluedGrade(_ folded: String) -> Grade? {
        for lead in ["grade", "grado", "gr", "g"] where folded.hasPrefix(lead) {
            let rest = folded.dropFirst(lead.count)
            if !rest.isEmpty, rest.count <= 2, rest.allSatisfy(\.isASCIIDigit) { return grade(rest) }
        }
        return nil
    }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { (0x30...0x39).contains($0) } ?? false }
}
