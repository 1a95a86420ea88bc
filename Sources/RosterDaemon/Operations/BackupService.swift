import Foundation
import Logging
import Roster
import RosterStore
import ServiceLifecycle

/// The daemon's daily backup (``DailyBackup``): at start when today's copy is missing, then checked every
/// hour. `backup.keep_days: 0` turns it off; the settings follow reloads.
public struct BackupService: Service, CustomStringConvertible {
    let live: LiveConfiguration
    let store: RosterDatabase
    let paths: RuntimePaths
    let logger: Logger
    var interval: Duration = .seconds(3600)

    public init(live: LiveConfiguration, store: RosterDatabase, paths: RuntimePaths, logger: Logger) {
        self.live = live
        self.store = store
        self.paths = paths
        self.logger = logger
    }

    public var description: String { "BackupService" }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let config = live.current.setup.config
            if config.backup.keepDays > 0 {
                let directory = paths.state(config.backup.directory)
                let (store, keep) = (self.store, config.backup.keepDays)
                let today = CalendarDay(Date(), in: config.timeZone)
                do {
                    let outcome = try await offPool {
                        try DailyBackup.run(store: store, directory: directory, keepDays: keep, today: today)
                    }
                    if let made = outcome.made {
                        logger.notice(
                            "daily backup made and checked",
                            metadata: [
                                "backup.path": "\(made.path)", "backup.bytes": "\(made.bytes)",
                                "backup.removed": "\(outcome.removed.count)",
                            ])
                    }
                } catch {
                    logger.error(
                        "daily backup failed; retrying in an hour (check free space and backup.dir)",
                        metadata: ["backup.dir": "\(directory)", "error": "\(error)"])
                }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
