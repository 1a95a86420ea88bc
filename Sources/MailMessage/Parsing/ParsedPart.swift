/// A leaf MIME part of a parsed message: its type, its decoded bytes and, for text, its text.
public struct ParsedPart: Sendable, Hashable {
    /// Lowercased `type/subtype` ("text/plain"; "text/plain" when the header is missing or invalid).
    public let contentType: String
    /// For text parts: the canonical charset name ("utf-8", "iso-8859-1"), "us-ascii" when none was given,
    /// or "x-unknown:LABEL" when the label is not one we decode (the text is then read as UTF-8).
    /// For other parts: the charset parameter if any.
    public let charset: String?
    /// "inline", "attachment" or another lowercased disposition type; nil without the header.
    public let disposition: String?
    /// The decoded filename (Content-Disposition filename, else Content-Type name), or nil.
    public let filename: String?
    /// The body after Content-Transfer-Encoding decoding.
    public let body: [UInt8]
    /// For `text/*`: the decoded text with LF line ends (format=flowed text unwrapped; HTML as HTML).
    public let text: String?
    /// The part's own header fields.
    public let headers: [HeaderField]
    /// 0 for parts of the message itself, 1 inside an attached `message/rfc822`, and so on.
    public let messageDepth: Int

    public init(
        contentType: String, charset: String?, disposition: String?, filename: String?, body: [UInt8],
        text: String?, headers: [HeaderField], messageDepth: Int
    ) {
        self.contentType = contentType
        self.charset = charset
        self.disposition = disposition
        self.filename = filename
        self.body = body
        self.text = text
        self.headers = headers
        self.messageDepth = messageDepth
    }

    /// True for parts a mail client shows as attachments rather than as the message text.
    public var isAttachment: Bool { disposition == "attachment" || (filename != nil && disposition != "inline") }
}
