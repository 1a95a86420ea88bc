import ArgumentParser
import Foundation
import Logging
import RosterDaemon
import RosterStore
import ServiceLifecycle
import SystemdNotify

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Run the daemon: the weekly mailing on schedule, the outbox sender, the reply poller, daily backups. "
            + "SIGTERM finishes the message in flight; SIGHUP reloads the configuration."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Override delivery.transport.") var transport: String?

    func run() async throws {
        // Until the reload service listens, a SIGHUP must not end the daemon (its default action).
        signal(SIGHUP, SIG_IGN)
        let logger = global.logger
        let paths = global.paths
        let override = try transport.map { text in
            switch Transport.parse(text) {
            case .success(let t): return t
            case .failure(let e): throw ValidationError("--transport: \(e)")
            }
        }
        let hang = TestHang.fromEnvironment()
        let cache = (paths.stateDirectory as NSString).appendingPathComponent("cache")
        let load: @Sendable () throws(SetupError) -> ServeSetup = {
            var setup = try ServeSetup.load(
                paths: paths, transportOverride: override, cacheDirectory: cache, logger: logger)
            if hang?.part == DeliveryMonitor.part { setup.transport = HangingTransport(setup.transport) }
            return setup
        }
        let setup: ServeSetup
        do {
            setup = try load()
        } catch {
            for line in error.lines { Console.error(line) }
            Console.error("configuration is invalid (\(error.lines.count) problem(s)); nothing was changed")
            throw ExitCode(1)
        }
        try await reportingAsync {
            let store = try RosterDatabase(path: paths.state(setup.config.storeFile))
            try store.sync(directory: setup.config.directory)
            guard let daemonLock = try DaemonLock.acquire(storePath: store.path) else {
                Console.error(
                    "another rostermail serve is running on \(store.path); one daemon per store (stop it first)")
                throw ExitCode(1)
            }
            defer { withExtendedLifetime(daemonLock) {} }
            let live = LiveConfiguration(setup)
            let notifier = SystemdNotifier.fromEnvironment()
            let liveness = Liveness()
            let status = DaemonStatus()
            let metricsSettings = setup.config.metrics
            let metrics = metricsSettings.listen != nil || metricsSettings.textfile != nil ? DaemonMetrics() : nil
            let server = try metrics.flatMap { m in
                try metricsSettings.listen.map { listen in
                    try MetricsHTTPServer(host: listen.host, port: listen.port) {
                        MetricsService.scrape(m, store: store)
                    }
                }
            }
            let monitor = DeliveryMonitor(liveness: liveness, status: status, metrics: metrics) {
                if let hang, hang.part == DeliveryMonitor.part { return hang.allowance }
                return LivenessBudget(config: live.current.setup.config).deliveryAttempt
            }
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
                .init(
                    service: MailingSchedulerService(
                        live: live, store: store, logger: logger, status: status, liveness: liveness)),
                .init(service: OutboxSenderService(live: live, store: store, monitor: monitor, logger: logger)),
                .init(
                    service: ReplyPollerService(
                        live: live, store: store, paths: paths, logger: logger, liveness: liveness, metrics: metrics)),
                .init(service: BackupService(live: live, store: store, paths: paths, logger: logger)),
                .init(service: IdleMemoryService(logger: logger)),
                .init(
                    service: ReloadService(
                        live: live, load: load, store: store, paths: paths, notifier: notifier, status: status,
                        logger: logger)),
            ]
            if let metrics {
                services.append(
                    .init(
                        service: MetricsService(
                            metrics: metrics, store: store, server: server, settings: metricsSettings, logger: logger)))
            }
            // Last: the group stops services in reverse order, so STOPPING=1 goes out first.
            services.append(
                .init(
                    service: SystemdNotifyService(
                        notifier: notifier, watchdog: WatchdogSettings.fromEnvironment(), liveness: liveness,
                        status: status, logger: logger)))
            let group = ServiceGroup(
                configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            logger.notice(
                "rostermail serve started",
                metadata: ["mail.transport": "\(setup.transportChoice)", "version": "\(RosterMailVersion.release)"])
            try await group.run()
            logger.notice("rostermail serve stopped")
        }
    }
}
