/// What happened during one transfer, as libcurl's callbacks report it: the body being read, the commands
/// sent, the server's replies per stage, and why we aborted, if we did.
///
/// One per easy handle, reused (``reset(body:)``) for every message. Not `Sendable`: libcurl calls its
/// callbacks on the thread running `curl_easy_perform`, which is the owning actor's serial executor, so it
/// is only ever touched there. The callbacks reach it through an unretained pointer (`Unmanaged`) that
/// ``CurlEasy`` keeps valid by holding a strong reference for as long as the handle exists.
final class SMTPTranscript {
    enum AbortReason: Equatable {
        case cancelled
        case bodyStalled(seconds: Int)
        /// Credentials are configured but the server offered no AUTH: libcurl 7.88 then silently goes on
        /// unauthenticated; we stop before the first body byte instead.
        case authNotOffered
    }

    let cancelFlag: CancelFlag
    /// Seconds the body may make no upload progress.
    let lowSpeedTime: Int
    /// A username is configured, so every new connection must authenticate before MAIL FROM.
    let requiresAuth: Bool

    // The message body and how much of it libcurl has read.
    private(set) var body: [UInt8] = []
    private var offset = 0
    /// libcurl has read the whole body (it stops reading at CURLOPT_INFILESIZE without asking for EOF) and
    /// goes on to send it and the final dot, so from here on a failure without a reply leaves the message's
    /// fate unknown.
    private(set) var bodyComplete = false

    private(set) var stage: SMTPStage = .connect
    /// The last complete reply received at each stage of this transfer.
    private(set) var replies: [SMTPStage: SMTPReply] = [:]
    /// The last complete reply of this transfer and the stage it answered.
    private(set) var lastReply: (stage: SMTPStage, reply: SMTPReply)?
    private(set) var abortReason: AbortReason?

    private var partialLine: [UInt8] = []
    private var replyLines: [String] = []
    /// After QUIT (libcurl closing an old connection) replies are not part of the transaction.
    private var quitting = false
    /// This transfer opened a new connection (the server greeted) / sent AUTH on it.
    private var greeted = false
    private var authenticated = false
    private var uploaded: Int64 = 0
    private var lastUploadProgress = ContinuousClock.now

    init(cancelFlag: CancelFlag, lowSpeedTime: Int, requiresAuth: Bool) {
        self.cancelFlag = cancelFlag
        self.lowSpeedTime = lowSpeedTime
        self.requiresAuth = requiresAuth
    }

    func reset(body: [UInt8]) {
        self.body = body
        offset = 0
        bodyComplete = false
        stage = .connect
        replies = [:]
        lastReply = nil
        abortReason = nil
        partialLine = []
        replyLines = []
        quitting = false
        greeted = false
        authenticated = false
        uploaded = 0
        lastUploadProgress = .now
    }

    /// The read callback: copies the next body bytes; 0 means end of body, nil aborts.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        if cancelFlag.isSet {
            abortReason = .cancelled
            return nil
        }
        if requiresAuth, greeted, !authenticated {
            abortReason = .authNotOffered
            return nil
        }
        let count = min(buffer.count, body.count - offset)
        if count > 0 {
            body.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
            }
            offset += count
        }
        if offset == body.count {
            bodyComplete = true
            stage = .endOfData
        }
        return count
    }

    /// Bytes of server replies (CURLINFO_HEADER_IN): split into lines, grouped into replies.
    func received(_ bytes: UnsafeRawBufferPointer) {
        // Whole runs up to each LF are appended at once (not byte by byte: every append to a class's
        // stored property pays an exclusivity check).
        var start = bytes.startIndex
        while start < bytes.endIndex {
            guard let lf = bytes[start...].firstIndex(of: 10) else {
                partialLine.append(contentsOf: bytes[start...])
                return
            }
            partialLine.append(contentsOf: bytes[start..<lf])
            start = lf + 1
            if partialLine.last == 13 { partialLine.removeLast() }
            let line = String(decoding: partialLine, as: UTF8.self)
            partialLine.removeAll(keepingCapacity: true)
            replyLines.append(line)
            // "250-more follows", "250 last line" or just "250".
            let utf8 = line.utf8
            let isLast = utf8.count < 4 || utf8[utf8.index(utf8.startIndex, offsetBy: 3)] != UInt8(ascii: "-")
            if isLast {
                complete(SMTPReply(lines: replyLines))
                replyLines.removeAll()
            }
        }
    }

    private func complete(_ reply: SMTPReply) {
        guard !quitting else { return }
        if stage == .connect {
            stage = .greeting
            greeted = true
        }
        replies[stage] = reply
        lastReply = (stage, reply)
    }

    /// A command libcurl sent (CURLINFO_HEADER_OUT): moves the stage. AUTH's continuation lines (base64,
    /// never containing a space or a colon) and credentials are never stored.
    func sent(_ bytes: UnsafeRawBufferPointer) {
        let head = String(decoding: bytes.prefix(11), as: UTF8.self).uppercased()
        func starts(_ verb: String) -> Bool { head.hasPrefix(verb) }
        if starts("QUIT") {
            quitting = true
        } else if starts("MAIL FROM:") {
            stage = .mailFrom
        } else if stage == .auth {
            return  // an AUTH exchange line, not a command
        } else if starts("EHLO ") || starts("HELO ") {
            stage = .greeting
        } else if starts("STARTTLS") {
            stage = .tls
        } else if starts("AUTH ") {
            stage = .auth
            authenticated = true  // if the server refuses, the transfer fails at this stage anyway
        } else if starts("RCPT TO:") {
            stage = .rcptTo
        } else if starts("DATA") {
            stage = .data
            lastUploadProgress = .now
        }
    }

    /// The progress callback: true aborts the transfer (cancelled, or the body stalled).
    func progress(uploaded now: Int64) -> Bool {
        if cancelFlag.isSet {
            abortReason = .cancelled
            return true
        }
        guard stage == .data, !bodyComplete else { return false }
        if now > uploaded {
            uploaded = now
            lastUploadProgress = .now
        } else if ContinuousClock.now - lastUploadProgress > .seconds(lowSpeedTime) {
            abortReason = .bodyStalled(seconds: lowSpeedTime)
            return true
        }
        return false
    }
}
