import MailMessage

/// The reply grammar of DESIGN §4, tolerant of how people write: one change per line, case- and
/// accent-insensitive, English and Spanish (word lists in `ReplyVocabulary`).
///
///     ADD 123456                      DROP 123456, 234567         (one command per number)
///     ADD Maria Lopez, grade 4        DROP Lopez, Maria           (family first after a comma)
///     - please add 123456.            1) Agregar a María López, 4to grado
///     DROP 123456 effective 2026-12-04    Dar de baja a 123456 por favor
///     Add:                            (a heading: the following lines, up to a blank line or a line that is
///     - 123456                         not a student, take its action)
///     - Maria Lopez (student no. 123456, grade 4, release on file: yes) DROP   (a line of our listing)
///     DROP 123456 - moved away        Baja 123456, se cambió de escuela   (a reason: the command's note)
///     Noah moved, so please DROP 123456. He starts … (an upper-case keyword inside a sentence)
///
/// Every non-empty line gets an outcome. Lines that cannot be read are `notUnderstood` when they look like
/// an attempt (a keyword first, a student number, a word like "drop"/"remove" anywhere), otherwise
/// `ignored`: greetings and sign-offs (`courtesy`), other sentences (`prose`), quoted lines, lines of our
/// listing (the edited-roster comparison reads those). The confirmation lists only the `notUnderstood`.
///
/// Hand-written tokenizer, no regular expressions: linear in the length of the text.
public struct ReplyGrammar: Sendable {
    /// Digits a student number has; shorter runs are grades or noise, longer ones phone numbers.
    public var studentNumberLength: ClosedRange<Int>

    public init(studentNumberLength: ClosedRange<Int> = 5...10) {
        self.studentNumberLength = studentNumberLength
    }

    /// The outcome of every non-empty line of `text` (the partner's own words, after trimming).
    public func parse(_ text: String) -> [ReplyItem] {
        var items: [ReplyItem] = []
        var section: ReplyCommand.Action?
        var sectionHasItems = false
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = Self.trim(rawLine)
            if line.isEmpty {
                if sectionHasItems { section = nil }
                continue
            }
            var outcome: ReplyItem.Outcome
            switch classify(line) {
            case .heading(let action):
                section = action
                sectionHasItems = false
                outcome = .ignored(.heading)
            case .outcome(let o):
                outcome = o
                if let action = section {
                    if case .commands = o {
                        section = nil
                    } else if case .ignored(.quoted) = o {
                        // a quoted line inside a list changes nothing
                    } else if case .success(let commands) = parseArgument(
                        LineToken.tokenize(Self.stripBullets(line))[...], action: action)
                    {
                        outcome = .commands(commands)
                        sectionHasItems = true
                    } else {
                        section = nil
                    }
                }
            }
            items.append(ReplyItem(source: .body(line: index + 1), text: line, outcome: outcome))
        }
        return items
    }

    enum LineResult: Equatable {
        case outcome(ReplyItem.Outcome)
        case heading(ReplyCommand.Action)
    }

    /// One trimmed, non-empty line on its own (no heading context).
    func classify(_ line: String) -> LineResult {
        if line.hasPrefix(">") { return .outcome(.ignored(.quoted)) }
        let body = Self.stripBullets(line)
        if let listing = RosterListingLine(body) { return .outcome(listingOutcome(listing)) }
        let whole = classifyClause(body)
        if case .outcome(.commands) = whole { return whole }
        if case .heading = whole { return whole }
        // Each sentence on its own ("Please drop 123456? He moved."), and in a sentence that is not a command,
        // an upper-case keyword inside it ("Noah's family moved, so please DROP 123456.").
        let sentences = Self.sentences(body)
        var commands: [ReplyCommand] = []
        var unclear: ReplyItem.Problem?
        for sentence in sentences {
            let clause = sentences.count == 1 ? whole : classifyClause(sentence)
            if case .outcome(.commands(let c)) = clause {
                commands += c
            } else if let c = capitalisedCommand(LineToken.tokenize(sentence)) {
                commands += c
            } else if case .outcome(.notUnderstood(let p)) = clause {
                unclear = unclear ?? p
            }
        }
        if !commands.isEmpty {
            return .outcome(unclear == nil ? .commands(commands) : .notUnderstood(.severalChanges))
        }
        return whole
    }

    /// One clause: keyword first (after politeness), keyword last, or no keyword.
    func classifyClause(_ body: String) -> LineResult {
        let tokens = LineToken.tokenize(body)
        guard tokens.contains(where: { !$0.isSeparator }) else { return .outcome(.ignored(.prose)) }

        // A keyword first, possibly after politeness ("please", "por favor", "could you").
        var k = 0
        var polite = false
        while k < tokens.count, k < 8,
            tokens[k].isSeparator || ReplyVocabulary.leadingFiller.contains(tokens[k].folded)
                || (k == 0 && Self.greetings.contains(tokens[k].folded) && tokens.count > 1 && tokens[1].isSeparator)
        {
            if Self.politeWords.contains(tokens[k].folded) { polite = true }
            k += 1
        }
        if k < tokens.count, let action = ReplyVocabulary.actions[tokens[k].folded] {
            let argument = tokens[(k + 1)...]
            if Self.isEmptyArgument(argument) { return .heading(action) }
            switch parseArgument(argument, action: action) {
            case .success(let commands): return .outcome(.commands(commands))
            case .failure(let problem):
                let hasDigits = argument.contains { $0.folded.contains(where: \.isASCIIDigit) }
                let ambiguous = Self.ambiguousKeywords.contains(tokens[k].folded)
                let prose = argument.contains { ReplyVocabulary.notNameWords.contains($0.folded) }
                if !hasDigits && (ambiguous || (k > 0 && prose && !polite)) { return .outcome(.ignored(.prose)) }
                return .outcome(.notUnderstood(problem))
            }
        }
        // A keyword last: "123456 - drop", "Maria Lopez: remove".
        if let lastIndex = tokens.lastIndex(where: { !$0.isSeparator }), lastIndex > 0,
            !Self.ambiguousKeywords.contains(tokens[lastIndex].folded),
            let action = ReplyVocabulary.actions[tokens[lastIndex].folded],
            case .success(let commands) = parseArgument(tokens[..<lastIndex], action: action)
        {
            return .outcome(.commands(commands))
        }
        // A fixed phrasing without a keyword: "Maria Lopez has withdrawn from our program".
        if let phrased = phrasing(tokens, line: body) { return phrased }
        let words = tokens.filter { !$0.isSeparator }
        if words.contains(where: { isStudentNumber($0) }) || words.contains(where: { isAttemptWord($0.folded) })
            || Self.containsPhrase(words, ["de", "baja"]) || Self.containsPhrase(words, ["de", "alta"])
        {
            return .outcome(.notUnderstood(.missingKeyword))
        }
        if let first = words.first, ReplyVocabulary.courtesy.contains(first.folded) {
            return .outcome(.ignored(.courtesy))
        }
        return .outcome(.ignored(.prose))
    }

    /// A greeting before a comma does not hide the command after it ("Hi, please drop 123456").
    static let greetings: Set<String> = ["hi", "hello", "hey", "hola", "buenas", "buenos", "morning", "afternoon"]

    /// Politeness that marks a request even when the rest is unreadable ("please remove me from this list").
    static let politeWords: Set<String> = ["please", "pls", "plz", "kindly", "favor"]

    /// `true` when only filler follows a keyword ("Please add the following students:").
    static func isEmptyArgument(_ argument: ArraySlice<LineToken>) -> Bool {
        argument.allSatisfy { $0.isSeparator || ReplyVocabulary.argumentFiller.contains($0.folded) }
    }

    /// Keywords that are also ordinary words ("alta" = tall, "retire"): a line they start counts only if
    /// the rest reads as a student.
    static let ambiguousKeywords: Set<String> = ["alta", "baja", "retire", "saca", "sacar", "incluir", "incluya"]

    func listingOutcome(_ listing: RosterListingLine) -> ReplyItem.Outcome {
        var action: ReplyCommand.Action?
        if !listing.before.isEmpty { action = ReplyVocabulary.actions[TextFolding.fold(listing.before)] }
        for token in LineToken.tokenize(listing.after) where !token.isSeparator {
            if let a = ReplyVocabulary.actions[token.folded] ?? Self.attemptActions[token.folded] {
                if action != nil && action != a { return .notUnderstood(.severalChanges) }
                action = a
            }
        }
        guard let action else { return .ignored(.rosterListing) }
        let words = listing.name.split(whereSeparator: \.isWhitespace).map(String.init)
        return .commands([
            ReplyCommand(
                action: action, studentNumber: listing.studentNumber, name: WrittenName(words: words),
                grade: listing.grade)
        ])
    }

    static let attemptActions: [String: ReplyCommand.Action] = [
        "dropped": .drop, "removed": .drop, "withdrawn": .drop, "added": .add,
    ]

    /// Reads what follows a keyword: a student number (or several), or a name, with an optional grade and
    /// effective date, in any order, and an optional note (a reason: `ReplyNote`) that is never read as a name.
    func parseArgument(_ slice: ArraySlice<LineToken>, action: ReplyCommand.Action) -> Result<
        [ReplyCommand], ReplyItem.Problem
    > {
        let (lo, hi) = Self.trimmed(slice)
        if let note = ReplyNote.find(slice, lo: lo, hi: hi, isStudentNumber: isStudentNumber) {
            // The words around the note must read as a command on their own; otherwise there is no note.
            let rest = slice[lo..<note.start] + slice[note.end..<hi]
            if case .success(let commands) = parseStudent(rest[...], action: action) {
                return .success(
                    commands.map { command in
                        var command = command
                        command.note = note.text
                        return command
                    })
            }
        }
        return parseStudent(slice[lo..<hi], action: action)
    }

    /// The bounds of `slice` without filler before ("the new student") and after ("please", "from the roster").
    static func trimmed(_ slice: ArraySlice<LineToken>) -> (lo: Int, hi: Int) {
        var lo = slice.startIndex
        while lo < slice.endIndex,
            slice[lo].isSeparator || ReplyVocabulary.argumentFiller.contains(slice[lo].folded)
        {
            lo += 1
        }
        return (lo, trimTrailing(slice, lo: lo, hi: slice.endIndex))
    }

    /// `parseArgument` without notes: every word is a number, a name, a grade or a date.
    func parseStudent(_ slice: ArraySlice<LineToken>, action: ReplyCommand.Action) -> Result<
        [ReplyCommand], ReplyItem.Problem
    > {
        let (lo, hi) = Self.trimmed(slice)
        let t = slice[lo..<hi]

        var groups: [[LineToken]] = [[]]
        var numbers: [String] = []
        var grades: [Grade] = []
        var bareGrades: [Grade] = []
        var effective: CalendarDay?
        var problem: ReplyItem.Problem?
        func nextIsBoundary(_ i: Int) -> Bool { i + 1 >= t.endIndex || t[i + 1].isSeparator }
        func next(_ i: Int) -> String? { i + 1 < t.endIndex ? t[i + 1].folded : nil }

        var i = t.startIndex
        while i < t.endIndex {
            let token = t[i]
            let f = token.folded
            if token.isSeparator {
                if !groups[groups.count - 1].isEmpty { groups.append([]) }
                i += 1
                continue
            }
            if (f == "in" || f == "en"), let n = next(i), Self.startsGrade(n, after: next(i + 1)) {
                i += 1
                continue
            }
            if ReplyVocabulary.gradeLead.contains(f), let n = next(i), let g = GradeWords.grade(n) {
                grades.append(g)
                i += 2
                continue
            }
            if let g = GradeWords.gluedGrade(f) {
                grades.append(g)
                i += 1
                continue
            }
            if GradeWords.isSelfEvidentGrade(f) || ((f == "k") && nextIsBoundary(i) && i > t.startIndex),
                let g = GradeWords.grade(f)
            {
                grades.append(g)
                i += next(i).map { ReplyVocabulary.gradeTail.contains($0) } == true ? 2 : 1
                continue
            }
            if let g = GradeWords.grade(f), let n = next(i), ReplyVocabulary.gradeTail.contains(n) {
                grades.append(g)
                i += 2
                continue
            }
            if let day = CalendarDay(iso: f) {
                if effective != nil && effective != day { problem = problem ?? .severalChanges }
                effective = day
                while let last = groups[groups.count - 1].last, ReplyVocabulary.dateLead.contains(last.folded) {
                    groups[groups.count - 1].removeLast()
                }
                i += 1
                continue
            }
            // "123456 and 234567", "123456 y 234567": a list of numbers, not a name.
            if ["and", "y", "&", "e"].contains(f), i > t.startIndex, isStudentNumber(t[i - 1]), i + 1 < t.endIndex,
                isStudentNumber(t[i + 1])
            {
                i += 1
                continue
            }
            if let digits = Self.numberDigits(f) {
                if studentNumberLength.contains(digits.count) {
                    numbers.append(digits)
                    while let last = groups[groups.count - 1].last, ReplyVocabulary.numberLead.contains(last.folded) {
                        groups[groups.count - 1].removeLast()
                    }
                } else if digits.count <= 2, let g = GradeWords.grade(digits) {
                    bareGrades.append(g)
                } else {
                    problem = problem ?? .unreadable
                }
                i += 1
                continue
            }
            if Self.looksLikeDate(f) {
                problem = problem ?? .dateFormat
                i += 1
                continue
            }
            if Self.isNameWord(token.raw) {
                groups[groups.count - 1].append(token)
            } else {
                problem = problem ?? .unreadable
            }
            i += 1
        }
        groups.removeAll { $0.isEmpty }
        // Words left between a name and a number ("Maria Lopez, student 123456" handled above); lead words
        // of a date that had no date ("effective Dec 1") make the line unreadable as a date.
        for group in groups {
            for (j, word) in group.enumerated() {
                if ReplyVocabulary.actions[word.folded] != nil { return .failure(.severalChanges) }
                if word.folded == "effective" || word.folded == "efectivo" || word.folded == "starting" {
                    return .failure(.dateFormat)
                }
                let inner = j > 0 && j < group.count - 1
                if ReplyVocabulary.notNameWords.contains(word.folded)
                    && !(inner && TextFolding.particles.contains(word.folded))
                {
                    problem = problem ?? .unreadable
                }
            }
        }
        if let problem { return .failure(problem) }
        if !groups.isEmpty { grades += bareGrades } else if !bareGrades.isEmpty { return .failure(.unreadable) }
        if Set(grades).count > 1 { return .failure(.conflictingGrades) }
        let grade = grades.first
        let nameWordCount = groups.reduce(0) { $0 + $1.count }
        if nameWordCount > 6 || groups.count > 2 { return .failure(.severalChanges) }
        let name: WrittenName? =
            groups.isEmpty
            ? nil
            : WrittenName(words: groups.flatMap { $0.map(\.raw) }, familyFirst: groups.count == 2)

        switch numbers.count {
        case 0:
            guard let name else { return .failure(.missingStudent) }
            guard name.words.count >= 2 else { return .failure(.unreadable) }
            return .success([ReplyCommand(action: action, name: name, grade: grade, effective: effective)])
        case 1:
            return .success([
                ReplyCommand(action: action, studentNumber: numbers[0], name: name, grade: grade, effective: effective)
            ])
        default:
            guard name == nil else { return .failure(.severalChanges) }
            return .success(
                numbers.map { ReplyCommand(action: action, studentNumber: $0, grade: grade, effective: effective) })
        }
    }

    /// The end of the argument after dropping "please", "thanks", "from the roster", "this week"….
    static func trimTrailing(_ t: ArraySlice<LineToken>, lo: Int, hi: Int) -> Int {
        var hi = hi
        while hi > lo {
            let last = t[hi - 1]
            if last.isSeparator || ReplyVocabulary.trailingFiller.contains(last.folded) {
                hi -= 1
                continue
            }
            if ReplyVocabulary.phraseNoun.contains(last.folded) {
                var j = hi - 1
                var determiners = 0
                while j > lo, ReplyVocabulary.phraseDeterminer.contains(t[j - 1].folded) {
                    j -= 1
                    determiners += 1
                }
                if j > lo, ReplyVocabulary.phrasePreposition.contains(t[j - 1].folded) {
                    hi = j - 1
                    continue
                }
                if determiners > 0 {
                    hi = j
                    continue
                }
            }
            break
        }
        return hi
    }

    /// `true` when `word` (and the word after it) start a grade: "4th", "grade 4", "4 grade", "k".
    static func startsGrade(_ word: String, after: String?) -> Bool {
        if ReplyVocabulary.gradeLead.contains(word) || GradeWords.isSelfEvidentGrade(word)
            || GradeWords.gluedGrade(word) != nil || word == "k" || word == "kg"
        {
            return true
        }
        return GradeWords.grade(word) != nil && after.map { ReplyVocabulary.gradeTail.contains($0) } == true
    }

    /// The digits of a student-number word: `123456`, `#123456`, `no.123456`, `nº123456`.
    static func numberDigits(_ folded: String) -> String? {
        // A student number starts with a digit or one of the prefixes below ('#', 'n', 'i'): most words don't.
        guard let first = folded.utf8.first, ASCIIByte.isDigit(first) || first == 0x23 || first == 0x6E || first == 0x69
        else { return nil }
        // A digit first: no prefix applies, and the word is a number when every byte is a digit.
        if ASCIIByte.isDigit(first) { return folded.utf8.allSatisfy(ASCIIByte.isDigit) ? folded : nil }
        var s = Substring(folded)
        for prefix in numberPrefixes where s.hasPrefix(prefix) {
            let rest = s.dropFirst(prefix.count)
            if !rest.isEmpty && rest.allSatisfy(\.isASCIIDigit) {
                s = rest
                break
            }
        }
        guard !s.isEmpty, s.allSatisfy(\.isASCIIDigit) else { return nil }
        return String(s)
    }

    static let numberPrefixes = ["#", "no.", "no", "n°", "nº", "n.º", "id", "id#", "nr."]

    func isStudentNumber(_ token: LineToken) -> Bool {
        guard let digits = Self.numberDigits(token.folded) else { return false }
        return studentNumberLength.contains(digits.count)
    }

    func isAttemptWord(_ folded: String) -> Bool {
        ReplyVocabulary.attemptWords.contains(folded)
    }

    static func containsPhrase(_ words: [LineToken], _ phrase: [String]) -> Bool {
        guard words.count >= phrase.count else { return false }
        for start in 0...(words.count - phrase.count)
        where (0..<phrase.count).allSatisfy({ words[start + $0].folded == phrase[$0] }) {
            return true
        }
        return false
    }

    /// Dates not in `YYYY-MM-DD`: `12/4/2026`, `4-12-2026`, `2026/12/04`.
    static func looksLikeDate(_ folded: String) -> Bool {
        var digits = 0
        var separators = 0
        for c in folded {
            if c.isASCIIDigit {
                digits += 1
            } else if c == "/" || c == "-" || c == "." {
                separators += 1
            } else {
                return false
            }
        }
        return digits >= 3 && separators >= 1
    }

    /// Letters, with `'`, `-` and `.` inside (O'Brien, Smith-Jones, J.).
    static func isNameWord(_ raw: String) -> Bool {
        guard let first = raw.first, first.isLetter else { return false }
        return raw.allSatisfy { $0.isLetter || $0 == "'" || $0 == "’" || $0 == "-" || $0 == "." }
    }

    /// Without surrounding whitespace (also no-break spaces, zero-width spaces and a BOM).
    static func trim(_ line: Substring) -> String {
        func blank(_ c: Character) -> Bool {
            c.isWhitespace || c == "\u{200B}" || c == "\u{FEFF}" || c == "\u{200E}" || c == "\u{200F}"
        }
        guard let start = line.firstIndex(where: { !blank($0) }) else { return "" }
        let end = line.lastIndex(where: { !blank($0) })!
        return String(line[start...end])
    }

    /// Without list markers: `-`, `*`, `•`, `·`, `–`, `+`, `▪`, `◦`, `‣`, `o` (Outlook, before 2+ spaces),
    /// numbering `1.`, `1)`, `(1)`, `a)`.
    static func stripBullets(_ line: String) -> String {
        // Most lines start with a word: an ASCII letter other than "o", and no ")" after it, starts no
        // marker (the second byte being ASCII makes the first character that one letter).
        let utf8 = line.utf8
        if let b0 = utf8.first, ASCIIByte.isLetter(b0), b0 != 0x6F {
            let b1 = utf8.dropFirst().first
            if b1 == nil || (b1! < 0x80 && b1! != 0x29) { return line }
        }
        return stripBulletsCharacters(line)
    }

    /// `stripBullets` on `Character`s: the reference, and the path for lines that may start with a marker.
    static func stripBulletsCharacters(_ line: String) -> String {
        var s = Substring(line)
        for _ in 0..<3 {
            // `s` only loses characters at its start: comparing start indices is comparing counts.
            let before = s.startIndex
            if let f = s.first, "-*•·–—+▪◦‣►➢→".contains(f) {
                let rest = s.dropFirst()
                if f == "-" || f == "*" || f == "+" {
                    if rest.first?.isWhitespace ?? false { s = rest }
                } else {
                    s = rest
                }
            } else if s.first == "o", s.dropFirst().prefix(2).allSatisfy(\.isWhitespace), s.count > 3 {
                s = s.dropFirst()
            } else {
                var digits = s.prefix { $0.isASCIIDigit }
                var rest = s.dropFirst(digits.count)
                if digits.isEmpty, s.first == "(" {
                    digits = s.dropFirst().prefix { $0.isASCIIDigit }
                    rest = s.dropFirst(1 + digits.count)
                    if rest.first == ")" { rest = rest.dropFirst() } else { digits = "" }
                    if !digits.isEmpty, rest.first?.isWhitespace ?? false { s = rest }
                } else if (1...3).contains(digits.count), let m = rest.first, m == "." || m == ")",
                    rest.dropFirst().first?.isWhitespace ?? false
                {
                    s = rest.dropFirst()
                } else if let a = s.first, a.isLetter, s.dropFirst().first == ")",
                    s.dropFirst(2).first?.isWhitespace ?? false
                {
                    s = s.dropFirst(2)
                }
            }
            s = s.drop { $0.isWhitespace }
            if s.startIndex == before { break }
        }
        return String(s)
    }
}
