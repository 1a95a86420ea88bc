import CCurl

/// Invalid submission settings or envelope addresses, found before anything reaches libcurl, or a
/// libcurl setup failure. Transfer results are not errors: they are ``SubmissionOutcome``s.
///
/// Like AsyncHTTPClient's `HTTPClientError`: a struct around a private code enum, so codes can be
/// added without breaking callers that switch on ``code``.
public struct SMTPError: Error, CustomStringConvertible, Sendable, Equatable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidURL, insecureTransport, invalidSetting, invalidAddress, libcurl
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// `SMTPSettings.url` is not `smtp://host[:port]` or `smtps://host[:port]` (user, password, path,
        /// fragment or an unknown query are refused too).
        public static let invalidURL = Code(.invalidURL)
        /// `?tls=none` for a host that is not loopback.
        public static let insecureTransport = Code(.insecureTransport)
        /// Another setting is unusable (EHLO name, CA file, timeouts, a CR/LF/NUL in a credential).
        public static let invalidSetting = Code(.invalidSetting)
        /// An envelope address has a control character or breaks an RFC 5321 length limit.
        public static let invalidAddress = Code(.invalidAddress)
        /// libcurl could not be initialised or refused an option.
        public static let libcurl = Code(.libcurl)

        public var description: String { base.rawValue }
    }

    /// What kind of problem this is.
    public let code: Code
    /// What is wrong, and where (the setting or address, with the offending position).
    public let message: String
    /// The libcurl code, for ``Code/libcurl``.
    public let curlCode: Int?

    init(_ code: Code, _ message: String, curlCode: CURLcode? = nil) {
        self.code = code
        self.message = message
        self.curlCode = curlCode.map { Int($0.rawValue) }
    }

    public var description: String {
        var text = "SMTP \(code): \(message)"
        if let curlCode {
            text += " (libcurl \(curlCode): \(String(cString: curl_easy_strerror(CURLcode(UInt32(curlCode))))))"
        }
        return text
    }
}
