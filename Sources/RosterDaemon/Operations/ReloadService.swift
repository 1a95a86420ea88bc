import Foundation
import Logging
import RosterStore
import ServiceLifecycle
import SystemdNotify
import UnixSignals

/// Reloads `serve`'s configuration on SIGHUP (`systemctl reload`, `ExecReload=`): rostermail.yaml,
/// partners.yaml, the templates and the reply-token keys are read and checked again, and the transport is
/// built again. A broken edit is refused, every problem logged as `file:line:column: message`, and the
/// running configuration is kept. A good one replaces it: the partner directory is synced into the store
/// and every service uses it from its next unit of work (a delivery run stops after the messages in flight
/// and starts again with it).
public struct ReloadService: Service, CustomStringConvertible {
    let live: LiveConfiguration
    let load: @Sendable () throws(SetupError) -> ServeSetup
    let store: RosterDatabase
    let paths: RuntimePaths
    let notifier: SystemdNotifier
    let status: DaemonStatus
    let logger: Logger

    public init(
        live: LiveConfiguration, load: @escaping @Sendable () throws(SetupError) -> ServeSetup, store: RosterDatabase,
        paths: RuntimePaths, notifier: SystemdNotifier, status: DaemonStatus, logger: Logger
    ) {
        self.live = live
        self.load = load
        self.store = store
        self.paths = paths
        self.notifier = notifier
        self.status = status
        self.logger = logger
    }

    public var description: String { "ReloadService" }

    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            await reload()
        }
    }

    /// One reload: the new configuration, or the old one kept and every problem logged.
    public func reload() async {
        try? notifier.reloading()
        defer { try? notifier.ready(status: status.text) }
        logger.notice("SIGHUP: reading the configuration again")
        let (load, store, running) = (self.load, self.store, live.current.setup)
        do {
            let setup = try await offPool { () throws -> ServeSetup in
                let setup = try load()
                try store.sync(directory: setup.config.directory)
                return setup
            }
            if paths.state(setup.config.storeFile) != store.path {
                logger.warning(
                    "paths.store changed: the daemon keeps its store until it is restarted",
                    metadata: ["store": "\(store.path)"])
            }
            if setup.config.metrics != running.config.metrics {
                logger.warning("metrics: changed settings apply when the daemon is restarted")
            }
            let generation = live.replace(with: setup)
            logger.notice(
                "configuration reloaded; it applies from the next message",
                metadata: ["config.generation": "\(generation)", "mail.transport": "\(setup.transportChoice)"])
        } catch let error as SetupError {
            for line in error.lines { logger.error("configuration reload refused: \(line)") }
            logger.error(
                """
                configuration reload refused (\(error.lines.count) problem(s)); the running configuration is kept; \
                fix the files (rostermail check-config) and reload again
                """)
        } catch {
            logger.error(
                "configuration reload refused: \(error); the running configuration is kept")
        }
    }
}
