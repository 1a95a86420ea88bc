/// The reply being confirmed, as its headers gave it.
public struct ReplyReference: Sendable, Hashable {
    /// Normalized Message-ID (no brackets).
    public var messageID: String
    /// The reply's own `References`, oldest first, without brackets.
    public var references: [String]
    /// The decoded subject.
    public var subject: String

    public init(messageID: String, references: [String], subject: String) {
        self.messageID = messageID
        self.references = references
        self.subject = subject
    }
}
