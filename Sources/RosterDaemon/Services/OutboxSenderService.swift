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
            let summary = try await sender.deliverDue(shouldStop: { Task.isShuttingDownGracefully })
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
