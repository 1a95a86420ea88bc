import Testing

@testable import Roster

/// The grammar on lines written as prose: sentences, upper-case keywords inside a sentence, and a reason
/// written after a command (kept as the command's note, never read as a name, a grade or a date).
@Suite("Replies: grammar in prose")
struct RepliesGrammarProseTests {
    let grammar = ReplyGrammar()

    func one(_ line: String) -> ReplyItem.Outcome? { grammar.parse(line).first?.outcome }

    static func drop(_ n: String? = nil, _ name: [String]? = nil, note: String? = nil) -> ReplyCommand {
        ReplyCommand(action: .drop, studentNumber: n, name: name.map { WrittenName(words: $0) }, note: note)
    }
    static func add(_ n: String? = nil, _ name: [String]? = nil, grade: String? = nil, note: String? = nil)
        -> ReplyCommand
    {
        ReplyCommand(
            action: .add, studentNumber: n, name: name.map { WrittenName(words: $0) },
            grade: grade.flatMap { Grade(ceds: $0) }, note: note)
    }

    // MARK: Sentences

    @Test(arguments: [
        (
            "Please add Ana Ruiz, grade 4. He starts Wednesday.",
            ["Please add Ana Ruiz, grade 4.", "He starts Wednesday."]
        ),
        ("Add Ana Ruiz, gr. K. She starts Monday.", ["Add Ana Ruiz, gr. K.", "She starts Monday."]),
        ("Room 12. Then DROP 123456.", ["Room 12.", "Then DROP 123456."]),
        ("Please drop 123456? He moved.", ["Please drop 123456?", "He moved."]),
        ("Dr. Smith called.", ["Dr. Smith called."]),
        ("Ask Mr. Lee or Sra. Ruiz, e.g. Monday.", ["Ask Mr. Lee or Sra. Ruiz, e.g. Monday."]),
        ("DROP Maria K. Lopez. She moved.", ["DROP Maria K. Lopez.", "She moved."]),
        ("Call St. Mary's (i.e. Jr. High) today.", ["Call St. Mary's (i.e. Jr. High) today."]),
        ("grade 4. he starts Monday", ["grade 4. he starts Monday"]),
        ("version 4.5 is out", ["version 4.5 is out"]),
    ])
    func sentences(_ line: String, _ expected: [String]) {
        #expect(ReplyGrammar.sentences(line) == expected, "\(line)")
    }

    @Test func aGradeNumberEndsTheSentenceAndTheCommandIsRead() {
        #expect(
            one("Please add Ángel Gutiérrez, grade 4. He starts Wednesday.")
                == .commands([Self.add(nil, ["Ángel", "Gutiérrez"], grade: "04")]))
        #expect(
            one("Please add Ana Ruiz, grade K. She starts Monday.")
                == .commands([Self.add(nil, ["Ana", "Ruiz"], grade: "KG")]))
    }

    @Test func anAbbreviationDoesNotEndTheSentence() {
        // "Dr." does not split: "Smith said …" is not a sentence of its own, and nothing is read as a name.
        #expect(one("Dr. Smith says hi.") == .ignored(.prose))
        #expect(one("Please call Dr. Smith. DROP 123456.") == .commands([Self.drop("123456")]))
        #expect(one("ADD Maria K. Lopez. She is new.") == .commands([Self.add(nil, ["Maria", "K", "Lopez"])]))
    }

    // MARK: Upper-case keywords inside a sentence

    @Test func upperCaseKeywordsInsideSentencesAreReadPerSentence() {
        let line =
            "Hi Morgan and team, hope your week is going well. Two changes from our side. Noah's family moved, so "
            + "please DROP 1000106. We also have a new student who joined on Thursday: ADD 1000203."
        #expect(one(line) == .commands([Self.drop("1000106"), Self.add("1000203")]))
        #expect(
            one("Noah's family moved, so please DROP Noah Williams.")
                == .commands([Self.drop(nil, ["Noah", "Williams"])]))
        #expect(one("La familia se mudó, por favor BAJA 123456.") == .commands([Self.drop("123456")]))
    }

    @Test(arguments: [
        // Lower case keywords in prose are not commands (an attempt word like "add"/"drop" outside the keyword
        // position makes the line reported as not understood, never applied).
        ("I'd like to add that the kids loved it.", ReplyItem.Outcome.ignored(.prose)),
        ("We will add more activities next week.", .ignored(.prose)),
        ("Maybe we could add a second session. The kids loved it.", .notUnderstood(.missingKeyword)),
        ("We had to drop the field trip because of rain.", .notUnderstood(.missingKeyword)),
        ("Ella es muy ALTA para su edad.", .ignored(.prose)),
        // A negation before the keyword, or an all upper-case sentence: nothing applied, the line is reported.
        ("Please don't DROP 123456, he is staying.", .notUnderstood(.missingKeyword)),
        ("We do NOT want to DROP 123456.", .notUnderstood(.missingKeyword)),
        ("NOAH MOVED SO DROP 123456", .notUnderstood(.missingKeyword)),
        // A command sentence and an unclear one on the same line: nothing is applied, the line is reported.
        ("We had to drop the trip. DROP 123456.", .notUnderstood(.severalChanges)),
        ("Two keywords: DROP 123456 and ADD 234567.", .notUnderstood(.missingKeyword)),
    ])
    func proseThatIsNotACommand(_ line: String, _ expected: ReplyItem.Outcome) {
        #expect(one(line) == expected, "\(line)")
    }

    // MARK: A reason after the command

    @Test(arguments: [
        ("DROP 1000102 - moved to another school", [drop("1000102", note: "moved to another school")]),
        ("Drop 1000105 (family moved)", [drop("1000105", note: "family moved")]),
        ("Baja 1000103, se cambió de escuela", [drop("1000103", note: "se cambió de escuela")]),
        ("DROP 1000108 (Ethan moved to Texas)", [drop("1000108", note: "Ethan moved to Texas")]),
        ("DROP 123456 because the family moved", [drop("123456", note: "because the family moved")]),
        ("Dar de baja a 123456 porque se mudó", [drop("123456", note: "porque se mudó")]),
        ("DROP 123456 moved away", [drop("123456", note: "moved away")]),
        ("DROP 123456 – no longer attending", [drop("123456", note: "no longer attending")]),
        ("DROP 123456, 234567 - moved", [drop("123456", note: "moved"), drop("234567", note: "moved")]),
        ("DROP 123456 (withdrawn)", [drop("123456", note: "withdrawn")]),
        ("DROP 123456 [at mom's request]", [drop("123456", note: "at mom's request")]),
        ("DROP Maria Lopez (family moved)", [drop(nil, ["Maria", "Lopez"], note: "family moved")]),
        ("ADD Maria Lopez, the new girl", [add(nil, ["Maria", "Lopez"], note: "the new girl")]),
        ("ADD 123456 (new student), grade 4", [add("123456", grade: "04", note: "new student")]),
    ])
    func aReasonIsTheNote(_ line: String, _ expected: [ReplyCommand]) {
        #expect(one(line) == .commands(expected), "\(line)")
    }

    @Test func aReasonKeepsTheDateAfterIt() {
        let day = CalendarDay(year: 2026, month: 12, day: 4)!
        #expect(
            one("DROP 123456 (moved) effective 2026-12-04")
                == .commands([ReplyCommand(action: .drop, studentNumber: "123456", effective: day, note: "moved")]))
    }

    /// A name in a reason is never a command: only the student before the reason is added or dropped.
    @Test(arguments: [
        ("DROP 123456 - moving in with Maria Lopez", [drop("123456", note: "moving in with Maria Lopez")]),
        ("DROP 123456 because his sister Ana Ruiz left", [drop("123456", note: "because his sister Ana Ruiz left")]),
        ("Baja 123456 porque se mudó con Ana Ruiz", [drop("123456", note: "porque se mudó con Ana Ruiz")]),
        ("DROP Maria Lopez - Ana Ruiz moved too", [drop(nil, ["Maria", "Lopez"], note: "Ana Ruiz moved too")]),
        (
            "ADD 123456 (his family moved from Ana Ruiz's school)",
            [add("123456", note: "his family moved from Ana Ruiz's school")]
        ),
    ])
    func aNameInAReasonIsNotAStudent(_ line: String, _ expected: [ReplyCommand]) {
        #expect(one(line) == .commands(expected), "\(line)")
    }

    /// What follows the number is a name check, a grade or a date, not a note: these are read as before.
    @Test(arguments: [
        ("DROP 123456 (Maria Lopez)", [drop("123456", ["Maria", "Lopez"])]),
        ("DROP 123456 - Maria Lopez - moved", [drop("123456", ["Maria", "Lopez"], note: "moved")]),
        ("DROP 123456, grade 4", [ReplyCommand(action: .drop, studentNumber: "123456", grade: Grade(ceds: "04"))]),
        ("DROP 123456 - 234567", [drop("123456"), drop("234567")]),
    ])
    func notANote(_ line: String, _ expected: [ReplyCommand]) {
        #expect(one(line) == .commands(expected), "\(line)")
    }

    /// A "reason" that could carry a change is not a note: the line is reported, nothing is applied from it.
    @Test(arguments: [
        ("DROP 123456 - ADD 234567", ReplyItem.Problem.severalChanges),
        ("DROP 123456 (family moved, please add 234567)", .severalChanges),
        ("DROP 123456 (effective 12/04/2026)", .dateFormat),
        ("DROP 123456 - no wait, keep him", .unreadable),
        ("DROP 123456 - he moved, last day is Friday", .unreadable),
        ("Baja 123456, se muda, hasta el viernes", .unreadable),
    ])
    func aReasonThatCouldChangeSomethingIsNotANote(_ line: String, _ problem: ReplyItem.Problem) {
        #expect(one(line) == .notUnderstood(problem), "\(line)")
    }

    @Test func noteSearchIsLinear() {
        let line = "DROP 123456 " + String(repeating: "moved, (a - ", count: 50_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = grammar.parse(line) }
        #expect(elapsed < .seconds(10))
    }
}

/// Phrasings partners write without ADD/DROP (issue 9): read where the verb is clear and one student is named;
/// everything else stays what it was (not understood, or prose).
@Suite("Replies: grammar of keyword-free phrasings")
struct RepliesGrammarPhrasingTests {
    let grammar = ReplyGrammar()
    func one(_ line: String) -> ReplyItem.Outcome? { grammar.parse(line).first?.outcome }
    typealias P = RepliesGrammarProseTests

    @Test(arguments: [
        ("New student: Maria Lopez, 4th grade", P.add(nil, ["Maria", "Lopez"], grade: "04")),
        ("New student - 1000123", P.add("1000123")),
        ("Nuevo estudiante: José Pérez, 3er grado", P.add(nil, ["José", "Pérez"], grade: "03")),
        ("Maria Lopez has withdrawn from our program", P.drop(nil, ["Maria", "Lopez"])),
        ("Maria Lopez has withdrawn.", P.drop(nil, ["Maria", "Lopez"])),
        ("1000123 withdrew", P.drop("1000123")),
        ("Maria Lopez has left the program", P.drop(nil, ["Maria", "Lopez"])),
        ("Maria Lopez dropped out", P.drop(nil, ["Maria", "Lopez"])),
        ("Maria Lopez is no longer in our club", P.drop(nil, ["Maria", "Lopez"])),
        ("Maria Lopez is no longer attending", P.drop(nil, ["Maria", "Lopez"])),
        ("María López ya no asiste", P.drop(nil, ["María", "López"])),
        ("María López se retiró del programa", P.drop(nil, ["María", "López"])),
        ("Please take Maria Lopez off the list", P.drop(nil, ["Maria", "Lopez"])),
        ("Could you take 1000123 out of the program?  Thanks", P.drop("1000123")),
        ("Please put Maria Lopez, grade 4 on the roster", P.add(nil, ["Maria", "Lopez"], grade: "04")),
        ("Maria Lopez has joined our program", P.add(nil, ["Maria", "Lopez"])),
        ("Please sign Maria Lopez up for the club", P.add(nil, ["Maria", "Lopez"])),
    ])
    func read(_ line: String, _ command: ReplyCommand) {
        #expect(one(line) == .commands([command]), "\(line)")
    }

    @Test("never guessed: questions, negations, other verbs, other objects")
    func notGuessed() {
        for line in [
            "Has Maria Lopez withdrawn from the program?", "Maria Lopez has withdrawn?",
            "Maria Lopez has not withdrawn", "Please don't take Maria Lopez off the list",
            "Maria Lopez has left", "Maria Lopez left her jacket in room 4", "Maria Lopez joined us late today",
            "New student orientation is on Monday", "I think Maria Lopez has withdrawn from our program",
            "Take the kids off the bus at 3", "Maria Lopez and Ana Ruiz have withdrawn",
        ] {
            if case .commands(let c) = one(line) { Issue.record("\(line) → \(c)") }
        }
        // A heading, as with "Add:": the lines after it take the action.
        #expect(
            grammar.parse("New students:\n- Maria Lopez, grade 4\n- 1000456").map(\.outcome).suffix(2) == [
                .commands([P.add(nil, ["Maria", "Lopez"], grade: "04")]), .commands([P.add("1000456")]),
            ])
    }
}
