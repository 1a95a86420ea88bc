extension ReplyGrammar {
    /// The sentences of a line: split after `?`, `!` or `.` followed by a space and a capital letter, unless the
    /// dot ends an abbreviation (`gr.`, `Mr.`, `Dr.`, `e.g.`) or an initial (`Maria K. Lopez`). A number or a grade
    /// before the dot ends a sentence: "Please add Ana Ruiz, grade 4. She starts Monday." is two, and so is
    /// "…, grade K. She starts Monday.".
    static func sentences(_ line: String) -> [String] {
        // Only '?', '!' and '.' end a sentence: without them the line is one sentence (or none when empty).
        guard line.utf8.contains(where: { $0 == 0x3F || $0 == 0x21 || $0 == 0x2E }) else {
            return line.isEmpty ? [] : [line]
        }
        var result: [String] = []
        let chars = Array(line)
        var sentenceStart = 0
        var wordStart = 0
        var previousWord = 0..<0
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if ch.isWhitespace {
                if i > wordStart { previousWord = wordStart..<i }
                wordStart = i + 1
            }
            if ch == "?" || ch == "!" || ch == "." {
                var j = i + 1
                while j < chars.count, chars[j] == " " { j += 1 }
                let spaced = j > i + 1 && j < chars.count
                if spaced
                    && (ch != "."
                        || (chars[j].isUppercase && !endsAbbreviation(chars[wordStart...i], after: chars[previousWord])))
                {
                    result.append(String(chars[sentenceStart...i]))
                    sentenceStart = j
                    wordStart = j
                    i = j
                    continue
                }
            }
            i += 1
        }
        if sentenceStart < chars.count { result.append(String(chars[sentenceStart...])) }
        return result
    }

    /// `true` when `word` (up to and with its final '.') is an abbreviation or an initial rather than the end
    /// of a sentence: a listed abbreviation, or one or two letters ("K.", "Li."). A number is not ("4."), nor is
    /// a grade letter after a grade word ("grade K.").
    static func endsAbbreviation(_ word: ArraySlice<Character>, after previous: ArraySlice<Character>) -> Bool {
        let word = word.drop { !$0.isLetter && !$0.isNumber }
        let core = word.dropLast()
        if !core.isEmpty && core.allSatisfy(\.isASCIIDigit) { return false }
        if core.count == 1, core.first == "K" || core.first == "k", previous.count <= 6,
            ReplyVocabulary.gradeLead.contains(
                TextFolding.fold(String(previous.drop { $0 == "(" }.prefix { $0 != "." })))
        {
            return false
        }
        if word.count <= 3 { return true }
        // Only short words can be listed: folding a long word at every dot would not be linear.
        return word.count <= 8 && abbreviations.contains(TextFolding.fold(String(word)))
    }

    static let abbreviations: Set<String> = [
        "gr.", "no.", "nr.", "nro.", "mr.", "mrs.", "ms.", "dr.", "dra.", "sr.", "sra.", "srta.", "jr.", "st.",
        "prof.", "e.g.", "i.e.", "etc.", "vs.", "approx.", "lic.", "ing.",
    ]

    /// An upper-case keyword inside a sentence that is not itself a command ("Noah's family moved, so please
    /// DROP 123456", "a new student joined on Thursday: ADD 234567"): the command from the keyword on, when
    /// nothing before it is a keyword, a student number or a negation ("please don't DROP 123456") and what follows
    /// reads as a command. Upper case is a signal only in a sentence that is not all upper case; lower case "add"
    /// in prose is never a command here.
    func capitalisedCommand(_ tokens: [LineToken]) -> [ReplyCommand]? {
        guard
            let k = tokens.indices.dropFirst().first(where: { i in
                // The dictionary lookup first: `uppercased()` allocates.
                let raw = tokens[i].raw
                return ReplyVocabulary.actions[tokens[i].folded] != nil && raw.count >= 3 && raw == raw.uppercased()
            }),
            tokens.contains(where: { $0.raw.contains(where: \.isLowercase) }),
            !tokens[..<k].contains(where: {
                ReplyVocabulary.actions[$0.folded] != nil || isStudentNumber($0)
                    || ReplyVocabulary.negations.contains($0.folded)
            }),
            let action = ReplyVocabulary.actions[tokens[k].folded],
            case .success(let commands) = parseArgument(tokens[(k + 1)...], action: action)
        else { return nil }
        return commands
    }
}
