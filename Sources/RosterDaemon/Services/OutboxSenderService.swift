import CurlMail
import Foundation
import Logging
import RosterStore
import ServiceLifecycle

/// Runs the outbox sender for the daemon: delivers what is due, sleeps until the next retry (or a poll
/// interval), and backs off while the circuit breaker is open. On SIGTERM it finishes the message in
/// flight, records its outcome and returns. After a reload (``LiveConfiguration``) the run in progress
/// stops after its messages in flight and the next one uses the new configuration and transport.
public struct OutboxSenderService: Service {
    let live: LiveConfiguration
    let store: RosterDatabase
    let monitor: DeliveryMonitor?
    let logger: Logger
    var pollInterval: TimeInterval = 30
    var breakerDelays: [TimeInterval] = [30, 60, 120, 300, 600]

    public init(live: LiveConfiguration, store: RosterDatabase, monitor: DeliveryMonitor?, logger: Logger) {
        self.live = live
        self.store = store
        self.monitor = monitor
        self.logger = logger
    }

    public func run() async throws {
        var pauses = 0
        var generation = -1
        var sender: OutboxSender?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let current = live.current
            if current.generation != generation || sender == nil {
                if let old = sender { await old.transport.close() }
                var s = OutboxSender(
                    store: store, transport: current.setup.transport, config: current.setup.config, logger: logger)
                s.observer = monitor
                sender = s
                generation = current.generation
                pauses = 0
            }
            guard let sender else { break }
            // The channels run on their own threads, where the task's shutdown state cannot be read: a flag,
            // also set by a reload (the run ends after the messages in flight).
            let stop = CancelFlag()
            let token = live.onChange { stop.set() }
            let summary: OutboxSender.Summary
            do {
                summary = try await withTaskCancellationHandler {
                    try await withGracefulShutdownHandler {
                        try await sender.deliverDue(shouldStop: { stop.isSet })
                    } onGracefulShutdown: {
                        stop.set()
                    }
                } onCancel: {
                    stop.set()
                }
                live.stopObserving(token)
            } catch {
                live.stopObserving(token)
                throw error
            }
            if live.current.generation != generation { continue }
            var sleep = pollInterval
            if summary.paused != nil {
                sleep = breakerDelays[min(pauses, breakerDelays.count - 1)]
                pauses += 1
            } else {
                pauses = 0
                if let next = try store.nextRetryDate() {
                    sleep = min(sleep, max(1, next.timeIntervalSinceNow))
                }
            }
            let seconds = sleep
            monitor?.idle(seconds: seconds, slack: LivenessBudget(config: current.setup.config).slack)
            await live.sleep(for: .seconds(seconds), unlessReplacing: generation)
        }
        monitor?.retire()
        await sender?.transport.close()
    }
}

// ServiceGroup logs and keeps each service's description; the default one prints every stored property,
// the whole configuration with its directory included (megabytes for a large district, for the daemon's
// whole life). A name is what the logs need.
extension OutboxSenderService: CustomStringConvertible {
    public var description: String { "OutboxSenderService" }
}

extension MailingSchedulerService: CustomStringConvertible {
    public var description: String { "MailingSchedulerService" }
}

extension ReplyPollerService: CustomStringConvertible {
    public var description: String { "ReplyPollerService" }
}
