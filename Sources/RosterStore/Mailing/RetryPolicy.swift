import Foundation

/// How failed deliveries are retried: Postfix-style backoff (the delay is the message's age, clamped to
/// [minimum, maximum], with jitter) and a reconciliation delay before a message whose fate is unknown is
/// sent again under the same Message-ID.
public struct RetryPolicy: Sendable, Equatable {
    public var minimumDelay: TimeInterval = 300
    public var maximumDelay: TimeInterval = 3600
    /// Fraction of the delay added at random (0.1 = up to +10 %), so retries of a batch spread out.
    public var jitter: Double = 0.1
    /// Wait before resending a message that may already have been accepted (timeout after DATA, crash).
    public var reconcileDelay: TimeInterval = 900

    public init() {}

    public init(minimumDelay: TimeInterval, maximumDelay: TimeInterval, jitter: Double, reconcileDelay: TimeInterval) {
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.reconcileDelay = reconcileDelay
    }

    /// The delay before the next attempt of a message created `age` seconds ago; `random` in [0, 1).
    public func delay(age: TimeInterval, random: Double) -> TimeInterval {
        let base = min(max(age, minimumDelay), maximumDelay)
        return base * (1 + jitter * random)
    }
}
