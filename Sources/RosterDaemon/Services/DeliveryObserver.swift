import RosterStore

/// Told about a delivery run as it goes (from the channels' own threads): the daemon's watchdog, status
/// line and metrics listen here. Every call must return at once.
public protocol DeliveryObserver: Sendable {
    /// A run begins with `due` messages due now.
    func runStarting(due: Int)
    /// A channel is about to hand a message to its transport.
    func attemptStarting()
    /// The transport answered for `message` after `duration`; its new state is recorded.
    func attemptFinished(_ message: OutboxMessage, state: OutboxMessage.State, duration: Duration)
    /// The run is over.
    func runFinished()
}
