import ArgumentParser
import RosterDaemon

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll", abstract: "Read partners' replies from the mailbox once, apply them, move them.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let config = try global.loadConfig()
        try await reportingAsync {
            let store = try global.openStore(config)
            let desk = ReplyDesk(config: config, store: store, keys: try global.replyKeys(), logger: global.logger)
            let s = try await ReplyIntake(desk: desk, paths: global.paths, logger: global.logger).pollOnce()
            print(
                "\(config.replies.mailbox): \(s.applied) applied, \(s.quarantined) quarantined, \(s.ignored) ignored, "
                    + "\(s.alreadyRecorded) recorded earlier")
        }
    }
}
