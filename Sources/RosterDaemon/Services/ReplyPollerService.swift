import Foundation
import Logging
import Roster
import ServiceLifecycle

/// Polls the reply mailbox every `replies.poll_seconds` for the daemon. A failed pass (server down, TLS,
/// authentication) is logged and retried at the next interval; nothing is lost, the mail stays in the box.
public struct ReplyPollerService: Service {
    let intake: ReplyIntake
    let digest: ReviewDigest
    let interval: TimeInterval
    let logger: Logger

    /// Also sends the CSCs' review digest of the previous day, once, at the first pass after midnight.
    public init(intake: ReplyIntake, digest: ReviewDigest, interval: TimeInterval, logger: Logger) {
        self.intake = intake
        self.digest = digest
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let s = try await intake.pollOnce()
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
            let seconds = interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
        }
    }
}
