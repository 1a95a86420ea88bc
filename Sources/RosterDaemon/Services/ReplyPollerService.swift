import Foundation
import Logging
import Roster
import RosterStore
import ServiceLifecycle

/// Polls the reply mailbox every `replies.poll_seconds` for the daemon. A failed pass (server down, TLS,
/// authentication) is logged and retried at the next interval; nothing is lost, the mail stays in the box.
/// Each pass uses the running configuration (``LiveConfiguration``).
public struct ReplyPollerService: Service {
    public static let part = "poller"
    let live: LiveConfiguration
    let store: RosterDatabase
    let paths: RuntimePaths
    let logger: Logger
    let liveness: Liveness?
    let metrics: DaemonMetrics?

    /// Also sends the CSCs' review digest of the previous day, once, at the first pass after midnight.
    public init(
        live: LiveConfiguration, store: RosterDatabase, paths: RuntimePaths, logger: Logger,
        liveness: Liveness? = nil, metrics: DaemonMetrics? = nil
    ) {
        self.live = live
        self.store = store
        self.paths = paths
        self.logger = logger
        self.liveness = liveness
        self.metrics = metrics
    }

    public func run() async throws {
        var remindedOn: CalendarDay?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let (generation, setup) = live.current
            let budget = LivenessBudget(config: setup.config)
            let intake = ReplyIntake(
                desk: ReplyDesk(config: setup.config, store: store, keys: setup.replyKeys, logger: logger),
                paths: paths, logger: logger)
            let digest = ReviewDigest(config: setup.config, store: store, keys: setup.replyKeys, logger: logger)
            liveness?.beat(Self.part, within: budget.pollPass)
            do {
                let s = try await intake.pollOnce()
                metrics?.polled(at: Date())
                if s != ReplyIntake.Summary() {
                    logger.info(
                        "replies polled",
                        metadata: [
                            "mail.applied": "\(s.applied)", "mail.quarantined": "\(s.quarantined)",
                            "mail.ignored": "\(s.ignored)",
                        ])
                }
            } catch {
                logger.error("reply poll failed; retrying later", metadata: ["error": "\(error)"])
            }
            do {
                let yesterday = CalendarDay(Date(), in: digest.config.timeZone).adding(days: -1)
                try digest.compose(day: yesterday)
            } catch {
                logger.error("review digest failed; retrying later", metadata: ["error": "\(error)"])
            }
            // Data requests: compute what was filed (or left by a crash), remind the team, flag overdue ones.
            do {
                let requests = DataRequests(config: setup.config, store: store, keys: setup.replyKeys, logger: logger)
                try await offPool { requests.round() }
            } catch {
                logger.error("data request round failed; retrying later", metadata: ["error": "\(error)"])
            }
            // The weekly SIS export, when its time of the week has passed (and once).
            do {
                let exporter = SISExporter(config: setup.config, store: store, paths: paths, logger: logger)
                _ = try await offPool { try exporter.runIfDue() }
            } catch {
                logger.error("SIS export failed; retrying at the next pass", metadata: ["error": "\(error)"])
            }
            // Release reminders fall due on any day: one pass a day.
            let today = CalendarDay(Date(), in: setup.config.timeZone)
            if remindedOn != today {
                remindedOn = today
                let (store, logger) = (store, logger)
                _ = try? await offPool {
                    ReleaseRequests.autoSend(
                        config: setup.config, store: store, tokenKey: setup.replyKeys[0], logger: logger, now: Date())
                }
                // The day's heavy pass (release candidates of every student, the digest) is over: what it alone
                // needed goes back to the kernel, so the daemon idles small again.
                #if os(Linux)
                    IdleMemory.release()
                #endif
            }
            let seconds = TimeInterval(setup.config.replies.pollSeconds)
            liveness?.beat(Self.part, within: .seconds(seconds) + budget.slack)
            await live.sleep(for: .seconds(seconds), unlessReplacing: generation)
        }
        liveness?.retire(Self.part)
    }
}
