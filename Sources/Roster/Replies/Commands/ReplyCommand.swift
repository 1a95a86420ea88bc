/// One change a partner asked for: add or drop one student, named by student number or by name.
public struct ReplyCommand: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case add = "ADD"
        case drop = "DROP"
    }

    public var action: Action
    /// The student number as written (digits), when the partner gave one.
    public var studentNumber: String?
    /// The name as written, when the partner gave one (with a number it is a check on the number).
    public var name: WrittenName?
    /// The grade as written, when given: narrows a name match, must agree with a number match.
    public var grade: Grade?
    /// `effective YYYY-MM-DD`, when given.
    public var effective: CalendarDay?
    /// A reason or comment written after the student ("moved to another school"), as written: never matched.
    public var note: String?

    public init(
        action: Action, studentNumber: String? = nil, name: WrittenName? = nil, grade: Grade? = nil,
        effective: CalendarDay? = nil, note: String? = nil
    ) {
        self.action = action
        self.studentNumber = studentNumber
        self.name = name
        self.grade = grade
        self.effective = effective
        self.note = note
    }
}

/// A student's name as the partner wrote it.
public struct WrittenName: Sendable, Hashable, CustomStringConvertible {
    /// The words as written (original case and accents), without commas.
    public var words: [String]
    /// `true` when written `Family, Given` (a comma after the first part).
    public var familyFirst: Bool

    public init(words: [String], familyFirst: Bool = false) {
        self.words = words
        self.familyFirst = familyFirst
    }

    /// `Maria Lopez`, or `Lopez, Maria` when written family first.
    public var description: String {
        guard familyFirst, let first = words.first else { return words.joined(separator: " ") }
        return ([first + ","] + words.dropFirst()).joined(separator: " ")
    }
}
