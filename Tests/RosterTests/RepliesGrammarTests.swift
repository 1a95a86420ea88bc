import Testing

@testable import Roster

@Suite("Replies: grammar")
struct RepliesGrammarTests {
    let grammar = ReplyGrammar()

    func one(_ line: String) -> ReplyItem.Outcome? { grammar.parse(line).first?.outcome }

    static func add(_ n: String? = nil, _ name: [String]? = nil, familyFirst: Bool = false, grade: String? = nil)
        -> ReplyItem.Outcome
    {
        .commands([
            ReplyCommand(
                action: .add, studentNumber: n, name: name.map { WrittenName(words: $0, familyFirst: familyFirst) },
                grade: grade.flatMap { Grade(ceds: $0) })
        ])
    }
    static func drop(_ n: String? = nil, _ name: [String]? = nil, familyFirst: Bool = false, grade: String? = nil)
        -> ReplyItem.Outcome
    {
        .commands([
            ReplyCommand(
                action: .drop, studentNumber: n, name: name.map { WrittenName(words: $0, familyFirst: familyFirst) },
                grade: grade.flatMap { Grade(ceds: $0) })
        ])
    }

    @Test(arguments: [
        ("ADD 123456", add("123456")),
        ("add 123456", add("123456")),
        ("Add: 123456.", add("123456")),
        ("ADD #123456", add("123456")),
        ("ADD student no. 123456", add("123456")),
        ("ADD Maria Lopez, grade 4", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("ADD Maria Lopez grade 4", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("ADD Maria Lopez, 4th", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("ADD Maria Lopez (4th grade)", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("ADD Maria Lopez gr. 4", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("ADD Maria Lopez gr 4", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("ADD Maria Lopez gr4", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("ADD Maria Lopez, 4", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("ADD Maria Lopez, KG", add(nil, ["Maria", "Lopez"], grade: "KG")),
        ("ADD Maria Lopez K", add(nil, ["Maria", "Lopez"], grade: "KG")),
        ("ADD Maria Lopez, kindergarten", add(nil, ["Maria", "Lopez"], grade: "KG")),
        ("ADD Maria Lopez in fourth grade", add(nil, ["Maria", "Lopez"], grade: "04")),
        ("agregar a María López, grado 4", add(nil, ["María", "López"], grade: "04")),
        ("AÑADIR María López 4to grado", add(nil, ["María", "López"], grade: "04")),
        ("Alta: María López, cuarto grado", add(nil, ["María", "López"], grade: "04")),
        ("DROP 123456", drop("123456")),
        ("DROP Maria Lopez", drop(nil, ["Maria", "Lopez"])),
        ("DROP Lopez, Maria", drop(nil, ["Lopez", "Maria"], familyFirst: true)),
        ("DROP Maria K Lopez", drop(nil, ["Maria", "K", "Lopez"])),
        ("QUITAR 123456", drop("123456")),
        ("baja 123456", drop("123456")),
        ("ELIMINAR a Maria de la Cruz", drop(nil, ["Maria", "de", "la", "Cruz"])),
        ("remove 123456 from the program please", drop("123456")),
        ("please drop Maria Lopez from our list, thanks", drop(nil, ["Maria", "Lopez"])),
        ("pls drop 123456", drop("123456")),
        ("Por favor dar de baja a 123456", drop("123456")),
        ("- DROP 123456", drop("123456")),
        ("* DROP 123456", drop("123456")),
        ("• DROP 123456", drop("123456")),
        ("1. DROP 123456", drop("123456")),
        ("12) DROP 123456", drop("123456")),
        ("DROP Mary-Jane O'Neil", drop(nil, ["Mary-Jane", "O'Neil"])),
        ("123456 DROP", drop("123456")),
        ("ADD 123456 Maria Lopez", add("123456", ["Maria", "Lopez"])),
    ])
    func commands(_ line: String, _ expected: ReplyItem.Outcome) {
        #expect(one(line) == expected, "\(line)")
    }

    @Test func effectiveDate() {
        let day = CalendarDay(year: 2026, month: 12, day: 4)!
        for line in [
            "DROP 123456 effective 2026-12-04", "DROP 123456, effective 2026-12-04", "DROP 123456 as of 2026-12-04",
            "DROP 123456 2026-12-04", "baja 123456 a partir de 2026-12-04",
        ] {
            guard case .commands(let c)? = one(line) else {
                Issue.record("\(line) not a command")
                continue
            }
            #expect(c == [ReplyCommand(action: .drop, studentNumber: "123456", effective: day)], "\(line)")
        }
    }

    @Test(arguments: [
        ("ADD", ReplyItem.Outcome.ignored(.heading)),
        ("Please add the following students:", .ignored(.heading)),
        ("ADD 123456 DROP 234567", .notUnderstood(.severalChanges)),
        ("DROP 123456 effective 12/04/2026", .notUnderstood(.dateFormat)),
        ("DROP Maria Lopez effective Dec 4", .notUnderstood(.dateFormat)),
        ("ADD Maria Lopez, grade 4, grade 5", .notUnderstood(.conflictingGrades)),
        ("ADD Maria Lopez, Juan Perez, Ana Ruiz", .notUnderstood(.severalChanges)),
        ("DROP Maria", .notUnderstood(.unreadable)),
        ("DROP 12", .notUnderstood(.unreadable)),
        ("123456 is not coming anymore", .notUnderstood(.missingKeyword)),
        ("Maria Lopez dropped out of soccer", .notUnderstood(.missingKeyword)),  // "dropped out" alone is a drop
        ("Please remove me from this list", .notUnderstood(.unreadable)),
        ("Hi Morgan,", .ignored(.courtesy)),
        ("Thanks!", .ignored(.courtesy)),
        ("Saludos cordiales", .ignored(.courtesy)),
        ("The kids loved the field trip.", .ignored(.prose)),
        ("I want to add that it was fun.", .ignored(.prose)),
        ("La asistencia fue alta.", .ignored(.prose)),
        ("> DROP 123456", .ignored(.quoted)),
        ("- Maria Lopez (student no. 123456, grade 4, release on file: yes)", .ignored(.rosterListing)),
        ("Call me at 555-123-4567", .ignored(.prose)),
        ("Room 204 on Tuesdays", .ignored(.prose)),
        ("Don't drop 123456", .notUnderstood(.missingKeyword)),
    ])
    func others(_ line: String, _ expected: ReplyItem.Outcome) {
        #expect(one(line) == expected, "\(line)")
    }

    @Test func everyNonEmptyLineHasAnOutcomeAndLineNumbers() {
        let items = grammar.parse("Hi,\r\n\r\nADD 123456\r\n\r\nthanks\n  \nAna")
        #expect(items.map(\.source) == [.body(line: 1), .body(line: 3), .body(line: 5), .body(line: 7)])
        #expect(items.map(\.text) == ["Hi,", "ADD 123456", "thanks", "Ana"])
    }

    @Test func headingAppliesUntilABlankLineOrAnotherKind() {
        let items = grammar.parse("Drop:\n- 123456\n- Maria Lopez\n\n- 234567")
        #expect(
            items.map(\.outcome) == [
                .ignored(.heading), Self.drop("123456"), Self.drop(nil, ["Maria", "Lopez"]),
                .notUnderstood(.missingKeyword),
            ])
    }

    @Test func studentNumberLengthIsConfigurable() {
        let g = ReplyGrammar(studentNumberLength: 4...4)
        #expect(g.parse("DROP 1234").first?.outcome == Self.drop("1234"))
        #expect(g.parse("DROP 123456").first?.outcome == .notUnderstood(.unreadable))
    }

    /// No backtracking: a long hostile line and many lines parse in linear time.
    @Test func linearOnLargeInput() {
        let longLine = "ADD " + String(repeating: "a, ", count: 100_000)
        let many = String(repeating: "ADD 123456 Maria Lopez, grade 4 effective 2026-12-04\n", count: 20_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = grammar.parse(longLine)
            _ = grammar.parse(many)
        }
        #expect(elapsed < .seconds(10))
    }

    @Test func folding() {
        #expect(TextFolding.fold("José MUÑOZ") == "jose munoz")
        #expect(TextFolding.fold("Ørsted Łukasz Straße Æsir") == "orsted lukasz strasse aesir")
        #expect(TextFolding.nameWords("O’Brien-Smith") == ["obrien", "smith"])
    }
}
