/// All the items of one reply: the partner's own lines (grammar), returned roster CSV files, and changes
/// read from an edited copy of the roster listing.
public struct ReplyExtractor: Sendable {
    public var grammar: ReplyGrammar
    /// Share of the sent roster that must be present before missing lines count as drops.
    public var minimumPresentFraction: Double

    public init(grammar: ReplyGrammar = ReplyGrammar(), minimumPresentFraction: Double = 0.5) {
        self.grammar = grammar
        self.minimumPresentFraction = minimumPresentFraction
    }

    /// - Parameters:
    ///   - ownText: the partner's own words (MailMessage's reply trimming of the text part).
    ///   - fullText: the whole text part including quotes, for the edited-roster comparison; `nil` to skip it.
    ///   - attachments: attachments whose name ends in `.csv` (or `.txt`); other files are the caller's.
    ///   - sentRoster: the roster we sent for the token's week, `nil` when unknown (no edited-roster diff).
    ///   - sentText: the text of our emails the reply may quote (`SentText`): runs of it left in the own text
    ///     (a pasted original whose header was not recognised) are not read, and only its listing lines count
    ///     as a roster copy.
    public func extract(
        ownText: String, fullText: String?, attachments: [(filename: String, bytes: [UInt8])],
        sentRoster: WeeklyRoster?, sentText: SentText? = nil
    ) -> [ReplyItem] {
        var items = grammar.parse(sentText?.withoutOurRuns(ownText) ?? ownText)
        for file in attachments {
            if let rows = ReturnedRosterCSV.items(file.bytes, filename: file.filename) { items += rows }
        }
        if let fullText, let sentRoster {
            items += EditedRoster.items(
                in: fullText, sent: sentRoster, sentText: sentText, minimumPresentFraction: minimumPresentFraction)
        }
        return items
    }
}
