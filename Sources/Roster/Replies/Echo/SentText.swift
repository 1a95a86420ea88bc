/// The text of the emails we sent that a reply may quote back: the roster email of the reply's site and week,
/// and every email of ours its `In-Reply-To`/`References` name (a confirmation, a digest, an alert). Each email
/// counts twice, as its text part and as its HTML part turned into text, because a client quotes either.
///
/// A line of a reply that is one of these lines (after quote marks, list bullets and runs of blanks are
/// removed) is our text, whatever the template says and wherever an admin moved it: the "no longer in your
/// program" list, the instructions with their `ADD 123456` examples, the CSC line, the signature, a quoted
/// confirmation. Only the listing lines of the students the roster listed are a roster copy
/// (`EditedRoster`); nothing else of ours ever becomes a change.
public struct SentText: Sendable {
    /// Normalized lines of our emails (`normalized(_:)`), blank lines left out.
    public private(set) var lines: Set<String> = []
    /// Every word of digits (5 or more) in our emails: the student numbers we showed, in any section.
    public private(set) var numbers: Set<String> = []

    public init(texts: [String]) {
        for text in texts {
            for line in text.split(whereSeparator: \.isNewline) {
                let n = Self.normalized(line)
                guard !n.isEmpty else { continue }
                lines.insert(n)
                numbers.formUnion(Self.numberWords(n))
            }
        }
    }

    /// The words of `line` made of 5 or more ASCII digits (student numbers; shorter runs are grades, dates).
    static func numberWords(_ line: some StringProtocol) -> [String] {
        var out: [String] = []
        var run: [UInt8] = []
        var inWord = false
        func close() {
            if run.count >= 5 && !inWord { out.append(String(decoding: run, as: UTF8.self)) }
            run = []
            inWord = false
        }
        for b in line.utf8 {
            if b >= 0x30 && b <= 0x39 {
                run.append(b)
            } else if (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80 {
                inWord = true  // a digit run glued to letters ("ab12345") is not a number word
            } else {
                close()
            }
        }
        close()
        return out
    }

    public var isEmpty: Bool { lines.isEmpty }

    /// `line` (quoted or not) is a line of ours.
    public func contains(_ line: some StringProtocol) -> Bool {
        !lines.isEmpty && lines.contains(Self.normalized(Substring(line)))
    }

    /// The line without `>` quote marks, list bullets (`-`, `*`, `•`, numbering) and surrounding blanks, with
    /// every run of blanks (tabs, no-break spaces) as one space: how a client may re-indent or re-bullet it.
    public static func normalized(_ line: Substring) -> String {
        var s = line
        while true {
            s = s.drop { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
            guard s.first == ">" else { break }
            s = s.dropFirst()
        }
        let trimmed = ReplyGrammar.trim(s)
        guard !trimmed.isEmpty else { return "" }
        let body = ReplyGrammar.stripBullets(trimmed)
        var out = ""
        out.reserveCapacity(body.utf8.count)
        var blank = false
        for c in body {
            if c.isWhitespace || c == "\u{200B}" {
                blank = true
            } else {
                if blank && !out.isEmpty { out.append(" ") }
                blank = false
                out.append(c)
            }
        }
        return out
    }

    /// `ownText` with every run of at least `minimumRun` lines of ours (blank lines inside a run do not break
    /// it) blanked out, line numbers kept: a pasted original whose quote header the trimmer did not recognise
    /// (a client in a language we do not know, a header the partner deleted). A partner's single line that
    /// happens to equal one of ours (`DROP 123456` after our example) is theirs.
    public func withoutOurRuns(_ ownText: String, minimumRun: Int = 3) -> String {
        guard !lines.isEmpty else { return ownText }
        var rows = ownText.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var run: [Int] = []
        func close() {
            if run.count >= minimumRun { for k in run { rows[k] = "" } }
            run = []
        }
        for (k, row) in rows.enumerated() {
            let n = Self.normalized(row[...])
            if n.isEmpty { continue }
            if lines.contains(n) { run.append(k) } else { close() }
        }
        close()
        return rows.joined(separator: "\n")
    }
}
