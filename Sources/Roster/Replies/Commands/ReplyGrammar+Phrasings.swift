extension ReplyGrammar {
    /// A verb phrase after the student ("Maria Lopez has withdrawn from our program").
    struct Predicate {
        let words: [String]
        let action: ReplyCommand.Action
        /// The phrase says nothing about the program on its own ("has left", "joined"): a program phrase
        /// ("the program", "our club", "the list") must follow.
        let needsProgram: Bool
    }

    /// Phrasings partners write without a keyword, read only where the verb is unambiguous. Folded words.
    static let predicates: [Predicate] = {
        func p(_ words: String, _ action: ReplyCommand.Action, program: Bool = false) -> Predicate {
            Predicate(words: words.split(separator: " ").map(String.init), action: action, needsProgram: program)
        }
        return [
            p("has withdrawn", .drop), p("withdrew", .drop), p("was withdrawn", .drop), p("has been withdrawn", .drop),
            p("has dropped out", .drop), p("dropped out", .drop), p("has left", .drop, program: true),
            p("left", .drop, program: true), p("is no longer in", .drop, program: true),
            p("is no longer attending", .drop), p("no longer attends", .drop), p("is no longer participating", .drop),
            p("no longer participates", .drop), p("is no longer coming", .drop), p("se retiro", .drop),
            p("se ha retirado", .drop), p("se dio de baja", .drop), p("ya no asiste", .drop),
            p("ya no participa", .drop), p("ya no esta en", .drop, program: true),
            p("has joined", .add, program: true), p("joined", .add, program: true),
            p("is joining", .add, program: true), p("se unio a", .add, program: true),
            p("se inscribio en", .add, program: true), p("se inscribio a", .add, program: true),
        ]
    }()

    /// "New student: …" and its Spanish forms: an ADD (a heading when nothing follows).
    static let newStudentLeads: [[String]] = [
        ["new", "student"], ["new", "students"], ["new", "participant"], ["new", "participants"],
        ["nuevo", "estudiante"], ["nueva", "estudiante"], ["nuevos", "estudiantes"], ["nuevo", "alumno"],
        ["nueva", "alumna"], ["nuevos", "alumnos"], ["nuevo", "participante"], ["nueva", "participante"],
    ]

    /// "take … off/out of the list" (DROP), "put … on the list" and "sign … up" (ADD): verb, student, particle.
    static let particleVerbs: [(verb: String, particles: [[String]], action: ReplyCommand.Action)] = [
        ("take", [["off"], ["out", "of"], ["out"]], .drop), ("put", [["on"], ["in"], ["into"]], .add),
        ("sign", [["up", "for"], ["up"]], .add),
    ]

    /// A change written as one of the fixed phrasings above, or nil. Only when the words around the verb read
    /// as exactly one student (a name or a number, a grade, a date) and nothing is left after it but a
    /// program phrase or politeness; a question ("… has withdrawn?") is never a change, and a negation
    /// ("has not withdrawn", "don't take … off") matches no phrasing.
    func phrasing(_ tokens: [LineToken], line: String) -> LineResult? {
        if line.hasSuffix("?") { return nil }
        let words = tokens.indices.filter { !tokens[$0].isSeparator }
        guard words.count >= 2 else { return nil }
        func matches(_ phrase: [String], at w: Int) -> Bool {
            w + phrase.count <= words.count && phrase.indices.allSatisfy { tokens[words[w + $0]].folded == phrase[$0] }
        }
        /// Only a program phrase, politeness or nothing from token `from` on.
        func onlyTail(from: Int, program: Bool) -> Bool {
            let rest = tokens[from...]
            let end = Self.trimTrailing(rest, lo: from, hi: tokens.endIndex)
            guard end == from else { return false }
            return !program || rest.contains { ReplyVocabulary.phraseNoun.contains($0.folded) }
        }
        func one(_ slice: ArraySlice<LineToken>, _ action: ReplyCommand.Action) -> [ReplyCommand]? {
            guard case .success(let commands) = parseArgument(slice, action: action), commands.count == 1 else {
                return nil
            }
            return commands
        }

        // Leading filler ("please", "could you") is skipped for the forms that start with their verb.
        var first = 0
        while first < words.count, ReplyVocabulary.leadingFiller.contains(tokens[words[first]].folded) { first += 1 }

        // "New student: Maria Lopez, 4th grade".
        for lead in Self.newStudentLeads where matches(lead, at: 0) {
            let after = words.count > lead.count ? words[lead.count] : tokens.endIndex
            if after == tokens.endIndex { return .heading(.add) }
            return one(tokens[after...], .add).map { .outcome(.commands($0)) }
        }

        // "Please take Maria Lopez off the list".
        if first < words.count {
            for form in Self.particleVerbs where tokens[words[first]].folded == form.verb {
                for w in (first + 2)..<max(first + 2, words.count) {
                    guard let particle = form.particles.first(where: { matches($0, at: w) }) else { continue }
                    let tail = w + particle.count < words.count ? words[w + particle.count] : tokens.endIndex
                    guard onlyTail(from: tail, program: false),
                        let commands = one(tokens[(words[first] + 1)..<words[w]], form.action)
                    else { return nil }
                    return .outcome(.commands(commands))
                }
            }
        }

        // "Maria Lopez has withdrawn from our program".
        for w in 1..<words.count {
            for predicate in Self.predicates where matches(predicate.words, at: w) {
                let tail = w + predicate.words.count < words.count ? words[w + predicate.words.count] : tokens.endIndex
                guard onlyTail(from: tail, program: predicate.needsProgram),
                    let commands = one(tokens[..<words[w]], predicate.action)
                else { continue }
                return .outcome(.commands(commands))
            }
        }
        return nil
    }
}
