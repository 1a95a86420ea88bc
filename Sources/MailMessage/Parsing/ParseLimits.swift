/// Hard limits for `MessageParser`: a message beyond any of them is refused with a `ParseError` naming the
/// limit (the caller quarantines it). The defaults suit partner replies with a roster attachment.
public struct ParseLimits: Sendable, Hashable {
    /// One of the limits, named in errors and quarantine reasons.
    public enum Limit: String, Sendable, Hashable, CaseIterable {
        case messageBytes = "message size"
        case nestingDepth = "nesting depth"
        case partCount = "part count"
        case headerCount = "header count"
        case headerBytes = "header size"
    }

    /// Largest message, in bytes (default 25 MB).
    public var maxMessageBytes: Int
    /// Deepest nesting of multiparts and attached messages; the top-level message is depth 0 (default 20).
    public var maxNestingDepth: Int
    /// Most MIME entities in the whole message, containers included (default 200).
    public var maxPartCount: Int
    /// Most header fields in one header section (default 500).
    public var maxHeaderCount: Int
    /// Largest header section of one entity, in bytes (default 64 KB).
    public var maxHeaderBytes: Int

    public init(
        maxMessageBytes: Int = 25 * 1024 * 1024, maxNestingDepth: Int = 20, maxPartCount: Int = 200,
        maxHeaderCount: Int = 500, maxHeaderBytes: Int = 64 * 1024
    ) {
        self.maxMessageBytes = maxMessageBytes
        self.maxNestingDepth = maxNestingDepth
        self.maxPartCount = maxPartCount
        self.maxHeaderCount = maxHeaderCount
        self.maxHeaderBytes = maxHeaderBytes
    }

    public static let `default` = ParseLimits()

    /// The configured value of `limit`.
    public func value(of limit: Limit) -> Int {
        switch limit {
        case .messageBytes: return maxMessageBytes
        case .nestingDepth: return maxNestingDepth
        case .partCount: return maxPartCount
        case .headerCount: return maxHeaderCount
        case .headerBytes: return maxHeaderBytes
        }
    }
}
