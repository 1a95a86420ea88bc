import Foundation
import Logging
import Roster
import RosterStore
import Synchronization

/// Delivers the outbox through a transport, one message at a time, with the store's state machine:
/// `sending` is committed before the transport starts, the outcome after it answers. A transport that is
/// unusable (connection, TLS, authentication) opens the circuit breaker: the message goes back untouched
/// and the run pauses, so nobody is skipped or sent twice. Failures alert the CSC and the admin once.
public struct OutboxSender: Sendable {
    public let store: RosterDatabase
    public let transport: any MessageTransport
    public let config: RosterMailConfig
    public var policy: RetryPolicy { config.delivery.retry }
    let logger: Logger
    let now: @Sendable () -> Date
    /// Told about each run and attempt (the daemon's watchdog, status and metrics); nil for the commands.
    public var observer: (any DeliveryObserver)?

    public init(
        store: RosterDatabase, transport: any MessageTransport, config: RosterMailConfig, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.transport = transport
        self.config = config
        self.logger = logger
        self.now = now
    }

    public struct Summary: Sendable, Equatable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
        public var unknown = 0
        /// Why the run paused (circuit breaker), if it did.
        public var paused: String?
    }

    /// Delivers every message that is due now, on all of the transport's channels at once (one per SMTP
    /// connection); returns when none is left, or when no channel can deliver (the breaker), or when
    /// `shouldStop()` says so between two messages (a graceful shutdown finishes the messages in flight).
    ///
    /// A channel whose transport is unusable (cannot connect, TLS or authentication failed, 421 or 4.3.2:
    /// e.g. a relay's limit on concurrent connections) puts its message back and stops; the others go on
    /// with it. The run is `paused` when messages are still due at the end because channels stopped.
    ///
    /// Only one process delivers a store's outbox at a time: while another holds the sender lock, nothing
    /// is done and the summary says why (`paused`).
    public func deliverDue(shouldStop: @escaping @Sendable () -> Bool = { false }) async throws -> Summary {
        guard let lock = try store.senderLock() else {
            return Summary(paused: Self.anotherSender)
        }
        defer { withExtendedLifetime(lock) {} }
        // Messages left `sending` can only be a crashed sender's: the lock says no other process is sending.
        try store.recoverInterrupted(now: now(), policy: policy)
        if let observer {
            observer.runStarting(due: try store.dueCount(now: now()))
        }
        defer { observer?.runFinished() }
        let run = DeliveryRun(ratePerSecond: config.delivery.ratePerSecond)
        let channels = transport.channels
        try await withThrowingTaskGroup(of: Void.self) { group in
            for channel in 0..<channels {
                group.addTask {
                    try await transport.withChannel(channel) { deliver in
                        try self.deliverOnChannel(deliver, run: run, shouldStop: shouldStop)
                    }
                }
            }
            try await group.waitForAll()
        }
        var summary = run.summary
        if let (reason, stopped) = run.stoppedChannels {
            if try store.hasDue(now: now(), excluding: run.retryLater) {
                summary.paused = reason
            } else {
                logger.warning(
                    "some connections could not be used; the others delivered everything due",
                    metadata: ["mail.reason": "\(reason)", "mail.unusable": "\(stopped) of \(channels)"])
            }
        }
        return summary
    }

    static let anotherSender =
        "another rostermail process (serve, mail or outbox send) is delivering this outbox; it sends these messages"

    /// One channel's loop, on the channel's own thread: claim, deliver, record the outcome and claim the
    /// next message in one commit, until nothing is due, the transport fails or a stop was asked for.
    func deliverOnChannel(
        _ deliver: DeliverFunction, run: DeliveryRun, shouldStop: @Sendable () -> Bool
    ) throws {
        var current = shouldStop() ? nil : try store.claimNextDue(now: now(), excluding: run.retryLater)
        while let m = current {
            run.waitForSlot()
            observer?.attemptStarting()
            let started = ContinuousClock.now
            let outcome = deliver(m, config.delivery.sender)
            // Built only when a line is logged (metadata is an autoclosure): thousands of messages a run.
            func meta(_ extra: String, _ value: String) -> Logger.Metadata {
                [
                    "mail.message_id": "\(m.messageID)", "roster.site": "\(m.siteID)", "mail.outbox_id": "\(m.id)",
                    extra: "\(value)",
                ]
            }
            switch outcome {
            case .pause(let reason):
                try store.releaseClaim(id: m.id, reason: "paused: \(reason)")
                logger.warning(
                    "connection unusable; this channel stops (the run pauses if no channel can deliver)",
                    metadata: meta("mail.reason", reason))
                run.channelStopped(reason)
                return
            case .result(let result):
                // The outcome and the next claim in one commit; no new claim once a stop was asked for.
                let (state, next): (OutboxMessage.State, OutboxMessage?)
                if shouldStop() {
                    (state, next) = (
                        try store.recordResult(
                            id: m.id, result, giveUpAt: giveUpAt(m, run: run), now: now(), policy: policy), nil
                    )
                } else {
                    (state, next) = try store.recordResultAndClaimNext(
                        id: m.id, result, giveUpAt: giveUpAt(m, run: run), now: now(), policy: policy,
                        excluding: run.retryLater)
                }
                current = next
                run.count(state, id: m.id)
                observer?.attemptFinished(m, state: state, duration: ContinuousClock.now - started)
                if state == .failed {
                    do {
                        try alert(about: m, result: result)
                        // The alerts were queued after this commit's claim: pick them up in this run too.
                        if current == nil && !shouldStop() {
                            current = try store.claimNextDue(now: now(), excluding: run.retryLater)
                        }
                    } catch {
                        logger.error(
                            "could not queue the failure alert",
                            metadata: meta("error", "\(error)"))
                    }
                }
                logger.info(
                    "delivery attempt", metadata: meta("mail.state", state.rawValue))
            }
        }
    }

    /// A message of week W is given up before the next week's mailing, or `give_up_hours` after it was
    /// composed, whichever comes first.
    func giveUpAt(_ m: OutboxMessage, run: DeliveryRun? = nil) -> Date {
        let created = m.createdDate ?? now()
        let limit = created.addingTimeInterval(TimeInterval(config.delivery.giveUpHours) * 3600)
        guard m.kind == "roster" else { return limit }
        let compute = { (week: String) in ISOWeek(week).map { schedule.scheduledInstant(of: $0.next) } }
        let nextMailing = run.map { $0.nextMailing(after: m.week, compute) } ?? compute(m.week)
        return nextMailing.map { min(limit, $0) } ?? limit
    }

    var schedule: MailingSchedule {
        MailingSchedule(
            weekday: config.schedule.weekday, hour: config.schedule.hour, minute: config.schedule.minute,
            timeZone: config.timeZone, catchUp: TimeInterval(config.schedule.catchUpHours) * 3600,
            noSchoolWeeks: config.schedule.noSchoolWeeks)
    }

    /// One alert per failed message, to the school's CSC and the admin, naming site, recipient and reply.
    /// Alerts about alerts are not sent (the admin sees them in `rostermail outbox list`).
    func alert(about m: OutboxMessage, result: DeliveryResult) throws {
        guard m.kind == "roster" else { return }
        let site = config.directory.site(id: m.siteID)
        let school = site.flatMap { config.directory.school(number: $0.schoolNumber) }
        var recipients = [Person(name: "RosterMail admin", email: config.adminAddress)]
        if let csc = school?.coordinator { recipients.insert(csc, at: 0) }
        let reply: String
        switch result {
        case .accepted(let r), .temporary(let r), .permanent(let r): reply = r
        case .unknown(let d): reply = d
        }
        let emails = try AlertComposer(district: config.district, timeZone: config.timeZone).compose(
            failedOutboxID: m.id, siteID: m.siteID, week: m.week, recipient: m.recipient, reply: reply,
            to: recipients, now: now())
        try store.enqueue(emails, kind: "alert.\(m.id)", now: now())
        logger.error(
            "delivery failed; CSC and admin alerted",
            metadata: ["mail.message_id": "\(m.messageID)", "roster.site": "\(m.siteID)", "mail.outbox_id": "\(m.id)"])
    }
}

/// What the channels of one delivery run share: the tally, the messages to leave for a later run, the
/// channels that stopped (the breaker), and the rate limit (one slot every 1/rate seconds, whichever
/// channel takes it).
final class DeliveryRun: Sendable {
    private struct State {
        var summary = OutboxSender.Summary()
        var retryLater: Set<Int64> = []
        var nextSlot = ContinuousClock.now
        var nextMailing: [String: Date?] = [:]
        var stopReason: String?
        var stopped = 0
    }
    private let state = Mutex(State())
    private let interval: Duration

    init(ratePerSecond: Double) {
        interval = ratePerSecond > 0 ? .seconds(1 / ratePerSecond) : .zero
    }

    var summary: OutboxSender.Summary { state.withLock { $0.summary } }
    /// Messages deferred or unknown in this run (a retry delay of zero must not make a run loop on one).
    var retryLater: Set<Int64> { state.withLock { $0.retryLater } }
    /// The first reason a channel stopped and how many stopped; nil when none did.
    var stoppedChannels: (reason: String, count: Int)? {
        state.withLock { s in s.stopReason.map { ($0, s.stopped) } }
    }

    /// A channel's transport is unusable: that channel stops; the first reason is kept.
    func channelStopped(_ reason: String) {
        state.withLock {
            $0.stopped += 1
            if $0.stopReason == nil { $0.stopReason = reason }
        }
    }

    /// The scheduled instant of the mailing after `week`'s, computed once per week in a run (calendar
    /// arithmetic in the district's time zone, the same for every message of the week).
    func nextMailing(after week: String, _ compute: (String) -> Date?) -> Date? {
        if let known = state.withLock({ $0.nextMailing[week] }) { return known }
        let value = compute(week)
        state.withLock { $0.nextMailing[week] = value }
        return value
    }

    func count(_ outcome: OutboxMessage.State, id: Int64) {
        state.withLock {
            switch outcome {
            case .sent: $0.summary.sent += 1
            case .deferred:
                $0.summary.deferred += 1
                $0.retryLater.insert(id)
            case .unknown:
                $0.summary.unknown += 1
                $0.retryLater.insert(id)
            case .failed: $0.summary.failed += 1
            default: break
            }
        }
    }

    /// Blocks the calling channel's thread until its turn under the rate limit.
    func waitForSlot() {
        guard interval > .zero else { return }
        let slot = state.withLock { s in
            let slot = max(s.nextSlot, ContinuousClock.now)
            s.nextSlot = slot + interval
            return slot
        }
        let wait = slot - ContinuousClock.now
        if wait > .zero {
            let (seconds, attoseconds) = wait.components
            Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        }
    }
}
