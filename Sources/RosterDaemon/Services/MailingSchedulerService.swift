import Foundation
import Logging
import Roster
import RosterStore
import ServiceLifecycle

/// Composes the weekly mailing when the schedule says it is due (catching up after downtime within the
/// configured window, never for a past week, never twice: the store records each week's mailing). The
/// schedule and templates are those of the running configuration (``LiveConfiguration``) at each decision.
public struct MailingSchedulerService: Service {
    public static let part = "scheduler"
    let live: LiveConfiguration
    let store: RosterDatabase
    let logger: Logger
    let now: @Sendable () -> Date
    let status: DaemonStatus?
    let liveness: Liveness?

    public init(
        live: LiveConfiguration, store: RosterDatabase, logger: Logger, status: DaemonStatus? = nil,
        liveness: Liveness? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.live = live
        self.store = store
        self.logger = logger
        self.status = status
        self.liveness = liveness
        self.now = now
    }

    static func schedule(_ c: RosterMailConfig) -> MailingSchedule {
        MailingSchedule(
            weekday: c.schedule.weekday, hour: c.schedule.hour, minute: c.schedule.minute, timeZone: c.timeZone,
            catchUp: TimeInterval(c.schedule.catchUpHours) * 3600, noSchoolWeeks: c.schedule.noSchoolWeeks)
    }

    public func run() async throws {
        var cached: (generation: Int, mailing: MondayMailing)?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let current = live.current
            let config = current.setup.config
            let budget = LivenessBudget(config: config)
            if cached?.generation != current.generation {
                cached = (
                    current.generation,
                    MondayMailing(
                        config: config, store: store, templates: current.setup.templates,
                        tokenKey: current.setup.replyKeys[0], logger: logger)
                )
            }
            let mailing = cached!.mailing
            let store = self.store
            switch Self.schedule(config).decision(
                at: now(), isMailed: { (try? store.hasWeeklyMailing(week: $0)) ?? false })
            {
            case .mail(let week):
                liveness?.beat(Self.part, within: budget.composing)
                status?.composing(week.description)
                do {
                    let at = now()
                    _ = try await offPool { try mailing.compose(week: week, now: at) }
                    let (store, logger, key) = (store, logger, current.setup.replyKeys[0])
                    _ = try? await offPool {
                        ReleaseRequests.autoSend(config: config, store: store, tokenKey: key, logger: logger, now: at)
                    }
                    status?.composing(nil)
                } catch {
                    status?.composing(nil)
                    logger.error(
                        "weekly mailing failed; retrying in 5 minutes",
                        metadata: ["roster.week": "\(week)", "error": "\(error)"])
                    liveness?.beat(Self.part, within: .seconds(300) + budget.slack)
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(300)) }
                }
            case .wait(let until):
                status?.nextMailing(until, timeZone: config.timeZone)
                // Wake at least every minute: the clock may jump (suspend, NTP) and config may change.
                let seconds = min(max(until.timeIntervalSince(now()), 1), 60)
                liveness?.beat(Self.part, within: .seconds(seconds) + budget.slack)
                await live.sleep(for: .seconds(seconds), unlessReplacing: current.generation)
            }
        }
        liveness?.retire(Self.part)
    }
}
