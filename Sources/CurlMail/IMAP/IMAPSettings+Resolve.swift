import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Validated settings in libcurl's terms, and the URLs and quoted names IMAPMailbox sends.
struct ResolvedIMAPSettings: Sendable {
    /// `scheme://host[:port]/`: a URL without a mailbox, for commands libcurl must send without selecting one.
    var baseURL: String
    /// The mailbox to poll, decoded (`INBOX`).
    var mailbox: String
    var host: String
    /// `CURLUSESSL_ALL` for `imap://` (STARTTLS required), `CURLUSESSL_NONE` for `imaps://` (TLS from the start).
    var useSSL: Int
    var isImplicitTLS: Bool

    /// The mailbox's URL; with `uidValidity`, libcurl refuses to work on the mailbox when the UIDVALIDITY it
    /// sees on (re)selecting it differs.
    func mailboxURL(uidValidity: UInt32?) -> String {
        var url = baseURL + Self.percentEncoded(mailbox)
        if let uidValidity { url += ";UIDVALIDITY=\(uidValidity)" }
        return url
    }

    /// The URL libcurl turns into `UID FETCH uid BODY[]`.
    func messageURL(uid: UInt32, uidValidity: UInt32?) -> String {
        mailboxURL(uidValidity: uidValidity) + "/;UID=\(uid)"
    }

    static func percentEncoded(_ text: String) -> String {
        text.utf8.map { byte in
            isUnreserved(byte) ? String(UnicodeScalar(byte)) : "%" + hex(byte)
        }.joined()
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension IMAPSettings {
    func resolve() throws(IMAPError) -> ResolvedIMAPSettings {
        guard CurlGlobal.initialized == CURLE_OK else {
            throw IMAPError(.libcurl, "curl_global_init failed", curlCode: CurlGlobal.initialized)
        }
        let url = try parseURL()
        if let caFile {
            try Self.checkText(caFile, "caFile")
            guard access(caFile, R_OK) == 0 else {
                throw IMAPError(.invalidSetting, "caFile \(caFile) is not readable")
            }
        }
        guard !username.isEmpty else { throw IMAPError(.invalidSetting, "username is empty") }
        try Self.checkText(username, "username")
        if password.utf8.contains(where: { $0 == 0 || $0 == 10 || $0 == 13 }) {
            throw IMAPError(.invalidSetting, "password contains CR, LF or NUL")
        }
        guard connectTimeout.isFinite, connectTimeout > 0 else {
            throw IMAPError(.invalidSetting, "connectTimeout must be a positive number of seconds")
        }
        guard timeout.isFinite, timeout >= 1 else {
            throw IMAPError(.invalidSetting, "timeout must be at least 1 second")
        }
        guard maxMessageBytes > 0 else {
            throw IMAPError(.invalidSetting, "maxMessageBytes must be positive")
        }
        try Self.checkMailboxName(url.mailbox, "the mailbox in url")
        for (name, setting) in [(processedMailbox, "processedMailbox"), (quarantineMailbox, "quarantineMailbox")] {
            try Self.checkMailboxName(name, setting)
            guard !Self.sameMailbox(name, url.mailbox) else {
                throw IMAPError(.invalidSetting, "\(setting) \"\(name)\" is the polled mailbox itself")
            }
        }
        let authority = url.port.map { "\(url.host):\($0)" } ?? url.host
        return ResolvedIMAPSettings(
            baseURL: "\(url.scheme)://\(authority)/", mailbox: url.mailbox, host: url.host,
            useSSL: url.scheme == "imap" ? Int(CURLUSESSL_ALL.rawValue) : Int(CURLUSESSL_NONE.rawValue),
            isImplicitTLS: url.scheme == "imaps")
    }

    private struct ParsedURL {
        var scheme: String
        var host: String
        var port: String?
        var mailbox: String
    }

    /// Parsed with libcurl's own URL parser (CURLU), so what we check is what libcurl will use.
    private func parseURL() throws(IMAPError) -> ParsedURL {
        try Self.checkText(url, "url")
        let parts: CurlURLParts
        switch CurlURLParts.parse(url) {
        case .success(let p): parts = p
        case .failure(.noHandle): throw IMAPError(.libcurl, "curl_url returned NULL")
        case .failure(.invalid(let message)):
            throw IMAPError(.invalidSetting, "url \"\(url)\" is not a URL (\(message))")
        }
        let scheme = parts.scheme
        guard scheme == "imap" || scheme == "imaps" else {
            throw IMAPError(.invalidSetting, "url \"\(url)\" must start with imap:// (STARTTLS) or imaps://")
        }
        guard let host = parts.host, !host.isEmpty else {
            throw IMAPError(.invalidSetting, "url \"\(url)\" has no host")
        }
        if parts.hasCredentials {
            throw IMAPError(.invalidSetting, "url must not contain credentials: use username and password settings")
        }
        if parts.query != nil || parts.fragment != nil {
            throw IMAPError(.invalidSetting, "url \"\(url)\" must not have a query or fragment")
        }
        let rawPath = parts.path ?? "/"
        guard !rawPath.contains(";") else {
            throw IMAPError(
                .invalidSetting, "url \"\(url)\" must name a mailbox only, without ;UID= or other parameters")
        }
        guard var mailbox = Self.percentDecoded(rawPath) else {
            throw IMAPError(.invalidSetting, "url \"\(url)\" has an invalid %-escape in the mailbox name")
        }
        if mailbox.hasPrefix("/") { mailbox.removeFirst() }
        if mailbox.hasSuffix("/") { mailbox.removeLast() }
        return ParsedURL(
            scheme: scheme, host: host, port: parts.port, mailbox: mailbox.isEmpty ? "INBOX" : mailbox)
    }

    /// `%XX` escapes decoded (as bytes; the result must be UTF-8); `nil` for a malformed escape.
    private static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// Printable ASCII (IMAP would need modified UTF-7 for more), no wildcards, at most 255 bytes.
    static func checkMailboxName(_ name: String, _ setting: String) throws(IMAPError) {
        guard !name.isEmpty, name.utf8.count <= 255 else {
            throw IMAPError(.invalidSetting, "\(setting) \"\(name)\" must be 1 to 255 characters")
        }
        if let index = name.utf8.firstIndex(where: { $0 < 0x20 || $0 > 0x7E || $0 == 0x2A || $0 == 0x25 }) {
            let offset = name.utf8.distance(from: name.utf8.startIndex, to: index)
            throw IMAPError(
                .invalidSetting,
                "\(setting) has a control, non-ASCII or wildcard (* %) character at byte \(offset)")
        }
    }

    /// INBOX is case-insensitive (RFC 3501 §5.1); other names are compared exactly.
    static func sameMailbox(_ first: String, _ second: String) -> Bool {
        first == second || (first.uppercased() == "INBOX" && second.uppercased() == "INBOX")
    }

    private static func checkText(_ value: String, _ name: String) throws(IMAPError) {
        if let index = value.utf8.firstIndex(where: { $0 < 0x20 || $0 == 0x7F }) {
            let offset = value.utf8.distance(from: value.utf8.startIndex, to: index)
            throw IMAPError(.invalidSetting, "\(name) has a control character (CR, LF, NUL, …) at byte \(offset)")
        }
    }
}

/// An IMAP quoted string (RFC 3501 §4.3) for a name already checked by ``IMAPSettings/checkMailboxName(_:_:)``.
func imapQuoted(_ name: String) -> String {
    var quoted = "\""
    for character in name {
        if character == "\"" || character == "\\" { quoted.append("\\") }
        quoted.append(character)
    }
    return quoted + "\""
}
