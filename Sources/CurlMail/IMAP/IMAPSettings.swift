/// Which mailbox to poll and how to reach it. Checked in full by ``validate()`` (and by
/// ``IMAPMailbox/init(settings:)``) before anything reaches libcurl.
public struct IMAPSettings: Sendable, Equatable {
    /// `imaps://host[:port]/MAILBOX` (implicit TLS) or `imap://host[:port]/MAILBOX` (STARTTLS required; a
    /// server without it is refused). The mailbox is percent-encoded (`/INBOX`, `/Partner%20Replies`); no path
    /// means `INBOX`. Certificate and host name verification are always on. A user, password, query, fragment
    /// or `;` parameter in the URL is refused: credentials go in ``username`` and ``password``.
    public var url: String
    /// An extra CA bundle (PEM) to trust; `nil` trusts the system's CAs only.
    public var caFile: String?
    public var username: String
    /// Never logged, never put in a URL, never in an error message or ``description``.
    public var password: String
    /// Seconds to set up a session: TCP connect, TLS handshake, greeting, STARTTLS and login.
    public var connectTimeout: Double = 30
    /// Seconds one operation (a poll, a fetch, a move) may take, and the longest wait for any server response.
    public var timeout: Double = 120
    /// Where ``IMAPMailbox/move(uid:to:)`` puts messages that were applied (created when missing).
    public var processedMailbox = "Processed"
    /// Where ``IMAPMailbox/move(uid:to:)`` puts messages that were refused (created when missing).
    public var quarantineMailbox = "Quarantine"
    /// ``IMAPMailbox/fetch(uid:)`` stops reading a message larger than this and throws
    /// ``IMAPError/Code/messageTooLarge``, so memory stays bounded; the caller can still move it to quarantine.
    public var maxMessageBytes = 64 << 20

    public init(url: String, username: String, password: String) {
        self.url = url
        self.username = username
        self.password = password
    }

    /// Checks every setting; throws the first problem found.
    public func validate() throws(IMAPError) {
        _ = try resolve()
    }
}

/// Printing or dumping settings never shows the password.
extension IMAPSettings: CustomStringConvertible, CustomReflectable {
    public var description: String {
        var parts = ["url: \(url)"]
        if let caFile { parts.append("caFile: \(caFile)") }
        parts.append("username: \(username)")
        parts.append("password: <redacted>")
        parts.append("connectTimeout: \(connectTimeout)")
        parts.append("timeout: \(timeout)")
        parts.append("processedMailbox: \(processedMailbox)")
        parts.append("quarantineMailbox: \(quarantineMailbox)")
        parts.append("maxMessageBytes: \(maxMessageBytes)")
        return "IMAPSettings(" + parts.joined(separator: ", ") + ")"
    }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": url, "caFile": caFile as Any, "username": username, "password": "<redacted>",
                "connectTimeout": connectTimeout, "timeout": timeout, "processedMailbox": processedMailbox,
                "quarantineMailbox": quarantineMailbox, "maxMessageBytes": maxMessageBytes,
            ])
    }
}
