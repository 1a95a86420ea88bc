/// Reads the header section of one entity: unfolds continuation lines and finds where the body starts.
/// Works on byte offsets into the message buffer (nothing is copied but the field values).
struct HeaderSection {
    var fields: [HeaderField] = []
    /// Offset of the first body byte.
    var bodyStart: Int

    /// Header names one of which a top-level message must have for its first lines to count as headers;
    /// without one, the whole input is a body (a bare reply text pasted into `inspect`).
    static let messageHeaderNames: Set<String> = [
        "from", "to", "cc", "subject", "date", "message-id", "mime-version", "content-type",
        "content-transfer-encoding", "received", "return-path", "reply-to", "in-reply-to", "references",
        "sender", "delivered-to", "x-mailer", "dkim-signature", "authentication-results", "user-agent",
        "content-disposition", "x-original-to", "envelope-to",
    ]

    /// Parses the header section of `range` in `bytes`. `isMessage` applies the rule above and skips an
    /// mbox "From " line; `location` names the entity in errors.
    static func parse(
        _ bytes: [UInt8], range: Range<Int>, isMessage: Bool, limits: ParseLimits, location: String
    ) throws(ParseError) -> HeaderSection {
        var pos = range.lowerBound
        let end = range.upperBound
        if isMessage, end - pos > 5, bytes[pos..<pos + 5].elementsEqual("From ".utf8) {
            pos = lineEnd(bytes, from: pos, end: end).next
        }
        let headerStart = pos
        var section = HeaderSection(bodyStart: headerStart)
        var name: String?
        var value: [UInt8] = []
        func finish() {
            guard let n = name else { return }
            section.fields.append(HeaderField(name: n, rawValue: trimmedText(value)))
            name = nil
            value.removeAll(keepingCapacity: true)
        }
        while pos < end {
            if pos - headerStart > limits.maxHeaderBytes {
                throw ParseError(limit: .headerBytes, allowed: limits.maxHeaderBytes, location: location)
            }
            let scanEnd = min(end, headerStart + limits.maxHeaderBytes + 2)
            let line = lineEnd(bytes, from: pos, end: scanEnd)
            if line.next == scanEnd && scanEnd < end {
                throw ParseError(limit: .headerBytes, allowed: limits.maxHeaderBytes, location: location)
            }
            if line.contentEnd == pos {
                finish()
                section.bodyStart = line.next
                return section.checked(isMessage: isMessage, headerStart: headerStart)
            }
            let first = bytes[pos]
            if first == 0x20 || first == 0x09 {
                guard name != nil else { break }
                value.append(contentsOf: bytes[pos..<line.contentEnd])
            } else if let colon = fieldColon(bytes, from: pos, end: line.contentEnd) {
                finish()
                if section.fields.count >= limits.maxHeaderCount {
                    throw ParseError(limit: .headerCount, allowed: limits.maxHeaderCount, location: location)
                }
                var nameEnd = colon
                while nameEnd > pos, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
                name = String(decoding: bytes[pos..<nameEnd], as: UTF8.self)
                value.append(contentsOf: bytes[(colon + 1)..<line.contentEnd])
            } else {
                // Not a header line and no blank line before it: the body starts here.
                break
            }
            pos = line.next
        }
        finish()
        section.bodyStart = pos
        return section.checked(isMessage: isMessage, headerStart: headerStart)
    }

    private func checked(isMessage: Bool, headerStart: Int) -> HeaderSection {
        guard isMessage, !fields.contains(where: { Self.messageHeaderNames.contains($0.name.lowercased()) }) else {
            return self
        }
        return HeaderSection(fields: [], bodyStart: headerStart)
    }

    /// The colon ending a field name at `start`, or nil when the line is not a header field.
    private static func fieldColon(_ bytes: [UInt8], from start: Int, end: Int) -> Int? {
        var i = start
        var sawBlank = false
        while i < end {
            let b = bytes[i]
            if b == 0x3A { return i > start ? i : nil }
            if b == 0x20 || b == 0x09 {
                sawBlank = true
            } else if sawBlank || b < 0x21 || b > 0x7E {
                return nil
            }
            i += 1
        }
        return nil
    }

    /// The end of the line at `start` without its CR LF (or LF), and the start of the next line.
    /// Skips eight bytes at a time while none of them is an LF.
    static func lineEnd(_ bytes: [UInt8], from start: Int, end: Int) -> (contentEnd: Int, next: Int) {
        bytes.withUnsafeBufferPointer { b in
            var i = start
            while i + 8 <= end, !ByteWord.contains(ByteWord.load(b, at: i), 0x0A) { i += 8 }
            while i < end {
                if b[i] == 0x0A {
                    let contentEnd = i > start && b[i - 1] == 0x0D ? i - 1 : i
                    return (contentEnd, i + 1)
                }
                i += 1
            }
            return (end, end)
        }
    }

    /// UTF-8 when valid, else Windows-1252; CR and LF removed, outer whitespace trimmed.
    static func trimmedText(_ value: [UInt8]) -> String {
        var lo = 0
        var hi = value.count
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        while lo < hi, isSpace(value[lo]) { lo += 1 }
        while hi > lo, isSpace(value[hi - 1]) { hi -= 1 }
        let slice = value[lo..<hi]
        // Values are unfolded without their line ends; a CR or LF can only be a stray one.
        guard slice.contains(where: { $0 == 0x0D || $0 == 0x0A }) else { return Charset.sniff(slice) }
        return Charset.sniff(slice.filter { $0 != 0x0D && $0 != 0x0A })
    }
}
