/// Writes an `OutgoingMessage` as RFC 5322 bytes: CRLF line ends, 7-bit clean, headers folded to
/// 78 characters where whitespace allows and never longer than 998.
public enum MessageWriter {
    /// RFC 5322 bytes. `seed` makes boundaries deterministic (same inputs → same bytes).
    /// Every value is checked before anything is written; a bad one throws `MailError` naming its field.
    /// Leading and trailing whitespace of the subject, header values, display names and filenames
    /// is dropped (parsers drop it too).
    public static func render(_ message: OutgoingMessage, seed: String) throws(MailError) -> [UInt8] {
        try validate(message)
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        var date: [UInt8] = []
        RFC5322Date.append(message.date, in: message.timeZone, to: &date)
        try HeaderFolding.append(name: "Date", value: date, field: "Date", to: &out)
        try appendAddresses("From", [message.from], to: &out)
        try appendAddresses("To", message.to, to: &out)
        try appendAddresses("Cc", message.cc, to: &out)
        try appendAddresses("Reply-To", message.replyTo, to: &out)
        try HeaderFolding.append(
            name: "Subject",
            value: HeaderEncoding.unstructured(
                ByteRules.trimmingWhitespace(message.subject),
                firstWordLimit: HeaderEncoding.firstWordLimit(afterHeader: "Subject")),
            field: "Subject", to: &out)
        try appendIDs("Message-ID", [message.messageID], to: &out)
        try appendIDs("In-Reply-To", message.inReplyTo.map { [$0] } ?? [], to: &out)
        try appendIDs("References", message.references, to: &out)
        for header in message.extraHeaders {
            let value = HeaderEncoding.unstructured(
                ByteRules.trimmingWhitespace(header.value),
                firstWordLimit: HeaderEncoding.firstWordLimit(afterHeader: header.name))
            try HeaderFolding.append(name: header.name, value: value, field: header.name, to: &out)
        }
        out.append(contentsOf: "MIME-Version: 1.0\r\n".utf8)
        let entity = try Entity.render(message.body, seed: seed, path: [])
        out.append(contentsOf: entity.headers)
        out.append(ByteRules.cr)
        out.append(ByteRules.lf)
        out.append(contentsOf: entity.body)
        return out
    }

    private static func appendAddresses(_ name: String, _ list: [MailAddress], to out: inout [UInt8]) throws(MailError)
    {
        guard !list.isEmpty else { return }
        var value: [UInt8] = []
        for (k, mailbox) in list.enumerated() {
            if k > 0 { value.append(contentsOf: ", ".utf8) }
            let display = mailbox.displayName.map(ByteRules.trimmingWhitespace) ?? ""
            if display.isEmpty {
                value.append(contentsOf: mailbox.address.utf8)
            } else {
                let limit = k == 0 ? HeaderEncoding.firstWordLimit(afterHeader: name) : HeaderEncoding.maxWordLength
                value.append(contentsOf: HeaderEncoding.phrase(display, firstWordLimit: limit))
                value.append(contentsOf: " <".utf8)
                value.append(contentsOf: mailbox.address.utf8)
                value.append(0x3E)
            }
        }
        try HeaderFolding.append(name: name, value: value, field: name, to: &out)
    }

    private static func appendIDs(_ name: String, _ ids: [String], to out: inout [UInt8]) throws(MailError) {
        guard !ids.isEmpty else { return }
        var value: [UInt8] = []
        for (k, id) in ids.enumerated() {
            if k > 0 { value.append(ByteRules.space) }
            value.append(0x3C)
            value.append(contentsOf: id.utf8)
            value.append(0x3E)
        }
        try HeaderFolding.append(name: name, value: value, field: name, to: &out)
    }
}
