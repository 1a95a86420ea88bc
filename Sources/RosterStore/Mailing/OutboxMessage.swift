import Foundation

/// One row of the outbox: a composed message and its delivery state.
public struct OutboxMessage: Sendable {
    public enum State: String, Sendable, CaseIterable {
        case queued, sending, sent, deferred, failed, unknown, cancelled
        /// Accepted by the relay, then returned by the recipient's server (a bounce, `BounceDesk`).
        case bounced
    }

    public var id: Int64
    public var kind: String
    public var week: String
    public var siteID: String
    public var recipient: String
    public var messageID: String
    public var bytes: [UInt8]
    public var state: State
    public var attempts: Int
    public var createdAt: String
    /// ``createdAt`` read as a date (nil if the text is not ISO 8601).
    public var createdDate: Date? { Timestamp.date(createdAt) }
}
