import Foundation
import RosterStore

/// The daemon's ``DeliveryObserver``: each attempt renews the sender's promise to the watchdog (one
/// attempt's allowance), moves the status line on (`sending 120/540`) and feeds the delivery metrics.
public struct DeliveryMonitor: DeliveryObserver {
    public static let part = "sender"
    let liveness: Liveness
    let status: DaemonStatus
    let metrics: DaemonMetrics?
    let allowance: @Sendable () -> Duration

    /// `allowance` is read at every attempt: a reload may change the timeouts it comes from.
    public init(
        liveness: Liveness, status: DaemonStatus, metrics: DaemonMetrics?,
        allowance: @escaping @Sendable () -> Duration
    ) {
        self.liveness = liveness
        self.status = status
        self.metrics = metrics
        self.allowance = allowance
    }

    public func runStarting(due: Int) {
        liveness.beat(Self.part, within: allowance())
        if due > 0 { status.sending(total: due) }
    }

    public func attemptStarting() {
        liveness.beat(Self.part, within: allowance())
    }

    public func attemptFinished(_ message: OutboxMessage, state: OutboxMessage.State, duration: Duration) {
        status.sentOne()
        metrics?.attempted(message, state: state, duration: duration, now: Date())
    }

    public func runFinished() {
        status.sending(total: nil)
    }

    /// The sender sleeps until `seconds` from now; it promises to be back within that plus `slack`.
    public func idle(seconds: Double, slack: Duration) {
        liveness.beat(Self.part, within: .seconds(seconds) + slack)
    }

    public func retire() {
        liveness.retire(Self.part)
    }
}
