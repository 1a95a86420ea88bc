import CoreMetrics
import Foundation
import Prometheus
import Roster
import RosterStore

/// The daemon's metrics, recorded through the swift-metrics API into a Prometheus registry of its own
/// (no global bootstrap: tests make as many as they like) and rendered in the Prometheus text format by
/// swift-prometheus.
///
/// Counts that must survive a restart (outbox messages by state, replies by outcome, the last week
/// mailed) are read from the store at each ``refresh(from:)``; events (delivery latency, the last
/// successful poll) are recorded as they happen.
public final class DaemonMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    let attempt: CoreMetrics.Timer
    let queueDelay: CoreMetrics.Timer
    let lastPoll: CoreMetrics.Gauge
    let lastWeek: CoreMetrics.Gauge
    let lastWeekStart: CoreMetrics.Gauge
    let outbox: [OutboxMessage.State: CoreMetrics.Gauge]
    let replies: [String: CoreMetrics.Gauge]
    let replyOutcomes = ["applied", "quarantined", "ignored"]

    public init() {
        registry = PrometheusCollectorRegistry()
        var f = PrometheusMetricsFactory(registry: registry)
        let seconds: [Duration] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600].map { .seconds($0) }
        let hours: [Duration] = [60, 300, 900, 1800, 3600, 7200, 14_400, 43_200, 86_400, 172_800].map { .seconds($0) }
        f.durationHistogramBuckets = [
            "rostermail_delivery_attempt_seconds": seconds, "rostermail_delivery_delay_seconds": hours,
        ]
        factory = f
        attempt = CoreMetrics.Timer(label: "rostermail_delivery_attempt_seconds", factory: f)
        queueDelay = CoreMetrics.Timer(label: "rostermail_delivery_delay_seconds", factory: f)
        lastPoll = CoreMetrics.Gauge(label: "rostermail_last_successful_poll_timestamp_seconds", factory: f)
        lastWeek = CoreMetrics.Gauge(label: "rostermail_last_week_mailed", factory: f)
        lastWeekStart = CoreMetrics.Gauge(label: "rostermail_last_week_mailed_start_timestamp_seconds", factory: f)
        var outbox: [OutboxMessage.State: CoreMetrics.Gauge] = [:]
        for state in OutboxMessage.State.allCases {
            outbox[state] = CoreMetrics.Gauge(
                label: "rostermail_outbox_messages", dimensions: [("state", state.rawValue)], factory: f)
        }
        self.outbox = outbox
        var replies: [String: CoreMetrics.Gauge] = [:]
        for outcome in replyOutcomes {
            replies[outcome] = CoreMetrics.Gauge(
                label: "rostermail_replies", dimensions: [("outcome", outcome)], factory: f)
        }
        self.replies = replies
    }

    /// One delivery attempt took `duration`; `message` was composed at its `createdAt`. Accepted messages
    /// also record the delay from composition to acceptance.
    public func attempted(_ message: OutboxMessage, state: OutboxMessage.State, duration: Duration, now: Date) {
        attempt.recordNanoseconds(Self.nanoseconds(duration))
        if state == .sent, let created = message.createdDate {
            queueDelay.recordNanoseconds(Int64(max(0, now.timeIntervalSince(created)) * 1e9))
        }
    }

    /// A poll of the reply mailbox succeeded at `date`.
    public func polled(at date: Date) {
        lastPoll.record(date.timeIntervalSince1970)
    }

    /// Reads the store's counts into the gauges (called before each scrape and textfile write).
    public func refresh(from store: RosterDatabase) throws {
        let states = try store.outboxCountsByState()
        for (state, gauge) in outbox { gauge.record(states[state] ?? 0) }
        let outcomes = try store.replyCountsByOutcome()
        for (outcome, gauge) in replies { gauge.record(outcomes[outcome] ?? 0) }
        if let text = try store.lastWeekMailed(), let week = ISOWeek(text) {
            lastWeek.record(week.year * 100 + week.week)
            lastWeekStart.record(
                week.monday.instant(hour: 0, minute: 0, in: TimeZone(identifier: "UTC")!).timeIntervalSince1970)
        }
    }

    /// The Prometheus text exposition format (version 0.0.4).
    public func render() -> String {
        registry.emitToString()
    }

    static func nanoseconds(_ d: Duration) -> Int64 {
        let (s, atto) = d.components
        return s * 1_000_000_000 + atto / 1_000_000_000
    }
}
