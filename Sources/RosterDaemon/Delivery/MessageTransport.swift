import RosterStore

/// Something that delivers outbox messages: a Maildir, or SMTP submission through libcurl.
///
/// A transport has one or more *channels* (one per SMTP connection; a Maildir has one). A delivery run
/// takes a channel with ``withChannel(_:_:)`` and delivers message after message on that channel's own
/// thread, with plain blocking calls: no thread hop per message, and never a blocked thread of Swift's
/// cooperative pool.
public protocol MessageTransport: Sendable {
    /// How many channels can deliver at the same time.
    var channels: Int { get }
    /// Runs `body` on channel `channel`'s own thread (never the cooperative pool) with a function that
    /// delivers one message and blocks until its outcome. One channel runs one `body` at a time.
    func withChannel<T: Sendable>(
        _ channel: Int, _ body: @escaping @Sendable (_ deliver: DeliverFunction) throws -> T
    ) async throws -> T
    /// Releases connections (called when a run ends).
    func close() async
}

/// Delivers `message` with envelope sender `envelopeFrom` to its recipient, blocking until the outcome.
public typealias DeliverFunction = (_ message: OutboxMessage, _ envelopeFrom: String) -> TransportOutcome

/// A transport's answer for one message.
public enum TransportOutcome: Sendable, Equatable {
    /// The message's own outcome, recorded in the outbox.
    case result(DeliveryResult)
    /// The transport itself is unusable (cannot connect, TLS or authentication failed): the circuit breaker
    /// opens, the message goes back untouched and the run pauses.
    case pause(reason: String)
}
