import Testing

@testable import Roster

@Suite("Replies: student matching")
struct RepliesMatcherTests {
    let m = ReplyFixture.matcher

    static func name(_ s: String) -> WrittenName { WrittenName(words: s.split(separator: " ").map(String.init)) }

    func outcome(_ action: ReplyCommand.Action, number: String? = nil, name: String? = nil, grade: String? = nil)
        -> String
    {
        let c = ReplyCommand(
            action: action, studentNumber: number, name: name.map(Self.name), grade: grade.flatMap { Grade(ceds: $0) })
        switch m.match(c) {
        case .matched(let s): return "matched \(s.studentNumber)"
        case .alreadyDone(let s): return "done \(s.studentNumber)"
        case .needsReview(let r):
            switch r {
            case .ambiguous(let n): return "review ambiguous \(n.joined(separator: ","))"
            case .unknownName: return "review unknownName"
            case .unknownNumber: return "review unknownNumber"
            case .nameDoesNotMatchNumber: return "review nameMismatch"
            case .gradeDoesNotMatch(let s): return "review grade \(s.studentNumber)"
            case .conflictingCommands: return "review conflict"
            }
        case .rejected(let r): return "rejected \(r.rawValue)"
        }
    }

    @Test(arguments: [
        (ReplyCommand.Action.add, "1000202", nil as String?, nil as String?, "matched 1000202"),
        (.add, "1000101", nil, nil, "done 1000101"),
        (.add, "9999999", nil, nil, "review unknownNumber"),
        (.add, "12345", nil, nil, "matched 0012345"),
        (.add, "1000202", "Emma Johnson", "03", "matched 1000202"),
        (.add, "1000202", "Lucas Nguyen", nil, "review nameMismatch"),
        (.add, "1000202", nil, "05", "review grade 1000202"),
        (.drop, "1000101", nil, nil, "matched 1000101"),
        (.drop, "1000202", nil, nil, "rejected numberNotOnRoster"),
        (.drop, "9999999", nil, nil, "rejected numberNotOnRoster"),
    ])
    func byNumber(_ a: ReplyCommand.Action, _ n: String?, _ name: String?, _ grade: String?, _ expected: String) {
        #expect(outcome(a, number: n, name: name, grade: grade) == expected)
    }

    @Test(arguments: [
        (ReplyCommand.Action.add, "Lucas Nguyen", nil as String?, "matched 1000203"),
        (.add, "LUCAS NGUYEN", nil, "matched 1000203"),
        (.add, "Nguyen Lucas", nil, "matched 1000203"),
        (.add, "Mateo Hernandez", nil, "matched 1000205"),
        (.add, "Juan Perez", nil, "matched 1000209"),
        (.add, "Juan Carlos Perez Gomez", nil, "matched 1000209"),
        (.add, "Carlos Gomez", nil, "matched 1000209"),
        (.add, "Van Tran", nil, "matched 1000206"),
        (.add, "Maria Lopez", nil, "review ambiguous 1000101,1000201"),
        (.add, "Maria Lopez", "05", "matched 1000201"),
        (.add, "Maria Lopez", "04", "done 1000101"),
        (.add, "Emma Johnson", nil, "review ambiguous 1000202,1000208"),
        (.add, "Emma Johnson", "03", "matched 1000202"),
        (.add, "Emma Johnson", "01", "review unknownName"),
        (.add, "Lucas Nguyen", "02", "review grade 1000203"),
        (.add, "Lucas", nil, "review unknownName"),
        (.add, "Peter Parker", nil, "review unknownName"),
        (.drop, "Maria Lopez", nil, "matched 1000101"),
        (.drop, "José Muñoz", nil, "matched 1000102"),
        (.drop, "Jose Munoz", nil, "matched 1000102"),
        (.drop, "Ana Maria Garcia Perez", nil, "matched 1000103"),
        (.drop, "Ana García", nil, "matched 1000103"),
        (.drop, "Liam O'Brien", nil, "matched 1000104"),
        (.drop, "Liam OBrien", nil, "matched 1000104"),
        (.drop, "Sofia Cruz", nil, "matched 1000105"),
        (.drop, "Sofia de la Cruz", nil, "matched 1000105"),
        (.drop, "Emma Johnson", nil, "rejected nameNotOnRoster"),
    ])
    func byName(_ a: ReplyCommand.Action, _ name: String, _ grade: String?, _ expected: String) {
        #expect(outcome(a, name: name, grade: grade) == expected, "\(name)")
    }
}
