import CCurl

/// Why an ``IMAPMailbox`` call failed: what went wrong, where, and the server's own words when it said
/// something.
///
/// Like AsyncHTTPClient's `HTTPClientError`: a struct around a private code enum, so codes can be added
/// without breaking callers that compare ``code``. ``connect``, ``tls``, ``timeout`` and ``protocol`` failures
/// are worth retrying at the next poll; ``auth``, ``invalidSetting`` and ``mailboxMissing`` need a person.
public struct IMAPError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidSetting, connect, tls, auth, mailboxMissing, messageMissing, messageTooLarge
            case uidValidityChanged, `protocol`, timeout, cancelled, libcurl
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A setting is unusable (URL, CA file, credentials with CR/LF/NUL, a mailbox name, a timeout).
        public static let invalidSetting = Code(.invalidSetting)
        /// The server could not be reached, or the connection broke or was closed by the server.
        public static let connect = Code(.connect)
        /// STARTTLS was not offered, the TLS handshake failed, or the certificate did not verify.
        public static let tls = Code(.tls)
        /// The server refused the credentials (or offered no way to log in).
        public static let auth = Code(.auth)
        /// The mailbox of ``IMAPSettings/url`` does not exist (or may not be selected).
        public static let mailboxMissing = Code(.mailboxMissing)
        /// ``IMAPMailbox/fetch(uid:)``: no message has this UID (any more).
        public static let messageMissing = Code(.messageMissing)
        /// ``IMAPMailbox/fetch(uid:)``: the message is larger than ``IMAPSettings/maxMessageBytes``.
        public static let messageTooLarge = Code(.messageTooLarge)
        /// The mailbox's UIDVALIDITY is no longer the one ``IMAPMailbox/newMessages(since:)`` returned: UIDs
        /// from then may name other messages now. Poll again (and rescan).
        public static let uidValidityChanged = Code(.uidValidityChanged)
        /// The server answered NO or BAD, or something libcurl could not parse.
        public static let `protocol` = Code(.protocol)
        /// No answer within ``IMAPSettings/timeout`` (or the session was not set up within
        /// ``IMAPSettings/connectTimeout``).
        public static let timeout = Code(.timeout)
        /// ``IMAPMailbox/cancel()`` was called.
        public static let cancelled = Code(.cancelled)
        /// libcurl could not be initialised or refused an option.
        public static let libcurl = Code(.libcurl)

        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// What failed and where (the operation, the UID, the mailbox).
    public let message: String
    /// libcurl's result code, when a transfer failed.
    public let curlCode: Int?
    /// The server's response line that ended the command (`A006 NO [TRYCREATE] Mailbox doesn't exist: X`),
    /// or its `* BYE` line, when there was one. Never contains credentials (only server lines are kept).
    public let response: String?

    init(_ code: Code, _ message: String, curlCode: CURLcode? = nil, response: String? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode.map { Int($0.rawValue) }
        self.response = response
    }

    public var description: String {
        var text = "IMAP \(code): \(message)"
        if let response {
            text += " [server: \(response)]"
        }
        if let curlCode {
            text += " (libcurl \(curlCode): \(String(cString: curl_easy_strerror(CURLcode(UInt32(curlCode))))))"
        }
        return text
    }
}

extension IMAPError {
    /// A libcurl setup failure reported by ``CurlEasy`` (which speaks ``SMTPError``).
    init(setup error: SMTPError) {
        self.init(.libcurl, error.message, curlCode: error.curlCode.map { CURLcode(UInt32($0)) })
    }
}
