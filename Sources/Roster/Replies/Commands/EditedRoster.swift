/// Changes read from a copy of our roster listing that the partner edited (deleted a line, added one, or
/// wrote ADD/DROP on a line), quoted with `>` or pasted into their own text.
///
/// The listing lines of the text are grouped by quote depth: all listing lines at one depth are one copy,
/// however the partner's inline text splits them (answers written between quoted lines are not deletions).
/// A copy counts as a copy of the roster only if at least `minimumPresentFraction` of the students we sent
/// that week appear in it; otherwise nothing is inferred from missing lines (a reply that mentions one
/// student is not a request to drop all the others). Among qualifying blocks the least-quoted one wins
/// (the partner's edit over our original quoted below it), then the one with most of our students.
/// A quoted block that ends the text is not trusted for drops: the client may have cut the quote short.
public enum EditedRoster {
    public static func items(in fullText: String, sent: WeeklyRoster, minimumPresentFraction: Double = 0.5)
        -> [ReplyItem]
    {
        struct Line {
            let number: Int
            let listing: RosterListingLine
        }
        struct Block {
            var depth: Int
            var lines: [Line] = []
            var endsText = true
        }
        var blocks: [Block] = []
        var open: Block?
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
            if let listing = RosterListingLine(ReplyGrammar.stripBullets(trimmed)) {
                if open == nil || open!.depth != depth {
                    if var b = open {
                        b.endsText = false
                        blocks.append(b)
                    }
                    open = Block(depth: depth)
                }
                open!.lines.append(Line(number: index + 1, listing: listing))
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

        let active = Set(sent.active.map(\.studentNumber))
        let dropped = Set(sent.droppedSinceLastWeek.map(\.studentNumber))
        guard !active.isEmpty else { return [] }
        let needed = Int((Double(active.count) * minimumPresentFraction).rounded(.up))
        let qualifying = blocks.filter { b in
            Set(b.lines.map(\.listing.studentNumber)).intersection(active).count >= needed
        }
        guard
            let best = qualifying.min(by: { a, b in
                let ca = Set(a.lines.map(\.listing.studentNumber)).intersection(active).count
                let cb = Set(b.lines.map(\.listing.studentNumber)).intersection(active).count
                return (a.depth, -ca) < (b.depth, -cb)
            })
        else { return [] }

        var items: [ReplyItem] = []
        let grammar = ReplyGrammar()
        var present = Set<String>()
        for line in best.lines {
            let l = line.listing
            present.insert(l.studentNumber)
            let source = ReplyItem.Source.editedRoster(line: line.number)
            let text = "\(l.name) (student no. \(l.studentNumber))"
            if case .commands(let commands) = grammar.listingOutcome(l) {
                items.append(
                    ReplyItem(
                        source: source, text: ReplyGrammar.trim(lines[line.number - 1][...]),
                        outcome: .commands(commands)))
            } else if !active.contains(l.studentNumber) && !dropped.contains(l.studentNumber) {
                let words = l.name.split(whereSeparator: \.isWhitespace).map(String.init)
                items.append(
                    ReplyItem(
                        source: source, text: "added: \(text)",
                        outcome: .commands([
                            ReplyCommand(
                                action: .add, studentNumber: l.studentNumber, name: WrittenName(words: words),
                                grade: l.grade)
                        ])))
            }
        }
        if best.depth > 0 && best.endsText { return items }
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
