/// A mailbox read from a received header: tolerant, so the address may be malformed (or empty when only
/// a display name was found). Compare addresses case-insensitively.
public struct ParsedAddress: Sendable, Hashable, Codable {
    /// The decoded display name (RFC 2047 words decoded, quotes removed), or nil.
    public let displayName: String?
    /// `local@domain` as written, without angle brackets.
    public let address: String

    public init(displayName: String?, address: String) {
        self.displayName = displayName
        self.address = address
    }

    enum CodingKeys: String, CodingKey {
        case displayName = "name"
        case address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(address, forKey: .address)
    }
}
