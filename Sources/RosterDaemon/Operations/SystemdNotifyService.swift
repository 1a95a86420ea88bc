import Logging
import ServiceLifecycle
import SystemdNotify

/// Speaks systemd's notify protocol for `serve` (`Type=notify`): `READY=1` when it starts (start-up has
/// checked the configuration, the store and the transport by then), a `STATUS=` line whenever
/// ``DaemonStatus`` changes, `WATCHDOG=1` at half of `WatchdogSec=` but only while ``Liveness`` finds
/// every service within its allowance, and `STOPPING=1` as soon as a graceful shutdown begins.
///
/// List it last in the service group: the group shuts services down in reverse order, so systemd hears
/// `STOPPING=1` first, while the sender is still finishing its messages in flight.
public struct SystemdNotifyService: Service, CustomStringConvertible {
    let notifier: SystemdNotifier
    let watchdog: WatchdogSettings?
    let liveness: Liveness
    let status: DaemonStatus
    let logger: Logger

    public init(
        notifier: SystemdNotifier, watchdog: WatchdogSettings?, liveness: Liveness, status: DaemonStatus,
        logger: Logger
    ) {
        self.notifier = notifier
        self.watchdog = watchdog
        self.liveness = liveness
        self.status = status
        self.logger = logger
    }

    public var description: String { "SystemdNotifyService" }

    public func run() async throws {
        var shown = status.text
        send { try notifier.ready(status: shown) }
        let tick = min(watchdog?.pingInterval ?? .seconds(1), .seconds(1))
        let clock = ContinuousClock()
        var nextPing = clock.now
        var reportedStall = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let watchdog, clock.now >= nextPing {
                nextPing = clock.now + watchdog.pingInterval
                let overdue = liveness.overdue()
                if overdue.isEmpty {
                    send { try notifier.watchdog() }
                    if reportedStall {
                        reportedStall = false
                        status.stalled(nil)
                    }
                } else if !reportedStall {
                    reportedStall = true
                    let names = overdue.map(\.part).joined(separator: ", ")
                    status.stalled("\(names) made no progress within its timeouts")
                    logger.critical(
                        "no progress past the timeouts; watchdog pings stop so systemd restarts the daemon",
                        metadata: ["service": "\(names)"])
                }
            }
            let text = status.text
            if text != shown {
                shown = text
                send { try notifier.status(text) }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: tick) }
        }
        send { try notifier.stopping(status: "stopping: finishing the messages in flight") }
    }

    private func send(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            logger.warning("systemd notification not sent", metadata: ["error": "\(error)"])
        }
    }
}
