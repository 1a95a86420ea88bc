import Foundation
import Logging
import Roster
import RosterStore
import ServiceLifecycle

/// Composes the weekly mailing when the schedule says it is due (catching up after downtime within the
/// configured window, never for a past week, never twice: the store records each week's mailing).
public struct MailingSchedulerService: Service {
    let mailing: MondayMailing
    let schedule: MailingSchedule
    let logger: Logger
    let now: @Sendable () -> Date
    /// Called after a mailing was composed (wakes the sender).
    let composed: @Sendable () -> Void

    public init(
        mailing: MondayMailing, logger: Logger, now: @escaping @Sendable () -> Date = { Date() },
        composed: @escaping @Sendable () -> Void = {}
    ) {
        self.mailing = mailing
        let c = mailing.config
        self.schedule = MailingSchedule(
            weekday: c.schedule.weekday, hour: c.schedule.hour, minute: c.schedule.minute, timeZone: c.timeZone,
            catchUp: TimeInterval(c.schedule.catchUpHours) * 3600, noSchoolWeeks: c.schedule.noSchoolWeeks)
        self.logger = logger
        self.now = now
        self.composed = composed
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let store = mailing.store
            switch schedule.decision(at: now(), isMailed: { (try? store.hasWeeklyMailing(week: $0)) ?? false }) {
            case .mail(let week):
                do {
                    _ = try mailing.compose(week: week, now: now())
                    composed()
                } catch {
                    logger.error(
                        "weekly mailing failed; retrying in 5 minutes",
                        metadata: ["roster.week": "\(week)", "error": "\(error)"])
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(300)) }
                }
            case .wait(let until):
                // Wake at least every minute: the clock may jump (suspend, NTP) and config may change.
                let seconds = min(max(until.timeIntervalSince(now()), 1), 60)
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
            }
        }
    }
}
