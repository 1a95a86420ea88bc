import RosterStore

/// Something that delivers one outbox message: a Maildir, or SMTP submission through libcurl.
public protocol MessageTransport: Sendable {
    /// Delivers `message` with envelope sender `envelopeFrom` to its recipient.
    func deliver(_ message: OutboxMessage, envelopeFrom: String) async -> TransportOutcome
    /// Releases connections (called when a run ends).
    func close() async
}

/// A transport's answer for one message.
public enum TransportOutcome: Sendable, Equatable {
    /// The message's own outcome, recorded in the outbox.
    case result(DeliveryResult)
    /// The transport itself is unusable (cannot connect, TLS or authentication failed): the circuit breaker
    /// opens, the message goes back untouched and the run pauses.
    case pause(reason: String)
}
