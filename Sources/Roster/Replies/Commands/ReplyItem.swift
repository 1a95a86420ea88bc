/// What one line of a reply (or one row of a returned CSV, or one inferred change of an edited roster)
/// amounts to, before matching against students.
public struct ReplyItem: Sendable, Hashable {
    /// Where in the reply the item comes from, for the confirmation and the `change.raw_line` column.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        /// Line `line` (1-based) of the partner's own text.
        case body(line: Int)
        /// Data row `row` (1-based, header excluded) of an attached CSV.
        case csv(filename: String, row: Int)
        /// A line of the roster listing that the partner added (`line` in the full text) or a line of ours
        /// that is missing from the partner's copy (`line` nil).
        case editedRoster(line: Int?)

        public var description: String {
            switch self {
            case .body(let line): return "line \(line)"
            case .csv(let file, let row): return "\(file) row \(row)"
            case .editedRoster(let line?): return "roster copy line \(line)"
            case .editedRoster(nil): return "roster copy"
            }
        }
    }

    /// Why a line is not a command and needs no answer.
    public enum Ignored: String, Sendable, Hashable {
        /// Empty of meaning: greeting, thanks, sign-off.
        case courtesy
        /// Ordinary sentences with no keyword and no student number.
        case prose
        /// A `>` quoted line left in the text.
        case quoted
        /// A line of our roster listing (the edited-roster comparison looks at these).
        case rosterListing
        /// `ADD:`/`DROP:` heading a list of students on the following lines.
        case heading
        /// A CSV row with an empty action column.
        case noAction
    }

    /// Why a line that looks like an attempt at a change could not be read.
    public enum Problem: String, Sendable, Hashable, Error {
        /// A keyword without a student number or name after it.
        case missingStudent
        /// More than one change on the line (two keywords, or several names).
        case severalChanges
        /// A date not written `YYYY-MM-DD`.
        case dateFormat
        /// Words after the keyword that are neither a name, a number, a grade nor a date.
        case unreadable
        /// A student number and text that looks like a change but no ADD/DROP keyword.
        case missingKeyword
        /// A CSV action other than ADD/DROP (or their Spanish words).
        case unknownAction
        /// Two different grades on one line.
        case conflictingGrades
    }

    public enum Outcome: Sendable, Hashable {
        /// One or more commands (several only for a list of student numbers: `DROP 123456, 234567`).
        case commands([ReplyCommand])
        case ignored(Ignored)
        case notUnderstood(Problem)
    }

    public var source: Source
    /// The partner's words (the line, the CSV row), echoed in the confirmation.
    public var text: String
    public var outcome: Outcome

    public init(source: Source, text: String, outcome: Outcome) {
        self.source = source
        self.text = text
        self.outcome = outcome
    }
}
