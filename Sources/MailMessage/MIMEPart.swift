/// One MIME entity: a text body, a base64 attachment, or a multipart of other parts.
///
/// Values are checked when the message is rendered (`MessageWriter.render`), which throws `MailError`.
public struct MIMEPart: Sendable {
    enum Content: Sendable {
        case text(String, subtype: String)
        case attachment([UInt8], contentType: String, filename: String)
        case multipart(String, [MIMEPart])
    }

    let content: Content

    /// `text/<subtype>; charset=utf-8`, quoted-printable (7bit when the text is short-lined ASCII).
    public static func text(_ text: String, subtype: String = "plain") -> MIMEPart {
        MIMEPart(content: .text(text, subtype: subtype))
    }

    /// A base64 attachment; `contentType` like "text/csv; charset=utf-8", `filename` may be non-ASCII.
    public static func attachment(_ data: [UInt8], contentType: String, filename: String) -> MIMEPart {
        MIMEPart(content: .attachment(data, contentType: contentType, filename: filename))
    }

    /// `multipart/<subtype>` ("alternative", "mixed", …) of `parts`.
    public static func multipart(_ subtype: String, _ parts: [MIMEPart]) -> MIMEPart {
        MIMEPart(content: .multipart(subtype, parts))
    }
}
