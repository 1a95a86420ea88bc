import ArgumentParser
import Foundation
import Logging
import RosterDaemon
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Run the daemon: the weekly mailing on schedule and the outbox sender. SIGTERM finishes the message in flight."
    )

    @OptionGroup var global: GlobalOptions
    @Option(help: "Override delivery.transport.") var transport: String?

    func run() async throws {
        let config = try global.loadConfig()
        let logger = global.logger
        try await reportingAsync {
            let chosen = try global.transport(override: transport, config: config)
            let templates = try TemplateLoader.load(directory: config.templatesDirectory)
            let store = try global.openStore(config)
            let sender = OutboxSender(
                store: store,
                transport: try Transports.make(chosen, config: config, paths: global.paths, logger: logger),
                config: config, logger: logger)
            let mailing = MondayMailing(
                config: config, store: store, templates: templates, tokenKey: try global.replyKeys()[0], logger: logger)
            let group = ServiceGroup(
                configuration: .init(
                    services: [
                        .init(service: MailingSchedulerService(mailing: mailing, logger: logger)),
                        .init(service: OutboxSenderService(sender: sender, logger: logger)),
                        .init(
                            service: ReplyPollerService(
                                intake: ReplyIntake(
                                    desk: ReplyDesk(
                                        config: config, store: store, keys: try global.replyKeys(), logger: logger),
                                    paths: global.paths, logger: logger),
                                digest: ReviewDigest(config: config, store: store, logger: logger),
                                interval: TimeInterval(config.replies.pollSeconds), logger: logger)),
                        .init(service: IdleMemoryService(logger: logger)),
                    ],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            logger.notice("rostermail serve started", metadata: ["mail.transport": "\(chosen)"])
            try await group.run()
            logger.notice("rostermail serve stopped")
        }
    }
}
