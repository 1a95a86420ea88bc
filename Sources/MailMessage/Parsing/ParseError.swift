/// A message the parser refuses because it exceeds one of the `ParseLimits`. Everything else is parsed
/// tolerantly; this is the only error `MessageParser.parse` throws.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The limit that was exceeded.
    public let limit: ParseLimits.Limit
    /// The configured maximum.
    public let allowed: Int
    /// Where in the message it happened, e.g. "part 3" or "top-level header".
    public let location: String

    public init(limit: ParseLimits.Limit, allowed: Int, location: String) {
        self.limit = limit
        self.allowed = allowed
        self.location = location
    }

    /// A reason fit for a quarantine record: what, where and what next.
    public var description: String {
        "message exceeds the \(limit.rawValue) limit of \(allowed) at \(location); not parsed, quarantine it"
    }
}
