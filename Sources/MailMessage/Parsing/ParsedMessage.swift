/// A parsed message: its headers, the common fields decoded, and its leaf parts in depth-first order.
public struct ParsedMessage: Sendable, Hashable {
    /// Top-level header fields in order (empty when the input had no header section).
    public let headers: [HeaderField]
    /// Leaf parts, depth-first, including those of attached messages (see `ParsedPart.messageDepth`).
    public let parts: [ParsedPart]
    /// What the parser had to tolerate ("multipart without its closing boundary", …), for diagnostics.
    public let defects: [String]
    /// The header sections of attached messages (`message/rfc822`, `message/global`), depth-first: a
    /// returned message's Message-ID lives here even when its body is multipart.
    public let attachedHeaders: [[HeaderField]]

    public init(
        headers: [HeaderField], parts: [ParsedPart], defects: [String], attachedHeaders: [[HeaderField]] = []
    ) {
        self.headers = headers
        self.parts = parts
        self.defects = defects
        self.attachedHeaders = attachedHeaders
    }

    /// The raw value of the first field named `name` (case-insensitive).
    public func rawHeader(_ name: String) -> String? { headers.first(named: name) }

    /// The decoded (RFC 2047) value of the first field named `name`, or nil.
    public func header(_ name: String) -> String? { rawHeader(name).map(EncodedWords.decode) }

    /// The decoded values of all fields named `name`, in order.
    public func headers(named name: String) -> [String] {
        let lower = name.lowercased()
        return headers.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    public var subject: String? { header("Subject") }
    public var from: [ParsedAddress] { addresses("From") }
    public var to: [ParsedAddress] { addresses("To") }
    public var cc: [ParsedAddress] { addresses("Cc") }
    public var replyTo: [ParsedAddress] { addresses("Reply-To") }

    /// The Message-ID without angle brackets.
    public var messageID: String? { rawHeader("Message-ID").flatMap { Self.messageIDs($0).first } }
    /// The first message id of In-Reply-To, without angle brackets.
    public var inReplyTo: String? { rawHeader("In-Reply-To").flatMap { Self.messageIDs($0).first } }
    /// The message ids of References, in order, without angle brackets.
    public var references: [String] { rawHeader("References").map(Self.messageIDs) ?? [] }

    /// Every mailbox of all fields named `name`.
    public func addresses(_ name: String) -> [ParsedAddress] {
        let lower = name.lowercased()
        return headers.filter { $0.name.lowercased() == lower }.flatMap { AddressListParser.parse($0.rawValue) }
    }

    /// The `<…>` ids of a header value; a value without brackets counts as one id (trimmed).
    public static func messageIDs(_ raw: String) -> [String] {
        var ids: [String] = []
        var current: String?
        for scalar in raw.unicodeScalars {
            if scalar == "<" {
                current = ""
            } else if scalar == ">" {
                if let c = current, !c.isEmpty { ids.append(c) }
                current = nil
            } else if current != nil, scalar != " ", scalar != "\t" {
                current!.unicodeScalars.append(scalar)
            }
        }
        if ids.isEmpty {
            let trimmed = ByteRules.trimmingWhitespace(raw)
            if !trimmed.isEmpty && !trimmed.contains(" ") { ids.append(trimmed) }
        }
        return ids
    }
}
