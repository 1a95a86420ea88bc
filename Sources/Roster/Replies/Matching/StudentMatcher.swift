/// Resolves commands against the students of one school (DESIGN §4 Matching).
///
/// - Student number: exact at this school; when that finds nobody, a number that differs only by leading
///   zeros (a spreadsheet dropped them) is taken if exactly one student has it.
/// - Name: folded (case, accents), order-free ("Lopez, Maria" = "Maria Lopez"), apostrophes ignored,
///   particles (`de`, `la`, `del`, `y`, `van` …) optional. Exact when the written words are exactly the
///   student's words; partial when they are a subset that still includes a given and a family name
///   ("Maria Lopez" for "María José López García"). One exact match wins; otherwise one partial match.
///   A grade, when given, narrows first; a name match whose grade differs goes to review.
/// - DROP looks only at this site's roster: dropping someone not on it is refused with a reason about the
///   partner's own roster, never about the rest of the school. ADD looks at the whole school; an ADD of
///   someone already on the roster is `alreadyDone`; anything unknown or ambiguous goes to the CSC.
public struct StudentMatcher: Sendable {
    struct Indexed: Sendable {
        let student: SchoolStudent
        let given: Set<String>
        let family: Set<String>
        let all: Set<String>
        let core: Set<String>
    }

    private let source: [SchoolStudent]
    private let students: [Indexed]
    private let byNumber: [String: Int]
    private let byTrimmedNumber: [String: [Int]]
    private let byWord: [String: [Int]]

    public init(students: [SchoolStudent]) {
        var indexed: [Indexed] = []
        var byNumber: [String: Int] = [:]
        var byTrimmed: [String: [Int]] = [:]
        var byWord: [String: [Int]] = [:]
        for (i, s) in students.enumerated() {
            let g = TextFolding.nameWords(s.givenName)
            let f = TextFolding.nameWords(s.familyName)
            let all = Set(g + f)
            let entry = Indexed(
                student: s, given: Set(g), family: Set(f), all: all,
                core: Self.core(g).union(Self.core(f)))
            indexed.append(entry)
            byNumber[s.studentNumber] = i
            byTrimmed[Self.withoutLeadingZeros(s.studentNumber), default: []].append(i)
            for w in all { byWord[w, default: []].append(i) }
        }
        self.source = students
        self.students = indexed
        self.byNumber = byNumber
        self.byTrimmedNumber = byTrimmed
        self.byWord = byWord
    }

    /// The same school with `numbers` counted as on the roster (after this reply's ADDs).
    func addingToRoster(_ numbers: Set<String>) -> StudentMatcher {
        StudentMatcher(
            students: source.map { s in
                var s = s
                if numbers.contains(s.studentNumber) { s.onSiteRoster = true }
                return s
            })
    }

    public func match(_ command: ReplyCommand) -> MatchOutcome {
        if let number = command.studentNumber { return matchNumber(number, command) }
        guard let name = command.name else { return .needsReview(.unknownName) }
        return matchName(name, command)
    }

    private func matchNumber(_ number: String, _ command: ReplyCommand) -> MatchOutcome {
        var index = byNumber[number]
        if index == nil, let loose = byTrimmedNumber[Self.withoutLeadingZeros(number)], loose.count == 1 {
            index = loose[0]
        }
        guard let index else {
            return command.action == .drop ? .rejected(.numberNotOnRoster) : .needsReview(.unknownNumber(number))
        }
        let s = students[index]
        if command.action == .drop && !s.student.onSiteRoster { return .rejected(.numberNotOnRoster) }
        if let name = command.name, fit(Self.written(name), s) == nil {
            return .needsReview(.nameDoesNotMatchNumber(s.student))
        }
        if let grade = command.grade, let actual = s.student.grade, grade != actual {
            return .needsReview(.gradeDoesNotMatch(s.student))
        }
        if command.action == .add && s.student.onSiteRoster { return .alreadyDone(s.student) }
        return .matched(s.student)
    }

    private func matchName(_ name: WrittenName, _ command: ReplyCommand) -> MatchOutcome {
        let words = Self.written(name)
        guard let anchor = words.first(where: { !TextFolding.particles.contains($0) }) ?? words.first else {
            return .needsReview(.unknownName)
        }
        var exact: [Indexed] = []
        var partial: [Indexed] = []
        for i in byWord[anchor] ?? [] {
            let s = students[i]
            if command.action == .drop && !s.student.onSiteRoster { continue }
            switch fit(words, s) {
            case .exact?: exact.append(s)
            case .partial?: partial.append(s)
            case nil: break
            }
        }
        if exact.isEmpty && partial.isEmpty {
            return command.action == .drop ? .rejected(.nameNotOnRoster) : .needsReview(.unknownName)
        }
        if let grade = command.grade {
            let e = exact.filter { $0.student.grade == nil || $0.student.grade == grade }
            let p = partial.filter { $0.student.grade == nil || $0.student.grade == grade }
            if e.isEmpty && p.isEmpty {
                let all = exact + partial
                return all.count == 1 ? .needsReview(.gradeDoesNotMatch(all[0].student)) : .needsReview(.unknownName)
            }
            exact = e
            partial = p
        }
        let tier = exact.isEmpty ? partial : exact
        guard tier.count == 1 else { return .needsReview(.ambiguous(tier.map(\.student.studentNumber).sorted())) }
        let s = tier[0].student
        if command.action == .add && s.onSiteRoster { return .alreadyDone(s) }
        return .matched(s)
    }

    enum Fit { case exact, partial }

    /// How the written words fit a student, if at all.
    private func fit(_ written: [String], _ s: Indexed) -> Fit? {
        let w = Set(written)
        guard !w.isEmpty else { return nil }
        for word in w where !s.all.contains(word) && !TextFolding.particles.contains(word) { return nil }
        if s.core.isSubset(of: w) { return .exact }
        guard !w.isDisjoint(with: s.given), !w.isDisjoint(with: s.family) else { return nil }
        return .partial
    }

    static func written(_ name: WrittenName) -> [String] {
        name.words.flatMap { TextFolding.nameWords($0) }
    }

    /// Words without particles, unless that leaves nothing (a family name "De la Cruz" keeps "cruz"; a given
    /// name "Van" stays "van").
    static func core(_ words: [String]) -> Set<String> {
        let c = words.filter { !TextFolding.particles.contains($0) }
        return Set(c.isEmpty ? words : c)
    }

    static func withoutLeadingZeros(_ s: String) -> String {
        let t = s.drop { $0 == "0" }
        return t.isEmpty ? "0" : String(t)
    }
}
