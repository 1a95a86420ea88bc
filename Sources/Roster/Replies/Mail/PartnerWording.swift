/// The words a partner reads about each entry. The one place that decides what a partner may learn:
/// only what they wrote, and facts about students on their own roster (before or after the change).
/// Nothing here reads a `ReviewReason`: every review case reads the same, so a partner cannot tell an
/// unknown student from one at the school, in another program, or sharing a name.
public enum PartnerWording {
    static let review = "could not be matched automatically; sent to your Community School Coordinator for review."

    static func reject(_ reason: RejectReason) -> String {
        switch reason {
        case .numberNotOnRoster: return "this student number is not on your roster, so nothing was dropped."
        case .nameNotOnRoster: return "no student of that name is on your roster, so nothing was dropped."
        }
    }

    static func problem(_ p: ReplyItem.Problem) -> String {
        switch p {
        case .missingStudent: return "no student number or name after the ADD/DROP."
        case .severalChanges: return "write one change per line (one student each)."
        case .dateFormat: return "write dates as YYYY-MM-DD, e.g. effective 2026-12-04."
        case .unreadable: return "we could not read a student number or a first and last name."
        case .missingKeyword: return "start the line with ADD or DROP."
        case .unknownAction: return "the action column must be ADD or DROP (or empty)."
        case .conflictingGrades: return "two different grades on one line."
        }
    }

    /// `Maria Lopez (student no. 1000123)`: only for a student on the partner's roster.
    static func student(_ s: SchoolStudent) -> String {
        "\(s.givenName) \(s.familyName) (student no. \(s.studentNumber))"
    }

    /// The partner's words, on one line, at most 200 characters, control characters removed.
    public static func echo(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch.isNewline || ch == "\t" {
                out.append(" ")
            } else if let a = ch.asciiValue, a < 0x20 || a == 0x7F {
                continue
            } else {
                out.append(ch)
            }
            if out.count >= 200 {
                out += "…"
                break
            }
        }
        return out
    }
}
