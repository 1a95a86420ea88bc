import Foundation

/// What `rostermail inspect` prints: the decoded headers that matter, the leaf parts, and the sender's own
/// words (`reply_text`). JSON keys are snake_case; absent values are `null`.
public struct InspectReport: Codable, Sendable, Hashable {
    public struct Part: Codable, Sendable, Hashable {
        public var contentType: String
        public var charset: String?
        public var disposition: String?
        public var filename: String?
        /// Decoded size in bytes.
        public var bytes: Int
        /// Decoded text, for text/* parts only.
        public var text: String?

        enum CodingKeys: String, CodingKey {
            case contentType = "content_type"
            case charset, disposition, filename, bytes, text
        }

        public init(_ part: ParsedPart) {
            contentType = part.contentType
            charset = part.charset
            disposition = part.disposition
            filename = part.filename
            bytes = part.body.count
            text = part.contentType.hasPrefix("text/") ? part.text : nil
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(contentType, forKey: .contentType)
            try c.encode(charset, forKey: .charset)
            try c.encode(disposition, forKey: .disposition)
            try c.encode(filename, forKey: .filename)
            try c.encode(bytes, forKey: .bytes)
            try c.encode(text, forKey: .text)
        }
    }

    public var subject: String?
    public var from: [ParsedAddress]
    public var to: [ParsedAddress]
    public var cc: [ParsedAddress]
    public var messageID: String?
    public var inReplyTo: String?
    public var parts: [Part]
    public var replyText: String
    /// The bounce this message is (`DeliveryReport`), nil for any other message.
    public var deliveryReport: DeliveryReport?

    enum CodingKeys: String, CodingKey {
        case subject, from, to, cc, parts
        case deliveryReport = "delivery_report"
        case messageID = "message_id"
        case inReplyTo = "in_reply_to"
        case replyText = "reply_text"
    }

    public init(_ message: ParsedMessage) {
        subject = message.subject
        from = message.from
        to = message.to
        cc = message.cc
        messageID = message.messageID
        inReplyTo = message.inReplyTo
        parts = message.parts.map(Part.init)
        replyText = ReplyBody.ownText(of: message)
        deliveryReport = DeliveryReport.read(message)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(subject, forKey: .subject)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(cc, forKey: .cc)
        try c.encode(messageID, forKey: .messageID)
        try c.encode(inReplyTo, forKey: .inReplyTo)
        try c.encode(parts, forKey: .parts)
        try c.encode(replyText, forKey: .replyText)
        try c.encode(deliveryReport, forKey: .deliveryReport)
    }

    /// Pretty-printed JSON with sorted keys, UTF-8 unescaped, and a final newline.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding strings, numbers and nulls cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
