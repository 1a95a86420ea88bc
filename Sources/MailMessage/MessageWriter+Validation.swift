extension MessageWriter {
    /// Headers the writer sets itself; an extra header with one of these names is refused.
    static let reservedHeaderNames: Set<String> = [
        "date", "from", "to", "cc", "bcc", "reply-to", "subject", "message-id", "in-reply-to", "references",
        "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
    ]

    /// Every check that does not need encoding: CR/LF/NUL, message-ids, header names, part types.
    static func validate(_ message: OutgoingMessage) throws(MailError) {
        if let problem = ByteRules.lineBreakProblem(message.subject.utf8) {
            throw MailError(code: .invalidHeaderValue, field: "Subject", message: problem)
        }
        try validateMessageID(message.messageID, field: "Message-ID")
        if let id = message.inReplyTo { try validateMessageID(id, field: "In-Reply-To") }
        for id in message.references { try validateMessageID(id, field: "References") }
        for header in message.extraHeaders {
            try validateHeaderName(header.name)
            if let problem = ByteRules.lineBreakProblem(header.value.utf8) {
                throw MailError(code: .invalidHeaderValue, field: header.name, message: problem)
            }
        }
        try validate(message.body)
    }

    /// `id-left@id-right`, both dot-atom-text, without the angle brackets.
    static func validateMessageID(_ id: String, field: String) throws(MailError) {
        func fail(_ message: String) -> MailError { MailError(code: .invalidMessageID, field: field, message: message) }
        if let problem = ByteRules.lineBreakProblem(id.utf8) { throw fail(problem) }
        let bytes = Array(id.utf8)
        if bytes.first == 0x3C || bytes.last == 0x3E {
            throw fail("\"\(id)\" has angle brackets; give the id without '<' and '>'")
        }
        if bytes.contains(where: ByteRules.isWSP) { throw fail("\"\(id)\" contains whitespace; remove it") }
        if bytes.contains(where: { $0 >= 0x80 }) { throw fail("\"\(id)\" contains non-ASCII characters; use ASCII") }
        guard let at = bytes.firstIndex(of: 0x40), ByteRules.isDotAtomText(bytes[..<at]),
            ByteRules.isDotAtomText(bytes[(at + 1)...])
        else {
            throw fail("\"\(id)\" is not of the form left@right (letters, digits, dots and !#$%&'*+-/=?^_`{|}~)")
        }
    }

    /// RFC 5322 field name: printable ASCII except ':', not one the writer sets.
    static func validateHeaderName(_ name: String) throws(MailError) {
        func fail(_ message: String) -> MailError {
            MailError(code: .invalidHeaderName, field: "extra header name", message: message)
        }
        if let problem = ByteRules.lineBreakProblem(name.utf8) { throw fail(problem) }
        if name.isEmpty { throw fail("is empty; give a header name such as \"Auto-Submitted\"") }
        if !name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3A }) {
            throw fail("\"\(name)\" is not a header name; use printable ASCII without spaces or ':'")
        }
        if name.utf8.count > 76 { throw fail("\"\(name)\" is longer than 76 characters; use a shorter name") }
        if reservedHeaderNames.contains(name.lowercased()) {
            throw fail("\"\(name)\" is written by MessageWriter itself; set the OutgoingMessage property instead")
        }
    }

    private static func validate(_ part: MIMEPart) throws(MailError) {
        switch part.content {
        case .text(_, let subtype):
            try MIMEParameters.validateSubtype(subtype, field: "Content-Type")
        case .attachment(_, let contentType, let filename):
            try MIMEParameters.validateMediaType(contentType, field: "Content-Type")
            try MIMEParameters.validateFilename(filename, field: "Content-Disposition filename")
        case .multipart(let subtype, let parts):
            try MIMEParameters.validateSubtype(subtype, field: "Content-Type")
            if parts.isEmpty {
                throw MailError(
                    code: .invalidHeaderValue, field: "Content-Type",
                    message: "multipart/\(subtype) has no parts; add at least one")
            }
            for child in parts { try validate(child) }
        }
    }
}
