import Foundation

/// Everything needed to write one RFC 5322 message; `MessageWriter.render` validates and writes it.
public struct OutgoingMessage: Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: [MailAddress]
    public var subject: String
    public var date: Date
    /// The zone the Date header is written in, e.g. "Mon, 30 Nov 2026 07:00:00 -0600".
    public var timeZone: TimeZone
    /// Without angle brackets: "id-left@id-right".
    public var messageID: String
    /// Without angle brackets.
    public var inReplyTo: String?
    /// Without angle brackets, oldest first.
    public var references: [String]
    /// Written after References, in order; e.g. ("Auto-Submitted", "auto-generated").
    public var extraHeaders: [(name: String, value: String)]
    public var body: MIMEPart

    public init(
        from: MailAddress, to: [MailAddress], subject: String, date: Date, timeZone: TimeZone,
        messageID: String, body: MIMEPart
    ) {
        self.from = from
        self.to = to
        self.cc = []
        self.replyTo = []
        self.subject = subject
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
        self.inReplyTo = nil
        self.references = []
        self.extraHeaders = []
        self.body = body
    }
}
