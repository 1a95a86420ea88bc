import Foundation

/// A student line of the roster listing in our text part (`Templates/roster.txt.mustache`):
/// `- Maria Lopez (student no. 1000123, grade 4, release on file: yes) NEW THIS WEEK`, or the short form of
/// the "no longer in your program" list, `- Maria Lopez (student no. 1000123)`. The caller removes bullets
/// and quote marks first. A keyword before the name or after the parenthesis (`DROP - Maria Lopez (…)`,
/// `… release on file: yes) DROP`) is kept in `before`/`after`.
struct RosterListingLine: Sendable, Hashable {
    var before: String
    var name: String
    var studentNumber: String
    var grade: Grade?
    /// `true` for the full form (with grade and release), `false` for the short form.
    var isFullForm: Bool
    var after: String

    init?(_ line: some StringProtocol) {
        // Cheap first test: no '(' byte, no "(student no" (Foundation's search is slow on every line).
        guard line.utf8.contains(0x28) else { return nil }
        let s = String(line)
        guard let open = s.range(of: "(student no", options: [.caseInsensitive]),
            let close = s[open.upperBound...].firstIndex(of: ")")
        else { return nil }
        let inside = s[open.upperBound..<close].split(separator: ",", omittingEmptySubsequences: false)
        // "(student no. 1000123" → ". 1000123"
        let numberPart = inside[0].drop { $0 == "." || $0 == " " }
        guard !numberPart.isEmpty, numberPart.allSatisfy(\.isASCIIDigitOrLetter) else { return nil }
        studentNumber = String(numberPart)
        grade = nil
        var sawRelease = false
        for part in inside.dropFirst() {
            let folded = TextFolding.fold(part).trimmingCharacters(in: .whitespaces)
            if folded.hasPrefix("grade") {
                let value = folded.dropFirst(5).trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { grade = GradeWords.grade(value) ?? Grade(ceds: value.uppercased()) }
            } else if folded.hasPrefix("release on file") {
                sawRelease = true
            }
        }
        isFullForm = sawRelease
        let head = s[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
        // A keyword may precede the name: "DROP - Maria Lopez" / "DROP: Maria Lopez".
        let headTokens = head.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "\t" })
        if let first = headTokens.first, ReplyVocabulary.actions[TextFolding.fold(first)] != nil, headTokens.count > 1 {
            before = String(first)
            var rest = head.dropFirst(first.count).drop { $0 == " " || $0 == ":" || $0 == "-" || $0 == "–" }
            rest = rest.drop { $0 == " " }
            name = String(rest)
        } else {
            before = ""
            name = head
        }
        after = s[s.index(after: close)...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return nil }
    }
}

extension Character {
    fileprivate var isASCIIDigitOrLetter: Bool {
        guard let a = asciiValue else { return false }
        return (0x30...0x39).contains(a) || (0x41...0x5A).contains(a) || (0x61...0x7A).contains(a)
    }
}
