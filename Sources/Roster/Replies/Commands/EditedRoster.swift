/// Changes read from a copy of our roster listing that the partner edited (deleted a line, added one, or
/// wrote ADD/DROP on a line), quoted with `>`, in a `<blockquote>`, or pasted into their own text.
///
/// Only the listing of the students the roster listed is a roster copy. With the text of what we sent
/// (`SentText`), a line of the reply is:
/// - a line of ours that mentions one student we listed: that student's listing line, unchanged;
/// - any other line of ours (the "no longer in your program" list, the instructions and their `ADD 123456`
///   examples, the CSC line, the signature, a quoted confirmation or digest): never a change, whatever the
///   template calls it or wherever an admin moved it;
/// - not ours but a listing line (`RosterListingLine`): the partner's edit — a keyword on it is a command, a
///   student we did not show anywhere is an add (a student of our "no longer" list is not: that needs an
///   explicit ADD).
///
/// The listing lines of the text are grouped by quote depth: all listing lines at one depth are one copy,
/// however the partner's inline text splits them (answers written between quoted lines are not deletions).
/// A copy counts as a copy of the roster only if at least `minimumPresentFraction` of the students we listed
/// that week appear in it; otherwise nothing is inferred from missing lines (a reply that mentions one
/// student is not a request to drop all the others). Among qualifying blocks the least-quoted one wins
/// (the partner's edit over our original quoted below it), then the one with most of our students.
/// A student is missing from a copy only when their number appears on no line at that depth (a client that
/// wrapped a long line has not deleted it). A quoted block that ends the text is not trusted for drops: the
/// client may have cut the quote short.
public enum EditedRoster {
    public static func items(
        in fullText: String, sent: WeeklyRoster, sentText: SentText? = nil, minimumPresentFraction: Double = 0.5
    ) -> [ReplyItem] {
        let active = Set(sent.active.map(\.studentNumber))
        guard !active.isEmpty else { return [] }
        let ours = sentText.flatMap { $0.isEmpty ? nil : $0 }
        // Students we showed outside the listing (the "no longer" list), by the snapshot or by our own text.
        let shownElsewhere = Set(sent.droppedSinceLastWeek.map(\.studentNumber)).union(ours?.numbers ?? [])

        enum Kind {
            /// A listing line of ours, unchanged: this student is present.
            case unchanged(String)
            /// A listing line the partner wrote or changed.
            case edited(RosterListingLine)
        }
        struct Line {
            let number: Int
            let kind: Kind
            var studentNumber: String {
                switch kind {
                case .unchanged(let n): return n
                case .edited(let l): return l.studentNumber
                }
            }
        }
        struct Block {
            var depth: Int
            var lines: [Line] = []
            var endsText = true
        }
        var blocks: [Block] = []
        var open: Block?
        var mentioned: [Int: Set<String>] = [:]
        let lines = fullText.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, raw) in lines.enumerated() {
            var s = Substring(raw)
            var depth = 0
            while true {
                s = s.drop { $0 == " " || $0 == "\t" }
                guard s.first == ">" else { break }
                depth += 1
                s = s.dropFirst()
            }
            let trimmed = ReplyGrammar.trim(s)
            if trimmed.isEmpty { continue }
            let numbers = SentText.numberWords(trimmed).filter(active.contains)
            mentioned[depth, default: []].formUnion(numbers)
            var kind: Kind?
            if let ours, ours.contains(trimmed) {
                if Set(numbers).count == 1 { kind = .unchanged(numbers[0]) }
            } else if let listing = RosterListingLine(ReplyGrammar.stripBullets(trimmed)) {
                kind = .edited(listing)
            }
            if let kind {
                if open == nil || open!.depth != depth {
                    if var b = open {
                        b.endsText = false
                        blocks.append(b)
                    }
                    open = Block(depth: depth)
                }
                open!.lines.append(Line(number: index + 1, kind: kind))
            } else if var b = open {
                b.endsText = false
                blocks.append(b)
                open = nil
            }
        }
        if let b = open { blocks.append(b) }
        // One copy per quote depth: inline answers between quoted listing lines do not delete the lines after.
        var byDepth: [Int: Block] = [:]
        for b in blocks {
            var merged = byDepth[b.depth] ?? Block(depth: b.depth)
            merged.lines += b.lines
            merged.endsText = b.endsText
            byDepth[b.depth] = merged
        }
        blocks = byDepth.values.sorted { $0.depth < $1.depth }

        let needed = Int((Double(active.count) * minimumPresentFraction).rounded(.up))
        func listed(_ b: Block) -> Int { Set(b.lines.map(\.studentNumber)).intersection(active).count }
        let qualifying = blocks.filter { listed($0) >= needed }
        guard let best = qualifying.min(by: { a, b in (a.depth, -listed(a)) < (b.depth, -listed(b)) }) else {
            return []
        }

        var items: [ReplyItem] = []
        let grammar = ReplyGrammar()
        for line in best.lines {
            guard case .edited(let l) = line.kind else { continue }
            let source = ReplyItem.Source.editedRoster(line: line.number)
            if case .commands(let commands) = grammar.listingOutcome(l) {
                items.append(
                    ReplyItem(
                        source: source, text: ReplyGrammar.trim(lines[line.number - 1][...]),
                        outcome: .commands(commands)))
            } else if !active.contains(l.studentNumber) && !shownElsewhere.contains(l.studentNumber) {
                let words = l.name.split(whereSeparator: \.isWhitespace).map(String.init)
                items.append(
                    ReplyItem(
                        source: source, text: "added: \(l.name) (student no. \(l.studentNumber))",
                        outcome: .commands([
                            ReplyCommand(
                                action: .add, studentNumber: l.studentNumber, name: WrittenName(words: words),
                                grade: l.grade)
                        ])))
            }
        }
        if best.depth > 0 && best.endsText { return items }
        let present = mentioned[best.depth] ?? []
        for entry in sent.active where !present.contains(entry.studentNumber) {
            items.append(
                ReplyItem(
                    source: .editedRoster(line: nil),
                    text: "removed: \(entry.givenName) \(entry.familyName) (student no. \(entry.studentNumber))",
                    outcome: .commands([
                        ReplyCommand(
                            action: .drop, studentNumber: entry.studentNumber,
                            name: WrittenName(words: [entry.givenName, entry.familyName]), grade: entry.grade)
                    ])))
        }
        return items
    }
}
