import ArgumentParser
import RosterDaemon
import RosterStore

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List, retry or cancel outbox messages.",
        subcommands: [List.self, Send.self, Retry.self, Cancel.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per message (id, state, attempts, …).")
        @OptionGroup var global: GlobalOptions
        @Option(
            help: "Only messages in this state (queued, sending, sent, deferred, failed, unknown, cancelled, bounced).")
        var status: String?

        func run() throws {
            let config = try global.loadConfig()
            let states = try status.map { s -> [OutboxMessage.State] in
                guard let st = OutboxMessage.State(rawValue: s) else {
                    throw ValidationError("--status “\(s)” is not an outbox state")
                }
                return [st]
            }
            let rows = try reporting { try global.openStore(config).outboxSummaries(states: states) }
            Table.print(
                header: ["id", "state", "tries", "kind", "week", "site", "recipient", "next", "last reply"], rows: rows)
        }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliver what is due now (composes nothing).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Override delivery.transport.") var transport: String?

        func run() async throws {
            let config = try global.loadConfig()
            try await reportingAsync {
                let chosen = try global.transport(override: transport, config: config)
                let store = try global.openStore(config)
                let sender = OutboxSender(
                    store: store,
                    transport: try Transports.make(chosen, config: config, paths: global.paths, logger: global.logger),
                    config: config, logger: global.logger)
                let d = try await sender.deliverDue()
                await sender.transport.close()
                print(
                    "outbox via \(chosen): \(d.sent) sent, \(d.deferred) deferred, \(d.unknown) unknown, \(d.failed) failed"
                )
                if let reason = d.paused {
                    Console.error("delivery paused: \(reason); the remaining messages stay queued")
                    throw ExitCode(75)
                }
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a failed, deferred or unknown message due now.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        func run() throws {
            let config = try global.loadConfig()
            try reporting { try global.openStore(config).retryNow(id: id) }
            print("outbox \(id): queued; the next `rostermail mail` run or the daemon sends it")
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Never send this message.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: Int64
        func run() throws {
            let config = try global.loadConfig()
            try reporting { try global.openStore(config).cancel(id: id) }
            print("outbox \(id): cancelled")
        }
    }
}
