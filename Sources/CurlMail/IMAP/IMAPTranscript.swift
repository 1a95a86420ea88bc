/// What happened during one transfer, as libcurl's callbacks report it: the message bytes (fetch), every
/// server line (untagged responses and the tagged completions), the commands sent (their verbs only), and
/// whether we aborted.
///
/// One per ``IMAPConnection``, reused (``reset(collectBody:)``) for every transfer. Not `Sendable`: libcurl calls the
/// callbacks on the thread running `curl_easy_perform`, which is the owning actor's serial executor, so it is
/// only ever touched there. The callbacks reach it through an unretained pointer that ``CurlEasy`` keeps
/// valid by holding a strong reference for as long as the handle exists.
final class IMAPTranscript {
    /// A command libcurl sent and the server's tagged answer to it, if one came.
    struct Exchange {
        var tag: String
        /// The command verb, upper-cased: `SELECT`, `AUTHENTICATE`, `UID MOVE`, `FETCH`, … (never arguments,
        /// so never credentials).
        var verb: String
        var completion: IMAPStatusLine?
    }

    let cancelFlag: CancelFlag
    let maxBodyBytes: Int

    /// The body libcurl delivered for a fetch: the message literal. (For custom commands libcurl writes their
    /// untagged lines here; those are taken from ``untagged`` instead and the body is dropped.)
    private(set) var body: [UInt8] = []
    private var collectsBody = false
    private(set) var bodyTooLarge = false
    private(set) var cancelled = false
    /// Untagged server lines (`* …`) of this transfer, in order.
    private(set) var untagged: [String] = []
    /// The commands of this transfer, in order.
    private(set) var exchanges: [Exchange] = []
    /// The server's `* BYE …` line, if it sent one.
    private(set) var bye: String?
    /// Capabilities announced after a login command in this transfer (a new session).
    private(set) var sessionCapabilities: Set<String>?

    private var partialLine: [UInt8] = []
    /// Longer than any line libcurl passes on with CURLOPT_BUFFERSIZE = ``IMAPConnection/bufferSize``.
    private static let maxLineLength = 1 << 20
    private static let maxUntaggedLines = 100_000

    init(cancelFlag: CancelFlag, maxBodyBytes: Int) {
        self.cancelFlag = cancelFlag
        self.maxBodyBytes = maxBodyBytes
    }

    /// - Parameter collectBody: keep what the write callback gets (a fetch), up to ``maxBodyBytes``.
    func reset(collectBody: Bool) {
        collectsBody = collectBody
        body = []
        bodyTooLarge = false
        cancelled = false
        untagged = []
        exchanges = []
        bye = nil
        sessionCapabilities = nil
        partialLine = []
    }

    /// The last command sent, upper-cased verb (`nil` before the first).
    var lastVerb: String? { exchanges.last?.verb }

    /// The tagged answer to the last command that got one.
    var lastCompletion: (verb: String, status: IMAPStatusLine)? {
        guard let exchange = exchanges.last(where: { $0.completion != nil }), let status = exchange.completion else {
            return nil
        }
        return (exchange.verb, status)
    }

    /// The write callback: message bytes. False aborts the transfer (too large, or cancelled).
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if cancelFlag.isSet {
            cancelled = true
            return false
        }
        guard collectsBody else { return true }
        guard body.count + bytes.count <= maxBodyBytes else {
            bodyTooLarge = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Server lines (CURLINFO_HEADER_IN).
    func received(_ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            guard byte == 10 else {
                if partialLine.count < Self.maxLineLength { partialLine.append(byte) }
                continue
            }
            if partialLine.last == 13 { partialLine.removeLast() }
            let line = String(decoding: partialLine, as: UTF8.self)
            partialLine.removeAll(keepingCapacity: true)
            handle(line: line)
        }
    }

    private func handle(line: String) {
        if line.hasPrefix("* ") {
            if untagged.count < Self.maxUntaggedLines { untagged.append(line) }
            if line.uppercased().hasPrefix("* BYE") { bye = line }
            noteCapabilities(in: line)
        } else if let status = IMAPStatusLine(line),
            let index = exchanges.lastIndex(where: { $0.tag == status.tag })
        {
            exchanges[index].completion = status
            noteCapabilities(in: line)
        }
    }

    private func noteCapabilities(in line: String) {
        guard let verb = lastVerb, verb == "AUTHENTICATE" || verb == "LOGIN",
            let capabilities = IMAPUntagged.capabilities(in: line)
        else { return }
        sessionCapabilities = capabilities
    }

    /// A command libcurl sent (CURLINFO_HEADER_OUT). Only `TAG VERB` is kept (`UID` with its sub-command);
    /// lines without a tag (SASL continuations, literal data) are ignored, so credentials are never stored.
    func sent(_ bytes: UnsafeRawBufferPointer) {
        let head = String(decoding: bytes.prefix(40), as: UTF8.self)
        let words = head.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard words.count >= 2, let tag = words.first, Self.isTag(tag) else { return }
        var verb = words[1].uppercased().trimmingCRLF()
        if verb == "UID", words.count >= 3 {
            verb += " " + words[2].uppercased().trimmingCRLF()
        }
        exchanges.append(Exchange(tag: String(tag), verb: verb, completion: nil))
    }

    /// libcurl's tags are a letter and three digits (`A001`).
    private static func isTag(_ word: Substring) -> Bool {
        let bytes = Array(word.utf8)
        return bytes.count == 4 && (0x41...0x5A).contains(bytes[0])
            && bytes.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
    }

    /// The progress callback: true aborts the transfer.
    func progress() -> Bool {
        if cancelFlag.isSet {
            cancelled = true
            return true
        }
        return false
    }
}

extension String {
    fileprivate func trimmingCRLF() -> String {
        var text = self
        while text.hasSuffix("\n") || text.hasSuffix("\r") || text.hasSuffix("\r\n") { text.removeLast() }
        return text
    }
}
