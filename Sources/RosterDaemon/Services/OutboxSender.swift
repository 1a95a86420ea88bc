import Foundation
import Logging
import Roster
import RosterStore

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

    /// Delivers every message that is due now; returns when none is left, or when the breaker opens, or
    /// when `shouldStop()` says so between two messages (a graceful shutdown finishes the current one).
    public func deliverDue(shouldStop: @Sendable () -> Bool = { false }) async throws -> Summary {
        try store.recoverInterrupted(now: now(), policy: policy)
        var summary = Summary()
        let rate = config.delivery.ratePerSecond
        let interval = rate > 0 ? 1 / rate : 0
        var last = Date.distantPast
        var retryLater: Set<Int64> = []
        var current = shouldStop() ? nil : try store.claimNextDue(now: now(), excluding: retryLater)
        while let m = current {
            let wait = interval - Date().timeIntervalSince(last)
            if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
            last = Date()
            let outcome = await transport.deliver(m, envelopeFrom: config.delivery.sender)
            let meta: Logger.Metadata = [
                "mail.message_id": "\(m.messageID)", "roster.site": "\(m.siteID)", "mail.outbox_id": "\(m.id)",
            ]
            switch outcome {
            case .pause(let reason):
                try store.releaseClaim(id: m.id, reason: "paused: \(reason)")
                logger.warning(
                    "delivery paused (circuit breaker open)",
                    metadata: meta.merging(["mail.reason": "\(reason)"]) { a, _ in a })
                summary.paused = reason
                return summary
            case .result(let result):
                // The outcome and the next claim in one commit; no new claim once a shutdown was asked for.
                let (state, next): (OutboxMessage.State, OutboxMessage?)
                if shouldStop() {
                    (state, next) = (
                        try store.recordResult(id: m.id, result, giveUpAt: giveUpAt(m), now: now(), policy: policy), nil
                    )
                } else {
                    (state, next) = try store.recordResultAndClaimNext(
                        id: m.id, result, giveUpAt: giveUpAt(m), now: now(), policy: policy, excluding: retryLater)
                }
                current = next
                switch state {
                case .sent: summary.sent += 1
                case .deferred:
                    summary.deferred += 1
                    retryLater.insert(m.id)
                case .unknown:
                    summary.unknown += 1
                    retryLater.insert(m.id)
                case .failed:
                    summary.failed += 1
                    do {
                        try alert(about: m, result: result)
                        // The alerts were queued after this commit's claim: pick them up in this run too.
                        if current == nil && !shouldStop() {
                            current = try store.claimNextDue(now: now(), excluding: retryLater)
                        }
                    } catch {
                        logger.error(
                            "could not queue the failure alert",
                            metadata: meta.merging(["error": "\(error)"]) { a, _ in a })
                    }
                default: break
                }
                logger.info(
                    "delivery attempt", metadata: meta.merging(["mail.state": "\(state.rawValue)"]) { a, _ in a })
            }
        }
        return summary
    }

    /// A message of week W is given up before the next week's mailing, or `give_up_hours` after it was
    /// composed, whichever comes first.
    func giveUpAt(_ m: OutboxMessage) -> Date {
        let created = (try? Date(m.createdAt, strategy: .iso8601)) ?? now()
        let limit = created.addingTimeInterval(TimeInterval(config.delivery.giveUpHours) * 3600)
        guard m.kind == "roster", let week = ISOWeek(m.week) else { return limit }
        return min(limit, schedule.scheduledInstant(of: week.next))
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
