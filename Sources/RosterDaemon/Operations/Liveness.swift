import Synchronization

/// Whether the daemon's services make progress, for the systemd watchdog: each service promises its next
/// sign of life within an allowance (its own timeouts: a delivery attempt's, a poll's, a sleep's), and the
/// watchdog is fed only while no promise is broken. A sender blocked in a transfer past its timeouts, or a
/// poller stuck in a pass, stops the pings and systemd restarts the daemon.
public final class Liveness: Sendable {
    public typealias Instant = ContinuousClock.Instant
    private let deadlines = Mutex<[String: Instant]>([:])
    let now: @Sendable () -> Instant

    public init(now: @escaping @Sendable () -> Instant = { ContinuousClock.now }) {
        self.now = now
    }

    /// `part` is alive now and will be heard from again within `allowance`.
    public func beat(_ part: String, within allowance: Duration) {
        let deadline = now() + allowance
        deadlines.withLock { $0[part] = deadline }
    }

    /// `part` has stopped on purpose (a graceful shutdown): it is no longer watched.
    public func retire(_ part: String) {
        _ = deadlines.withLock { $0.removeValue(forKey: part) }
    }

    /// The parts whose promise is broken, with how long ago their deadline passed; empty while all is well.
    public func overdue() -> [(part: String, late: Duration)] {
        let t = now()
        return deadlines.withLock { d in
            d.filter { $0.value < t }.map { ($0.key, t - $0.value) }.sorted { $0.part < $1.part }
        }
    }
}

/// How long each service may go without a sign of life before the watchdog gives up on it: derived from
/// the configured timeouts, so only a service stuck *past* them is restarted.
public struct LivenessBudget: Sendable, Equatable {
    /// One delivery attempt: a connection and every SMTP reply of one transaction (greeting, EHLO, STARTTLS,
    /// EHLO, AUTH, MAIL, RCPT, DATA, the final reply), each bounded by `delivery.response_timeout`.
    public var deliveryAttempt: Duration
    /// One pass over the reply mailbox (IMAP operations are bounded by libcurl's timeouts).
    public var pollPass: Duration
    /// Composing a weekly mailing.
    public var composing: Duration
    /// Added to every sleep a service announces.
    public var slack: Duration

    public init(config: RosterMailConfig) {
        let d = config.delivery
        deliveryAttempt = .seconds(d.connectTimeout + 9 * Double(d.responseTimeout) + 60)
        pollPass = .seconds(30 * 60)
        composing = .seconds(15 * 60)
        slack = .seconds(60)
    }

    public init(deliveryAttempt: Duration, pollPass: Duration, composing: Duration, slack: Duration) {
        self.deliveryAttempt = deliveryAttempt
        self.pollPass = pollPass
        self.composing = composing
        self.slack = slack
    }
}
