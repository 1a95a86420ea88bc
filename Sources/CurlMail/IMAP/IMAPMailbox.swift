/// Polls one IMAP mailbox through libcurl: new UIDs from a checkpoint, messages by UID, and moves to the
/// processed and quarantine mailboxes once the caller has committed what it did with a message.
///
/// Runs on its own serial executor (a dispatch queue), so the blocking `curl_easy_perform` never occupies a
/// thread of Swift's cooperative pool. Owns one easy handle, reused for every call so libcurl keeps one
/// connection (one login) open between them (see ``connectionsOpened``).
///
/// ```swift
/// let mailbox = try IMAPMailbox(settings: settings)
/// let (uidValidity, uids) = try await mailbox.newMessages(since: checkpoint)
/// for uid in uids {
///     let message = try await mailbox.fetch(uid: uid)
///     // … apply and commit, with the checkpoint (uidValidity, uid) …
///     try await mailbox.move(uid: uid, to: settings.processedMailbox)
/// }
/// await mailbox.close()
/// ```
public actor IMAPMailbox {
    private let executor: DispatchQueueExecutor
    private let settings: IMAPSettings
    private let resolved: ResolvedIMAPSettings
    private let cancelFlag = CancelFlag()
    private var connection: IMAPConnection { state.value }
    private let state: ExecutorBound<IMAPConnection>
    /// The UIDVALIDITY the last ``newMessages(since:)`` saw: fetches and moves name it in their URL, so
    /// libcurl refuses to act on a UID from another UIDVALIDITY. `nil` before the first poll.
    private var uidValidity: UInt32?
    /// `false` once the server answered `UID MOVE` with BAD (no MOVE extension despite what it announced).
    private var moveWorks = true
    /// Target mailboxes known to exist (LISTed or created by us).
    private var existingTargets: Set<String> = []
    /// How many UIDs one `UID SEARCH` covers, so its `* SEARCH` line stays far below what libcurl would cut
    /// (see ``IMAPConnection/bufferSize``): 20 000 UIDs of at most 11 bytes each.
    private let searchWindow: UInt32

    /// How many connections libcurl opened so far: 1 after any number of calls over a healthy connection.
    public var connectionsOpened: Int { connection.connectionsOpened }

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    /// Validates `settings` in full (see ``IMAPSettings/validate()``); does not connect.
    public init(settings: IMAPSettings) throws(IMAPError) {
        try self.init(settings: settings, searchWindow: 20_000)
    }

    /// - Parameter searchWindow: UIDs per `UID SEARCH` (tests use small windows).
    init(settings: IMAPSettings, searchWindow: UInt32) throws(IMAPError) {
        precondition(searchWindow > 0)
        self.searchWindow = searchWindow
        resolved = try settings.resolve()
        self.settings = settings
        executor = DispatchQueueExecutor(label: "rostermail.imap.\(resolved.host)")
        state = ExecutorBound(IMAPConnection(settings: settings, resolved: resolved, cancelFlag: cancelFlag))
    }

    deinit {
        executor.finish(state) { $0.value.close() }  // curl_easy_cleanup (LOGOUT) on this actor's queue
    }

    /// Selects the mailbox (learning its current UIDVALIDITY) and returns the UIDs after `since`, ascending.
    ///
    /// With no checkpoint, or one from another UIDVALIDITY, every message in the mailbox is returned: the
    /// caller rescans and deduplicates by Message-ID. (`UID SEARCH UID n:*` always matches the highest UID
    /// even when it is below `n`; such UIDs are filtered out.)
    public func newMessages(since checkpoint: IMAPCheckpoint?) throws(IMAPError) -> (
        uidValidity: UInt32, uids: [UInt32]
    ) {
        let mailbox = imapQuoted(resolved.mailbox)
        // A SELECT of our own each poll, sent as a custom command on the URL without a mailbox: libcurl skips
        // its own SELECT when it believes the mailbox is selected already (a reused connection), so it would
        // show us no UIDVALIDITY, and the session's view would not be refreshed by a new SELECT.
        let selected = try connection.run(
            IMAPRequest(url: resolved.baseURL, command: "SELECT \(mailbox)", purpose: "selecting \(mailbox)"))
        guard selected.isOK else {
            throw IMAPError(
                selected.status?.status == "NO" ? .mailboxMissing : .protocol,
                "selecting \(mailbox): the server refused", response: selected.status?.line)
        }
        guard let current = IMAPUntagged.uidValidity(in: selected.untagged) else {
            throw IMAPError(.protocol, "selecting \(mailbox): the server sent no UIDVALIDITY")
        }
        uidValidity = current
        var first: UInt32 = 1
        if let checkpoint, checkpoint.uidValidity == current {
            guard checkpoint.lastUID < UInt32.max else { return (current, []) }
            first = checkpoint.lastUID + 1
        }
        guard let next = IMAPUntagged.uidNext(in: selected.untagged) else {
            // RFC 3501 requires UIDNEXT; without it, one open-ended search.
            return (current, try search(first, nil, uidValidity: current))
        }
        // Every UID in the mailbox is below UIDNEXT; messages delivered after the SELECT come next poll.
        var uids: [UInt32] = []
        var start = first
        while start < next {
            let end = start + min(searchWindow, next - start) - 1
            uids += try search(start, end, uidValidity: current)
            start = end + 1
        }
        return (current, uids)
    }

    /// `UID SEARCH UID start:end` (`start:*` without `end`), filtered to the range (`n:*` also matches the
    /// highest UID when it is below `n`), ascending.
    private func search(_ start: UInt32, _ end: UInt32?, uidValidity: UInt32) throws(IMAPError) -> [UInt32] {
        let mailbox = imapQuoted(resolved.mailbox)
        let range = "\(start):\(end.map(String.init) ?? "*")"
        let found = try connection.run(
            IMAPRequest(
                url: resolved.mailboxURL(uidValidity: uidValidity), command: "UID SEARCH UID \(range)",
                purpose: "searching \(mailbox) for UIDs \(range)"))
        guard found.isOK else {
            throw IMAPError(.protocol, "searching \(mailbox): the server refused", response: found.status?.line)
        }
        let upper = end ?? UInt32.max
        return Set(IMAPUntagged.searchResults(in: found.untagged).filter { $0 >= start && $0 <= upper }).sorted()
    }

    /// Fetches one message (`UID FETCH uid BODY[]`, which sets `\Seen`), byte for byte as the server sends it.
    ///
    /// Throws ``IMAPError/Code/messageMissing`` when the mailbox has no such UID (moved or expunged
    /// meanwhile), ``IMAPError/Code/uidValidityChanged`` when the mailbox's UIDVALIDITY is no longer the one
    /// the last ``newMessages(since:)`` returned, ``IMAPError/Code/messageTooLarge`` beyond
    /// ``IMAPSettings/maxMessageBytes``.
    public func fetch(uid: UInt32) throws(IMAPError) -> FetchedMessage {
        let reply = try connection.run(
            IMAPRequest(
                url: resolved.messageURL(uid: uid, uidValidity: uidValidity), command: nil,
                purpose: "fetching UID \(uid) from \(imapQuoted(resolved.mailbox))"))
        return FetchedMessage(uid: uid, bytes: reply.body)
    }

    /// Moves one message to `mailbox` (normally ``IMAPSettings/processedMailbox`` or
    /// ``IMAPSettings/quarantineMailbox``), after the caller's transaction committed.
    ///
    /// `UID MOVE`; when the target is missing (`[TRYCREATE]`) it is created and the move repeated. Without
    /// the MOVE extension: `UID COPY`, `UID STORE +FLAGS.SILENT (\Deleted)` and `UID EXPUNGE` of this UID only
    /// (skipped when the server lacks UIDPLUS: the message then stays, flagged `\Deleted`; nothing else is
    /// ever expunged). A UID no longer in the mailbox is not an error: it was moved before (say, before a
    /// crash), so moving again is safe.
    public func move(uid: UInt32, to mailbox: String) throws(IMAPError) {
        try IMAPSettings.checkMailboxName(mailbox, "the target mailbox")
        guard !IMAPSettings.sameMailbox(mailbox, resolved.mailbox) else {
            throw IMAPError(.invalidSetting, "cannot move UID \(uid) to the polled mailbox \(imapQuoted(mailbox))")
        }
        let target = imapQuoted(mailbox)
        let purpose = "moving UID \(uid) to \(target)"
        try ensureExists(mailbox)
        let canMove = moveWorks && (connection.capabilities?.contains("MOVE") ?? true)
        if canMove {
            let reply = try runCreatingTarget(command: "UID MOVE \(uid) \(target)", target: target, purpose: purpose)
            if reply.isOK { return }
            guard reply.status?.status == "BAD" else {
                throw IMAPError(.protocol, "\(purpose): the server refused", response: reply.status?.line)
            }
            moveWorks = false  // BAD: the server does not know UID MOVE after all
        }
        let copied = try runCreatingTarget(command: "UID COPY \(uid) \(target)", target: target, purpose: purpose)
        guard copied.isOK else {
            throw IMAPError(.protocol, "\(purpose) (UID COPY): the server refused", response: copied.status?.line)
        }
        try runOK("UID STORE \(uid) +FLAGS.SILENT (\\Deleted)", purpose: "\(purpose) (UID STORE \\Deleted)")
        if connection.capabilities?.contains("UIDPLUS") ?? true {
            try runOK("UID EXPUNGE \(uid)", purpose: "\(purpose) (UID EXPUNGE)")
        }
    }

    /// Aborts the call in flight, from any thread or task, and makes every later call throw
    /// ``IMAPError/Code/cancelled`` without connecting. Takes effect within about a second (libcurl calls the
    /// progress callback at least that often).
    public nonisolated func cancel() {
        cancelFlag.set()
    }

    /// Ends the session (LOGOUT) and frees the handle. A later call opens a new connection.
    public func close() {
        connection.close()
    }

    /// LISTs `mailbox` the first time it is a target, and creates it when missing. (Asking first, rather than
    /// trying the move and reacting to `[TRYCREATE]`, keeps the connection: libcurl 7.88 closes it after any
    /// command answered NO.)
    private func ensureExists(_ mailbox: String) throws(IMAPError) {
        guard !existingTargets.contains(mailbox) else { return }
        let target = imapQuoted(mailbox)
        let listed = try connection.run(
            IMAPRequest(url: resolved.baseURL, command: "LIST \"\" \(target)", purpose: "looking for \(target)"))
        guard listed.isOK else {
            throw IMAPError(.protocol, "looking for \(target): the server refused", response: listed.status?.line)
        }
        if !listed.untagged.contains(where: { $0.uppercased().hasPrefix("* LIST ") }) {
            try create(target)
        }
        existingTargets.insert(mailbox)
    }

    /// CREATE; a mailbox that exists already (created meanwhile by someone else) is fine.
    private func create(_ target: String) throws(IMAPError) {
        let created = try connection.run(
            IMAPRequest(url: resolved.baseURL, command: "CREATE \(target)", purpose: "creating \(target)"))
        guard created.isOK || created.status?.code == "ALREADYEXISTS" else {
            throw IMAPError(.protocol, "creating \(target): the server refused", response: created.status?.line)
        }
    }

    /// Runs `command` (`UID MOVE`/`UID COPY` to `target`) on the polled mailbox; when the server answers
    /// `[TRYCREATE]` (the target was deleted since we looked), creates `target` and runs it once more.
    private func runCreatingTarget(command: String, target: String, purpose: String) throws(IMAPError) -> IMAPReply {
        let request = IMAPRequest(
            url: resolved.mailboxURL(uidValidity: uidValidity), command: command, purpose: purpose)
        let reply = try connection.run(request)
        guard reply.status?.code == "TRYCREATE" else { return reply }
        try create(target)
        return try connection.run(request)
    }

    private func runOK(_ command: String, purpose: String) throws(IMAPError) {
        let reply = try connection.run(
            IMAPRequest(url: resolved.mailboxURL(uidValidity: uidValidity), command: command, purpose: purpose))
        guard reply.isOK else {
            throw IMAPError(.protocol, "\(purpose): the server refused", response: reply.status?.line)
        }
    }
}
