/// One outcome of a reply for the confirmation and the `change` table: a command with its resolution, or a
/// line that was not understood. Ignored lines (greetings, prose) have no entry.
public struct ResolvedEntry: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        /// Apply this change (store: participation + `change` row `applied`).
        case apply(SchoolStudent)
        /// Nothing to change: the student is already on the roster.
        case alreadyDone(SchoolStudent)
        /// `change` row `needs_review`; the CSC's daily digest lists it.
        case needsReview(ReviewReason)
        /// `change` row `rejected` with this reason.
        case rejected(RejectReason)
        /// No change; listed back to the partner.
        case notUnderstood(ReplyItem.Problem)
        /// The same change as an earlier entry of this reply (a line and the CSV row, say): no second row.
        case duplicate(of: ReplyItem.Source)
    }

    public var source: ReplyItem.Source
    /// The partner's words.
    public var text: String
    public var command: ReplyCommand?
    public var status: Status

    public init(source: ReplyItem.Source, text: String, command: ReplyCommand?, status: Status) {
        self.source = source
        self.text = text
        self.command = command
        self.status = status
    }
}
