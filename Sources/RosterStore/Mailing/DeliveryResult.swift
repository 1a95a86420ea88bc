/// What one delivery attempt of an outbox message came to, as the sender reports it to the store.
public enum DeliveryResult: Sendable, Equatable {
    /// The server accepted the message (final 2xx); `reply` is its reply line.
    case accepted(reply: String)
    /// 4xx, or a failure before the message body was sent: retry later.
    case temporary(reply: String)
    /// 5xx: the message will never be accepted as it is.
    case permanent(reply: String)
    /// A timeout or lost connection after the body was sent: it may have been accepted.
    case unknown(detail: String)
}
