/// A bounce read from a message: an RFC 3464 delivery status notification (`multipart/report;
/// report-type=delivery-status`, RFC 6522) or one of the common non-standard bounces that reach the envelope
/// sender (a plain-text "Mail delivery failed" with the original headers quoted: Exim, qmail, older
/// Exchange and Gmail). Pure: `read` takes a parsed message and returns values.
public struct DeliveryReport: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Hashable, Codable {
        /// A `message/delivery-status` part was read (RFC 3464).
        case deliveryStatus = "delivery-status"
        /// No such part: the fields were read from the notification's text (best effort).
        case plainText = "plain-text"
    }

    /// One header field of the returned message.
    public struct Field: Sendable, Hashable, Codable {
        public var name: String
        public var value: String
    }

    /// One per-recipient group (RFC 3464 §2.3), or what a plain-text bounce says about one recipient.
    public struct Recipient: Sendable, Hashable, Codable {
        /// The address without its `rfc822;` type.
        public var finalRecipient: String?
        public var originalRecipient: String?
        /// Lower case: `failed`, `delayed`, `delivered`, `relayed`, `expanded` (nil when not said).
        public var action: String?
        /// The enhanced status code (`5.1.1`).
        public var status: String?
        /// The remote server's reply without its `smtp;` type (`550 5.1.1 <a@b>: user unknown`).
        public var diagnosticCode: String?
        public var remoteMTA: String?

        public init(
            finalRecipient: String? = nil, originalRecipient: String? = nil, action: String? = nil,
            status: String? = nil, diagnosticCode: String? = nil, remoteMTA: String? = nil
        ) {
            self.finalRecipient = finalRecipient
            self.originalRecipient = originalRecipient
            self.action = action
            self.status = status
            self.diagnosticCode = diagnosticCode
            self.remoteMTA = remoteMTA
        }

        /// Delivery failed for good: `Action: failed`, or a 5.x.x status when no action was given.
        public var isPermanentFailure: Bool {
            if let action { return action == "failed" }
            return status?.hasPrefix("5.") == true
        }

        /// A delay notice: `Action: delayed`, or a 4.x.x status when no action was given.
        public var isDelay: Bool {
            if let action { return action == "delayed" }
            return status?.hasPrefix("4.") == true
        }

        /// The remote reply as one line: the diagnostic, with the status code in front when the diagnostic
        /// does not carry it (`5.1.1 unknown user: "x"`); the status alone without a diagnostic.
        public var remoteReply: String? {
            switch (status, diagnosticCode) {
            case (let s?, let d?) where !d.contains(s): return "\(s) \(d)"
            case (_, let d?): return d
            case (let s?, nil): return s
            case (nil, nil): return nil
            }
        }

        enum CodingKeys: String, CodingKey {
            case finalRecipient = "final_recipient", originalRecipient = "original_recipient", action, status
            case diagnosticCode = "diagnostic_code", remoteMTA = "remote_mta"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(finalRecipient, forKey: .finalRecipient)
            try c.encode(originalRecipient, forKey: .originalRecipient)
            try c.encode(action, forKey: .action)
            try c.encode(status, forKey: .status)
            try c.encode(diagnosticCode, forKey: .diagnosticCode)
            try c.encode(remoteMTA, forKey: .remoteMTA)
        }
    }

    public var format: Format
    /// `Reporting-MTA` without its `dns;` type.
    public var reportingMTA: String?
    /// `Original-Envelope-Id`, when the sender asked for one.
    public var originalEnvelopeID: String?
    public var recipients: [Recipient]
    /// The Message-ID (without brackets) of the returned message: from a `message/rfc822` or
    /// `text/rfc822-headers` part, else from headers quoted in the text.
    public var originalMessageID: String?
    /// The returned message's header fields (empty when only its Message-ID was found in the text).
    public var originalHeaders: [Field]

    enum CodingKeys: String, CodingKey {
        case format, recipients
        case reportingMTA = "reporting_mta", originalEnvelopeID = "original_envelope_id"
        case originalMessageID = "original_message_id", originalHeaders = "original_headers"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(reportingMTA, forKey: .reportingMTA)
        try c.encode(originalEnvelopeID, forKey: .originalEnvelopeID)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(originalMessageID, forKey: .originalMessageID)
        try c.encode(originalHeaders, forKey: .originalHeaders)
    }

    /// The report in `message`, or nil when it is not a bounce.
    public static func read(_ message: ParsedMessage) -> DeliveryReport? {
        let topType = message.rawHeader("Content-Type").map(ParameterizedValue.init(parsing:))
        let statusPart = message.parts.first { part in
            part.messageDepth == 0
                && (part.contentType == "message/delivery-status"
                    || part.contentType == "message/global-delivery-status")
        }
        let isDSN =
            statusPart != nil
            || (topType?.value == "multipart/report"
                && topType?.parameters["report-type"]?.lowercased() == "delivery-status")
        let returned = returnedHeaders(message)
        if isDSN, let statusPart {
            let groups = FieldGroups.parse(String(decoding: statusPart.body, as: UTF8.self))
            let perMessage = groups.first ?? []
            func value(_ fields: [HeaderField], _ name: String) -> String? {
                fields.first(named: name).map(FieldGroups.untyped).flatMap { $0.isEmpty ? nil : $0 }
            }
            let recipients = groups.dropFirst().compactMap { g -> Recipient? in
                let r = Recipient(
                    finalRecipient: value(g, "Final-Recipient").map(Self.bareAddress),
                    originalRecipient: value(g, "Original-Recipient").map(Self.bareAddress),
                    action: value(g, "Action").map { $0.lowercased() },
                    status: value(g, "Status").flatMap(PlainTextBounce.statusCode(in:)),
                    diagnosticCode: value(g, "Diagnostic-Code"), remoteMTA: value(g, "Remote-MTA"))
                return r.finalRecipient == nil && r.action == nil && r.status == nil ? nil : r
            }
            return DeliveryReport(
                format: .deliveryStatus, reportingMTA: value(perMessage, "Reporting-MTA"),
                originalEnvelopeID: value(perMessage, "Original-Envelope-Id"), recipients: recipients,
                originalMessageID: returned.flatMap { $0.first(named: "Message-ID") }.flatMap {
                    ParsedMessage.messageIDs($0).first
                }, originalHeaders: (returned ?? []).map { Field(name: $0.name, value: $0.value) })
        }
        return PlainTextBounce.read(message, returned: returned)
    }

    /// The header fields of the returned message: an attached `message/rfc822` (or `message/global`), else a
    /// `text/rfc822-headers` (or `message/global-headers`) part.
    static func returnedHeaders(_ message: ParsedMessage) -> [HeaderField]? {
        if let attached = message.attachedHeaders.first(where: { !$0.isEmpty }) { return attached }
        for part in message.parts
        where part.contentType == "text/rfc822-headers" || part.contentType == "message/global-headers" {
            let text = part.text ?? String(decoding: part.body, as: UTF8.self)
            if let fields = FieldGroups.parse(text).first { return fields }
        }
        return nil
    }

    /// `<a@b>` or `a@b` → `a@b`.
    static func bareAddress(_ s: String) -> String {
        var t = s.trimmingBlanks()
        if t.hasPrefix("<"), t.hasSuffix(">") { t = String(t.dropFirst().dropLast()) }
        return t
    }
}
