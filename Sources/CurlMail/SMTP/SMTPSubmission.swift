import CCurl

/// Submits messages to one SMTP server through libcurl, one envelope (one recipient) at a time.
///
/// Runs on its own serial executor (a dispatch queue), so the blocking `curl_easy_perform` never occupies
/// a thread of Swift's cooperative pool. Owns one easy handle, reused for every message so libcurl keeps
/// the connection open between them (see ``connectionsOpened``).
///
/// ```swift
/// let smtp = try SMTPSubmission(settings: settings)
/// let outcome = try await smtp.send(from: "rosters@district.example", to: contact, message: bytes)
/// await smtp.close()
/// ```
public actor SMTPSubmission {
    private let executor: DispatchQueueExecutor
    private let settings: SMTPSettings
    private let resolved: ResolvedSMTPSettings
    private let cancelFlag = CancelFlag()
    private let transcript: SMTPTranscript
    /// `nil` until the first send, and again after ``close()``.
    private var easy: CurlEasy? {
        get { easyState.value }
        set { easyState.value = newValue }
    }
    private let easyState = ExecutorBound<CurlEasy?>(nil)

    /// How many connections libcurl opened so far (`CURLINFO_NUM_CONNECTS`, summed over transfers): 1 after
    /// any number of messages over a healthy connection.
    public private(set) var connectionsOpened = 0

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Validates `settings` in full (see ``SMTPSettings/validate()``); does not connect.
    public init(settings: SMTPSettings) throws(SMTPError) {
        resolved = try settings.resolve()
        self.settings = settings
        executor = DispatchQueueExecutor(label: "rostermail.smtp.\(resolved.host)")
        transcript = SMTPTranscript(
            cancelFlag: cancelFlag, lowSpeedTime: settings.lowSpeedTime, requiresAuth: settings.username != nil)
    }

    deinit {
        // curl_easy_cleanup (QUIT) on this actor's queue, not on whichever thread let go.
        executor.finish(easyState) { $0.value = nil }
    }

    /// Checks envelope addresses as ``send(from:to:message:)`` does, without sending: CR, LF, NUL and other
    /// control characters, spaces and angle brackets, and RFC 5321's length limits. An empty `from` is the
    /// null reverse-path.
    public static func validateEnvelope(from: String, to: String) throws(SMTPError) {
        try EnvelopeAddress.check(from, role: "from")
        try EnvelopeAddress.check(to, role: "to")
    }

    /// Sends one envelope: `MAIL FROM:<from>`, `RCPT TO:<to>`, `DATA` with `message`, which must be the
    /// complete RFC 5322 message with CRLF line ends. libcurl dot-stuffs it and ends the data with
    /// `CRLF.CRLF`; nothing else is changed (no bare-LF fixing, no headers added).
    ///
    /// Blocks this actor (not the caller's thread) until the server's final reply, a timeout or
    /// ``cancel()``. Throws only for invalid addresses (checked before anything is sent) or when libcurl
    /// cannot be set up; everything the server or the network does is in the ``SubmissionOutcome``.
    public func send(from: String, to: String, message: [UInt8]) throws(SMTPError) -> SubmissionOutcome {
        try Self.validateEnvelope(from: from, to: to)
        if cancelFlag.isSet {
            return .temporaryFailure(stage: .connect, reply: nil, detail: "cancelled (before the transfer started)")
        }
        var attempt = try perform(from: from, to: to, message: message)
        // A connection kept from an earlier message may have been closed by the server meanwhile (idle
        // timeout). If it failed before any reply, nothing was accepted: try once more, on a new connection.
        if attempt.reusedConnectionFailedSilently {
            attempt = try perform(from: from, to: to, message: message)
        }
        return attempt.outcome
    }

    /// Runs `body` on this actor's queue with the actor itself, so a loop of many messages calls
    /// ``send(from:to:message:)`` synchronously: one hop onto the queue for the whole run instead of two per
    /// message. `body` blocks this actor's thread, never one of Swift's cooperative pool.
    public func run<T: Sendable>(_ body: @Sendable (isolated SMTPSubmission) throws -> T) rethrows -> T {
        try body(self)
    }

    /// Aborts the transfer in flight, from any thread or task, and makes every later ``send(from:to:message:)``
    /// return `.temporaryFailure` without connecting. The transfer in flight ends with `.temporaryFailure`
    /// if the final dot was not sent yet, `.unknown` if it was. Takes effect within about a second
    /// (libcurl calls the progress callback at least that often).
    public nonisolated func cancel() {
        cancelFlag.set()
    }

    /// Ends the session (QUIT, which waits for the server's reply up to ``SMTPSettings/serverResponseTimeout``)
    /// and frees the handle. A later send opens a new connection.
    public func close() {
        easy = nil
    }

    private func handle() throws(SMTPError) -> CurlEasy {
        if let easy { return easy }
        let easy = try CurlEasy(context: transcript)
        try configure(easy)
        self.easy = easy
        return easy
    }

    private func configure(_ easy: CurlEasy) throws(SMTPError) {
        try easy.set(CURLOPT_URL, resolved.curlURL)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_USE_SSL, resolved.useSSL)
        // SSL_VERIFYPEER and SSL_VERIFYHOST keep their secure defaults (on); never set here.
        if let caFile = settings.caFile { try easy.set(CURLOPT_CAINFO, caFile) }
        if let username = settings.username { try easy.set(CURLOPT_USERNAME, username) }
        if let password = settings.password { try easy.set(CURLOPT_PASSWORD, password) }
        if let loginOptions = settings.loginOptions { try easy.set(CURLOPT_LOGIN_OPTIONS, loginOptions) }
        try easy.set(CURLOPT_NOSIGNAL, true)
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Int((settings.connectTimeout * 1000).rounded(.up)))
        try easy.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, settings.serverResponseTimeout)
        try easy.set(CURLOPT_TCP_KEEPALIVE, true)
        try easy.set(CURLOPT_TCP_KEEPIDLE, 60)
        try easy.set(CURLOPT_TCP_KEEPINTVL, 30)
        try easy.set(CURLOPT_UPLOAD, true)
        try easy.check(ccurl_setopt_read_function(easy.handle, SMTPTranscript.readCallback), CURLOPT_READFUNCTION)
        try easy.set(CURLOPT_READDATA, pointer: transcript.contextPointer)
        // VERBOSE only routes the protocol lines to our debug callback; it prints nothing.
        try easy.set(CURLOPT_VERBOSE, true)
        try easy.check(ccurl_setopt_debug_function(easy.handle, SMTPTranscript.debugCallback), CURLOPT_DEBUGFUNCTION)
        try easy.set(CURLOPT_DEBUGDATA, pointer: transcript.contextPointer)
        try easy.set(CURLOPT_NOPROGRESS, false)
        try easy.check(
            ccurl_setopt_xferinfo_function(easy.handle, SMTPTranscript.progressCallback), CURLOPT_XFERINFOFUNCTION)
        try easy.set(CURLOPT_XFERINFODATA, pointer: transcript.contextPointer)
    }

    private func perform(from: String, to: String, message: [UInt8]) throws(SMTPError)
        -> (outcome: SubmissionOutcome, reusedConnectionFailedSilently: Bool)
    {
        let easy = try handle()
        guard let recipients = curl_slist_append(nil, to) else {
            throw SMTPError(.libcurl, "curl_slist_append returned NULL (out of memory?)")
        }
        defer {
            _ = ccurl_setopt_slist(easy.handle, CURLOPT_MAIL_RCPT, nil)
            curl_slist_free_all(recipients)
        }
        try easy.set(CURLOPT_MAIL_FROM, from.isEmpty ? "<>" : from)
        try easy.set(CURLOPT_MAIL_RCPT, list: recipients)
        try easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.count))
        transcript.reset(body: message)
        let code = easy.perform()
        let opened = easy.info(CURLINFO_NUM_CONNECTS)
        connectionsOpened += opened
        let outcome = transcript.outcome(
            code: code, message: easy.errorMessage(for: code), responseCode: easy.info(CURLINFO_RESPONSE_CODE),
            connected: easy.offsetInfo(CURLINFO_CONNECT_TIME_T) > 0, implicitTLS: resolved.isImplicitTLS,
            tlsDone: easy.offsetInfo(CURLINFO_APPCONNECT_TIME_T) > 0)
        guard code == CURLE_OK else {
            // libcurl 7.88 keeps a connection whose transfer failed in its last phase (no reply after the
            // final dot in time, an abort from the progress callback) and would reuse it: the next message
            // would read the late reply to this one as its own. So after any failure the connection and the
            // handle go; the next send starts clean.
            easy.discardConnection()
            self.easy = nil
            let silent = opened == 0 && transcript.lastReply == nil && !transcript.bodyComplete
            return (outcome, silent && transcript.abortReason == nil)
        }
        return (outcome, false)
    }
}
