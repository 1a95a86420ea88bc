import CCurl

/// One thing for libcurl to do: a URL and, for everything but a fetch, the command it sends
/// (CURLOPT_CUSTOMREQUEST).
struct IMAPRequest {
    var url: String
    /// `nil` for a fetch (`…/;UID=n` URL), else e.g. `UID MOVE 5 "Processed"`.
    var command: String?
    /// What we were doing, for error messages: `polling "INBOX"`, `fetching UID 5`.
    var purpose: String

    /// The upper-cased verb of ``command`` as libcurl sends it (`UID MOVE`), or `UID FETCH` for a fetch.
    var verb: String {
        guard let command else { return "UID FETCH" }
        let words = command.split(separator: " ", maxSplits: 2)
        guard let first = words.first else { return "" }
        if first.uppercased() == "UID", words.count > 1 { return "UID " + words[1].uppercased() }
        return first.uppercased()
    }
}

/// How a request ended when its own command was answered.
struct IMAPReply {
    /// The tagged answer to the request's command: `OK`, or `NO`/`BAD` for a custom command.
    var status: IMAPStatusLine?
    var untagged: [String]
    var body: [UInt8]

    var isOK: Bool { status?.isOK ?? false }
}

/// Owns the easy handle and its transcript for ``IMAPMailbox``: sets libcurl up once, runs requests over one
/// connection (libcurl keeps it open between them), and turns every failure into an ``IMAPError``.
///
/// Not `Sendable`: lives inside the actor and is only used on its executor.
final class IMAPConnection {
    private let settings: IMAPSettings
    private let resolved: ResolvedIMAPSettings
    private let cancelFlag: CancelFlag
    private let transcript: IMAPTranscript
    /// `nil` until the first request, and again after a failure or ``close()``.
    private var easy: CurlEasy?

    /// How many connections libcurl opened so far (`CURLINFO_NUM_CONNECTS`, summed over transfers).
    private(set) var connectionsOpened = 0
    /// What the server announced after login on the current connection (`nil`: not known).
    private(set) var capabilities: Set<String>?

    /// CURLOPT_BUFFERSIZE. libcurl 7.88 silently cuts a server response line to its first 40 bytes when one
    /// read returns more than half this buffer without a line end ("Excessive server response line length
    /// received … Stripping"; the default buffer is 16 KB). So a response line must stay below half of it:
    /// ``IMAPMailbox`` searches in UID windows whose `* SEARCH` line cannot be longer (11 bytes per UID).
    static let bufferSize = 512 * 1024

    init(settings: IMAPSettings, resolved: ResolvedIMAPSettings, cancelFlag: CancelFlag) {
        self.settings = settings
        self.resolved = resolved
        self.cancelFlag = cancelFlag
        transcript = IMAPTranscript(cancelFlag: cancelFlag, maxBodyBytes: settings.maxMessageBytes)
    }

    /// Runs `request`. Returns when its command was answered (OK, or NO/BAD for a custom command, which the
    /// caller interprets); throws for everything else. A connection kept from an earlier request that turns
    /// out to be dead (the server closed it while idle) is replaced once, transparently: every request
    /// IMAPMailbox makes is safe to repeat.
    func run(_ request: IMAPRequest) throws(IMAPError) -> IMAPReply {
        guard !cancelFlag.isSet else {
            throw IMAPError(.cancelled, "\(request.purpose): cancelled (before the transfer started)")
        }
        switch try attempt(request) {
        case .answered(let reply): return reply
        case .staleConnection(let error):
            guard case .answered(let reply) = try attempt(request) else { throw error }
            return reply
        }
    }

    /// Ends the session (LOGOUT) and frees the handle; the next request connects again.
    func close() {
        easy = nil
        capabilities = nil
    }

    /// Drops the connection without a LOGOUT exchange (its state is unknown after a failure).
    private func discard() {
        easy?.discardConnection()
        easy = nil
        capabilities = nil
    }

    private enum Attempt {
        case answered(IMAPReply)
        /// Failed at once on a reused connection, before the server answered anything.
        case staleConnection(IMAPError)
    }

    private func attempt(_ request: IMAPRequest) throws(IMAPError) -> Attempt {
        let easy = try handle()
        do {
            try easy.set(CURLOPT_URL, request.url)
            try easy.set(CURLOPT_CUSTOMREQUEST, request.command)
        } catch {
            discard()
            throw IMAPError(setup: error)
        }
        transcript.reset(collectBody: request.command == nil)
        let code = easy.perform()
        let opened = easy.info(CURLINFO_NUM_CONNECTS)
        connectionsOpened += opened
        if let announced = transcript.sessionCapabilities {
            capabilities = announced
        } else if opened > 0 {
            capabilities = nil
        }
        let own = transcript.exchanges.last { $0.verb == request.verb }?.completion
        if code == CURLE_OK {
            return .answered(IMAPReply(status: own, untagged: transcript.untagged, body: transcript.body))
        }
        let error = failure(code, easy: easy, request: request)
        // libcurl 7.88 closes the connection after a failed transfer anyway; dropping the handle too means
        // the next request starts from a clean state (nothing selected, no half-read response).
        discard()
        if code == CURLE_QUOTE_ERROR, let own, !own.isOK {
            return .answered(IMAPReply(status: own, untagged: transcript.untagged, body: []))
        }
        let nothingAnswered = transcript.exchanges.allSatisfy { $0.completion == nil }
        let brokenPipe: Set<UInt32> = [
            CURLE_SEND_ERROR.rawValue, CURLE_RECV_ERROR.rawValue, CURLE_GOT_NOTHING.rawValue,
            CURLE_WEIRD_SERVER_REPLY.rawValue,
        ]
        if opened == 0, nothingAnswered, !transcript.cancelled, brokenPipe.contains(code.rawValue) {
            return .staleConnection(error)
        }
        throw error
    }

    private func handle() throws(IMAPError) -> CurlEasy {
        if let easy { return easy }
        do {
            let easy = try CurlEasy(context: transcript)
            try configure(easy)
            self.easy = easy
            return easy
        } catch {
            throw IMAPError(setup: error)
        }
    }

    private func configure(_ easy: CurlEasy) throws(SMTPError) {
        try easy.set(CURLOPT_PROTOCOLS_STR, "imap,imaps")
        try easy.set(CURLOPT_USE_SSL, resolved.useSSL)
        // SSL_VERIFYPEER and SSL_VERIFYHOST keep their secure defaults (on); never set here.
        if let caFile = settings.caFile { try easy.set(CURLOPT_CAINFO, caFile) }
        try easy.set(CURLOPT_USERNAME, settings.username)
        try easy.set(CURLOPT_PASSWORD, settings.password)
        try easy.set(CURLOPT_NOSIGNAL, true)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int((settings.connectTimeout * 1000).rounded(.up)))
        try easy.set(CURLOPT_TIMEOUT_MS, Int((settings.timeout * 1000).rounded(.up)))
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, Int(settings.timeout.rounded(.up)))
        try easy.set(CURLOPT_TCP_KEEPALIVE, true)
        try easy.set(CURLOPT_TCP_KEEPIDLE, 60)
        try easy.set(CURLOPT_TCP_KEEPINTVL, 30)
        try easy.set(CURLOPT_BUFFERSIZE, Self.bufferSize)
        try easy.check(
            ccurl_setopt_write_function(easy.handle, CURLOPT_WRITEFUNCTION, IMAPTranscript.writeCallback),
            CURLOPT_WRITEFUNCTION)
        try easy.set(CURLOPT_WRITEDATA, pointer: transcript.contextPointer)
        // VERBOSE only routes the protocol lines to our debug callback; it prints nothing.
        try easy.set(CURLOPT_VERBOSE, true)
        try easy.check(ccurl_setopt_debug_function(easy.handle, IMAPTranscript.debugCallback), CURLOPT_DEBUGFUNCTION)
        try easy.set(CURLOPT_DEBUGDATA, pointer: transcript.contextPointer)
        try easy.set(CURLOPT_NOPROGRESS, false)
        try easy.check(
            ccurl_setopt_xferinfo_function(easy.handle, IMAPTranscript.progressCallback), CURLOPT_XFERINFOFUNCTION)
        try easy.set(CURLOPT_XFERINFODATA, pointer: transcript.contextPointer)
    }

    /// Names the failure of a transfer from libcurl's code and what the server said.
    private func failure(_ code: CURLcode, easy: CurlEasy, request: IMAPRequest) -> IMAPError {
        let detail = easy.errorMessage(for: code)
        let refusal = transcript.lastCompletion.flatMap { $0.status.isOK ? nil : $0.status.line }
        let response = refusal ?? transcript.bye
        func error(_ kind: IMAPError.Code, _ text: String) -> IMAPError {
            IMAPError(kind, "\(request.purpose): \(text)", curlCode: code, response: response)
        }
        if transcript.cancelled || (code == CURLE_ABORTED_BY_CALLBACK && cancelFlag.isSet) {
            return error(.cancelled, "cancelled")
        }
        if transcript.bodyTooLarge {
            return error(.messageTooLarge, "the message is larger than maxMessageBytes (\(settings.maxMessageBytes))")
        }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return error(.timeout, "no answer in time (\(detail))")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return error(.connect, "could not connect to \(resolved.host) (\(detail))")
        case CURLE_USE_SSL_FAILED:
            return error(.tls, "the server does not offer STARTTLS; refusing to log in without TLS (or use imaps://)")
        case CURLE_PEER_FAILED_VERIFICATION:
            return error(.tls, "the server's certificate did not verify (check caFile and the host name): \(detail)")
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED:
            return error(.tls, "TLS failed: \(detail)")
        case CURLE_LOGIN_DENIED where transcript.lastVerb == "SELECT" || transcript.lastVerb == "EXAMINE":
            // libcurl 7.88 reports a refused SELECT as CURLE_LOGIN_DENIED ("Select failed").
            return error(.mailboxMissing, "the server refused to select mailbox \"\(resolved.mailbox)\"")
        case CURLE_LOGIN_DENIED, CURLE_REMOTE_ACCESS_DENIED, CURLE_AUTH_ERROR:
            return error(.auth, "the server refused the login of \(settings.username) (\(detail))")
        case CURLE_REMOTE_FILE_NOT_FOUND where detail.contains("UIDVALIDITY"):
            return error(
                .uidValidityChanged, "the UIDVALIDITY of \"\(resolved.mailbox)\" changed since the last poll")
        case CURLE_REMOTE_FILE_NOT_FOUND:
            return error(.messageMissing, "no such message in \"\(resolved.mailbox)\"")
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return error(.connect, "the connection broke (\(detail))")
        default:
            return error(.protocol, detail)
        }
    }
}
