/// Parses RFC 5322 / MIME messages: pure, tolerant of broken input, bounded by `ParseLimits`.
///
/// The walk is iterative (an explicit stack, no recursion), entities are byte ranges of the input, and
/// only leaf bodies are decoded into new buffers, so memory stays a small multiple of the message size.
public enum MessageParser {
    /// One entity still to parse: a range of one of the buffers (the input, or a decoded attached message).
    private struct Entity {
        var buffer: Int
        var range: Range<Int>
        var depth: Int
        var messageDepth: Int
        var isMessage: Bool
        var defaultType: String
        var location: String
    }

    /// Parses `bytes`; throws only when a limit is exceeded.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> ParsedMessage {
        if bytes.count > limits.maxMessageBytes {
            throw ParseError(limit: .messageBytes, allowed: limits.maxMessageBytes, location: "\(bytes.count) bytes")
        }
        var buffers = [bytes]
        var stack = [
            Entity(
                buffer: 0, range: 0..<bytes.count, depth: 0, messageDepth: 0, isMessage: true,
                defaultType: "text/plain", location: "the top-level message")
        ]
        var topHeaders: [HeaderField]?
        var attachedHeaders: [[HeaderField]] = []
        var parts: [ParsedPart] = []
        var defects: [String] = []
        var entityCount = 1
        while let entity = stack.popLast() {
            let data = buffers[entity.buffer]
            let section = try HeaderSection.parse(
                data, range: entity.range, isMessage: entity.isMessage, limits: limits, location: entity.location)
            if topHeaders == nil { topHeaders = section.fields }
            if entity.isMessage && entity.messageDepth > 0 { attachedHeaders.append(section.fields) }
            let body = section.bodyStart..<entity.range.upperBound
            let typeHeader = section.fields.first(named: "Content-Type").map(ParameterizedValue.init(parsing:))
            var type = entity.defaultType
            if let t = typeHeader?.value, Self.isTypeAndSubtype(t) { type = t }
            let encoding = (section.fields.first(named: "Content-Transfer-Encoding") ?? "").lowercased()
                .trimmingBlanks()

            func children(_ ranges: [Range<Int>], buffer: Int, defaultType: String, isMessage: Bool) throws(ParseError)
            {
                if entity.depth + 1 > limits.maxNestingDepth {
                    throw ParseError(limit: .nestingDepth, allowed: limits.maxNestingDepth, location: entity.location)
                }
                entityCount += ranges.count
                if entityCount > limits.maxPartCount {
                    throw ParseError(limit: .partCount, allowed: limits.maxPartCount, location: entity.location)
                }
                for (k, range) in ranges.enumerated().reversed() {
                    stack.append(
                        Entity(
                            buffer: buffer, range: range, depth: entity.depth + 1,
                            messageDepth: entity.messageDepth + (isMessage ? 1 : 0), isMessage: isMessage,
                            defaultType: defaultType,
                            location: isMessage
                                ? "the message attached to \(entity.location)" : "part \(k + 1) of \(entity.location)"))
                }
            }

            if type.hasPrefix("multipart/") {
                let boundary = typeHeader?.parameters["boundary"] ?? ""
                if let split = MultipartSplitter.split(data, range: body, boundary: boundary) {
                    defects += split.defects.map { "\(entity.location): \($0)" }
                    let childType = type == "multipart/digest" ? "message/rfc822" : "text/plain"
                    try children(split.parts, buffer: entity.buffer, defaultType: childType, isMessage: false)
                    continue
                }
                defects.append("\(entity.location): multipart without any boundary line; read as text")
                type = "text/plain"
            } else if type == "message/rfc822" || type == "message/global" {
                if encoding == "base64" || encoding == "quoted-printable" {
                    buffers.append(TransferDecoding.decode(data[body], encoding: encoding))
                    try children(
                        [0..<buffers[buffers.count - 1].count], buffer: buffers.count - 1,
                        defaultType: "text/plain", isMessage: true)
                } else {
                    try children([body], buffer: entity.buffer, defaultType: "text/plain", isMessage: true)
                }
                continue
            }
            parts.append(
                leaf(
                    data[body], type: type, contentType: typeHeader, encoding: encoding, fields: section.fields,
                    messageDepth: entity.messageDepth))
        }
        return ParsedMessage(
            headers: topHeaders ?? [], parts: parts, defects: defects, attachedHeaders: attachedHeaders)
    }

    /// `t` has a '/' with something on both sides; on bytes when `t` is plain ASCII (as media types are).
    static func isTypeAndSubtype(_ t: String) -> Bool {
        guard t.isPlainASCII else { return t.contains("/") && !t.hasPrefix("/") && !t.hasSuffix("/") }
        let utf8 = t.utf8
        return utf8.contains(0x2F) && utf8.first != 0x2F && utf8.last != 0x2F
    }

    private static func leaf(
        _ raw: ArraySlice<UInt8>, type: String, contentType: ParameterizedValue?, encoding: String,
        fields: [HeaderField], messageDepth: Int
    ) -> ParsedPart {
        let body = TransferDecoding.decode(raw, encoding: encoding)
        let disposition = fields.first(named: "Content-Disposition").map(ParameterizedValue.init(parsing:))
        let filename = disposition?.parameters["filename"] ?? contentType?.parameters["name"]
        let label = contentType?.parameters["charset"].map { $0.trimmingBlanks() }
        var charset = label.map { Charset.canonicalName($0) ?? $0.lowercased() }
        var text: String?
        if type.hasPrefix("text/") {
            let decoded = Charset.decode(body, label: label)
            if !decoded.recognized, let label { charset = "x-unknown:\(label)" }
            if charset == nil { charset = "us-ascii" }
            var t = TextLines.normalizingLineEnds(decoded.text)
            if type == "text/plain", contentType?.parameters["format"]?.lowercased() == "flowed" {
                let delSp = contentType?.parameters["delsp"]?.lowercased() == "yes"
                t = FlowedText.unflow(t, delSp: delSp)
            }
            text = t
        }
        return ParsedPart(
            contentType: type, charset: charset,
            disposition: disposition.map { $0.value.isEmpty ? "inline" : $0.value },
            filename: filename.flatMap { $0.isEmpty ? nil : $0 }, body: body, text: text, headers: fields,
            messageDepth: messageDepth)
    }
}

extension String {
    func trimmingBlanks() -> String { ByteRules.trimmingWhitespace(self) }
}
