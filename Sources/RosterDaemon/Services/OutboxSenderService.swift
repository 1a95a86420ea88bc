import CurlMail
import Foundation
import Logging
import RosterStore
import ServiceLifecycle

/// Runs the outbox sender for the daemon: delivers what is due, sleeps until the next retry (or a poll
/// interval), and backs off while the circuit breaker is open. On SIGTERM it finishes the message in
/// flight, records its outcome and returns.
public struct OutboxSenderService: Service {
    let sender: OutboxSender
    let logger: Logger
    var pollInterval: TimeInterval = 30
    var breakerDelays: [TimeInterval] = [30, 60, 120, 300, 600]

    public init(sender: OutboxSender, logger: Logger) {
        self.sender = sender
        self.logger = logger
    }

    public func run() async throws {
        var pauses = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // The channels run on their own threads, where the task's shutdown state cannot be read: a flag.
            let stop = CancelFlag()
            let summary = try await withTaskCancellationHandler {
                try await withGracefulShutdownHandler {
                    try await sender.deliverDue(shouldStop: { stop.isSet })
                } onGracefulShutdown: {
                    stop.set()
                }
            } onCancel: {
                stop.set()
            }
            var sleep = pollInterval
            if summary.paused != nil {
                sleep = breakerDelays[min(pauses, breakerDelays.count - 1)]
                pauses += 1
            } else {
                pauses = 0
                if let next = try sender.store.nextRetryDate() {
                    sleep = min(sleep, max(1, next.timeIntervalSinceNow))
                }
            }
            let seconds = sleep
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
        }
        await sender.transport.close()
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
