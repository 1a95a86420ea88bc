/// Chooses the text of a parsed message that reply trimming reads.
public enum ReplyBody {
    /// The first shown (non-attachment) text/plain part of the message itself, else its first text/html
    /// part as text (HTML-only replies), else the same from attached messages; "" when there is none.
    /// A whitespace-only text/plain part gives way to an HTML one.
    public static func text(of message: ParsedMessage) -> String {
        for ownOnly in [true, false] {
            let candidates = message.parts.filter { !$0.isAttachment && (!ownOnly || $0.messageDepth == 0) }
            if let plain = candidates.first(where: { $0.contentType == "text/plain" })?.text,
                plain.contains(where: { !$0.isWhitespace })
            {
                return plain
            }
            if let html = candidates.first(where: { $0.contentType == "text/html" })?.text {
                return HTMLText.text(fromHTML: html)
            }
        }
        return ""
    }

    /// The sender's own words: `ReplyTrimmer.ownText` of `text(of:)`.
    public static func ownText(of message: ParsedMessage) -> String {
        ReplyTrimmer.ownText(text(of: message))
    }
}
