/// The common non-standard bounces: a notification from a mailer daemon (or with a bounce subject) whose
/// text says what failed — Exim's "Mail delivery failed", qmail's "failure notice", older Exchange and Gmail
/// notices — with the original headers quoted or attached. Read well enough to find the returned message's
/// Message-ID, the failed recipient, the status code and the remote server's reply.
enum PlainTextBounce {
    /// Folded subject starts of bounce notices.
    static let subjects = [
        "undelivered mail", "undeliverable", "mail delivery failed", "delivery status notification",
        "returned mail", "failure notice", "delivery failure", "mail delivery failure", "delivery has failed",
        "message not delivered", "nondeliverable", "non-delivery", "delivery notification", "warning: could not send",
        "delayed mail", "delivery delayed", "mail delivery delayed", "no se puede entregar", "no entregado",
    ]

    static let delayPhrases = [
        "delayed", "has not yet been delivered", "not been delivered yet", "will continue to try",
        "will keep trying", "will retry", "still trying", "temporary failure", "retry timeout not reached",
    ]

    static let failurePhrases = [
        "could not be delivered", "couldn't be delivered", "wasn't delivered", "was not delivered",
        "permanent error", "permanently", "failed", "undeliverable", "does not exist", "user unknown",
        "unknown user", "no such user", "rejected",
    ]

    static func read(_ message: ParsedMessage, returned: [HeaderField]?) -> DeliveryReport? {
        let fromDaemon = message.from.contains { a in
            let local = a.address.split(separator: "@").first.map { $0.lowercased() } ?? ""
            return local == "mailer-daemon" || local == "postmaster"
        }
        let subject = (message.subject ?? "").lowercased().trimmingBlanks()
        let bounceSubject = subjects.contains { subject.hasPrefix($0) }
        guard fromDaemon || bounceSubject else { return nil }

        let text = notificationText(message)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let messageID =
            returned.flatMap { $0.first(named: "Message-ID") }.flatMap { ParsedMessage.messageIDs($0).first }
            ?? quotedMessageID(lines)
        let diagnostic = diagnosticLine(lines)
        let status = diagnostic.flatMap(statusCode(in:)) ?? statusCode(in: text)
        let failed = message.headers(named: "X-Failed-Recipients").flatMap { v in
            v.split(separator: ",").map { DeliveryReport.bareAddress(String($0)) }
        }
        guard messageID != nil || status != nil || diagnostic != nil || !failed.isEmpty else { return nil }

        let lower = text.lowercased()
        var action: String?
        if status?.hasPrefix("5.") == true || diagnostic?.first == "5" {
            action = "failed"
        } else if status?.hasPrefix("4.") == true || delayPhrases.contains(where: lower.contains) {
            action = "delayed"
        } else if failurePhrases.contains(where: lower.contains) || subject.hasPrefix("undeliver") {
            action = "failed"
        }
        let recipient = failed.first ?? diagnostic.flatMap(address(in:)) ?? recipientLine(lines)
        return DeliveryReport(
            format: .plainText,
            reportingMTA: message.from.first.flatMap { $0.address.split(separator: "@").last }
                .map(String.init), originalEnvelopeID: nil,
            recipients: [
                DeliveryReport.Recipient(
                    finalRecipient: recipient, action: action, status: status, diagnosticCode: diagnostic)
            ], originalMessageID: messageID,
            originalHeaders: (returned ?? []).map { DeliveryReport.Field(name: $0.name, value: $0.value) })
    }

    /// The notification's own text: its text/plain parts (HTML as text when it has none), not the
    /// returned message's.
    static func notificationText(_ message: ParsedMessage) -> String {
        let own = message.parts.filter { $0.messageDepth == 0 && $0.contentType != "text/rfc822-headers" }
        let plain = own.filter { $0.contentType == "text/plain" }.compactMap(\.text)
        if !plain.isEmpty { return plain.joined(separator: "\n") }
        return own.filter { $0.contentType == "text/html" }.compactMap(\.text).map(HTMLText.text(fromHTML:))
            .joined(separator: "\n")
    }

    /// A `Message-ID:` line of quoted headers (`> ` quotes and indentation allowed; the value may be on the
    /// next line).
    static func quotedMessageID(_ lines: [String]) -> String? {
        for (i, line) in lines.enumerated() {
            let t = unquoted(line)
            guard t.lowercased().hasPrefix("message-id:") else { continue }
            var value = String(t.dropFirst("message-id:".count)).trimmingBlanks()
            if value.isEmpty, i + 1 < lines.count { value = unquoted(lines[i + 1]) }
            if let id = ParsedMessage.messageIDs(value).first { return id }
        }
        return nil
    }

    static func unquoted(_ line: String) -> String {
        String(line.drop { $0 == ">" || $0 == " " || $0 == "\t" })
    }

    /// The first line carrying a remote SMTP reply: it starts with a 4xx/5xx code (`550 5.1.1 …`,
    /// `550-5.1.1 …`), or else holds an enhanced status code; trimmed, at most 300 characters.
    static func diagnosticLine(_ lines: [String]) -> String? {
        var withStatus: String?
        for line in lines {
            let t = unquoted(line)
            let u = Array(t.utf8)
            if u.count >= 4, u[0] == 0x34 || u[0] == 0x35, isDigit(u[1]), isDigit(u[2]), u[3] == 0x20 || u[3] == 0x2D {
                return String(t.prefix(300))
            }
            if withStatus == nil, statusCode(in: t) != nil, !t.lowercased().hasPrefix("status:") {
                withStatus = String(t.prefix(300))
            }
        }
        return withStatus
    }

    /// The first enhanced status code (`5.1.1`, RFC 3463) in `s` that stands on its own.
    static func statusCode(in s: String) -> String? {
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            let before = i == 0 ? UInt8(0x20) : u[i - 1]
            if u[i] == 0x32 || u[i] == 0x34 || u[i] == 0x35, !isDigit(before), before != 0x2E, i + 1 < u.count,
                u[i + 1] == 0x2E
            {
                var j = i + 2
                let a = j
                while j < u.count, isDigit(u[j]), j - a < 3 { j += 1 }
                if j > a, j < u.count, u[j] == 0x2E {
                    j += 1
                    let b = j
                    while j < u.count, isDigit(u[j]), j - b < 3 { j += 1 }
                    if j > b, j == u.count || (!isDigit(u[j]) && u[j] != 0x2E) {
                        return String(decoding: u[i..<j], as: UTF8.self)
                    }
                }
            }
            i += 1
        }
        return nil
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The first `local@domain` in `s` (inside `<…>` or standing alone), not a mailer daemon's.
    static func address(in s: String) -> String? {
        for word in s.split(whereSeparator: { " \t<>()[]\"',;".contains($0) }) where word.contains("@") {
            var w = String(word)
            while let last = w.last, last == "." || last == ":" { w.removeLast() }
            let parts = w.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else { continue }
            let local = parts[0].lowercased()
            if local == "mailer-daemon" || local == "postmaster" { continue }
            return w
        }
        return nil
    }

    /// A line that is one recipient address (Exim indents it; qmail writes `<a@b>:`), or a "delivered to
    /// a@b" phrase (Gmail).
    static func recipientLine(_ lines: [String]) -> String? {
        for line in lines {
            let t = unquoted(line)
            if t.lowercased().hasPrefix("message-id:") { break }  // the quoted headers start
            let words = t.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let first = words.first, first.contains("@"), words.count <= 3, let a = address(in: String(first)) {
                return a
            }
            for k in words.indices.dropFirst() where k + 1 < words.count && words[k].lowercased() == "to" {
                if ["delivered", "delivery", "deliver"].contains(words[k - 1].lowercased()),
                    let a = address(in: String(words[k + 1]))
                {
                    return a
                }
            }
        }
        return nil
    }
}
