/// What a command resolves to against the school's students.
public enum MatchOutcome: Sendable, Hashable {
    /// Apply: add this student to the site, or drop them from it.
    case matched(SchoolStudent)
    /// Nothing to do: ADD of a student already on the roster.
    case alreadyDone(SchoolStudent)
    /// The CSC decides. The reason is for the CSC only (it may name other students of the school).
    case needsReview(ReviewReason)
    /// Refused, with a reason that is safe to tell the partner.
    case rejected(RejectReason)
}

/// Why a command waits for the CSC. Shown to the CSC (who may see every student of the school), never to
/// the partner: the partner only hears "could not be matched; sent to your CSC for review".
public enum ReviewReason: Sendable, Hashable {
    /// No student of the school has this number.
    case unknownNumber(String)
    /// No student of the school has this name (with this grade, if given).
    case unknownName
    /// Several students fit; their numbers.
    case ambiguous([String])
    /// The number exists but the name written with it is another student's.
    case nameDoesNotMatchNumber(SchoolStudent)
    /// The number (or the only name match) exists but the grade written differs.
    case gradeDoesNotMatch(SchoolStudent)
    /// The same reply both adds and drops this student.
    case conflictingCommands(SchoolStudent)

    /// One line for the CSC's digest.
    public var cscDescription: String {
        func who(_ s: SchoolStudent) -> String {
            "\(s.givenName) \(s.familyName) (student no. \(s.studentNumber), grade \(s.grade?.label ?? "?"))"
        }
        switch self {
        case .unknownNumber(let n): return "no student of the school has number \(n)"
        case .unknownName: return "no student of the school has this name"
        case .ambiguous(let numbers):
            return "several students fit: student no. " + numbers.joined(separator: ", ")
        case .nameDoesNotMatchNumber(let s): return "the name does not match the student number, which is \(who(s))"
        case .gradeDoesNotMatch(let s): return "the grade does not match \(who(s))"
        case .conflictingCommands(let s): return "the same reply adds and drops \(who(s))"
        }
    }
}

/// Why a command was refused. Only about the partner's own roster: safe to tell the partner.
public enum RejectReason: String, Sendable, Hashable {
    /// DROP of a student number that is not on this site's roster.
    case numberNotOnRoster
    /// DROP of a name that matches nobody on this site's roster.
    case nameNotOnRoster
}
