import ArgumentParser
import RosterDaemon
import RosterStore

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "List, retry or cancel outbox messages.",
        subcommands: [List.self, Retry.self, Cancel.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One line per message (id, state, attempts, …).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this state (queued, sending, sent, deferred, failed, unknown, cancelled).") var state:
            String?

        func run() throws {
            let config = try global.loadConfig()
            let states = try state.map { s -> [OutboxMessage.State] in
                guard let st = OutboxMessage.State(rawValue: s) else {
                    throw ValidationError("--state “\(s)” is not an outbox state")
                }
                return [st]
            }
            let rows = try reporting { try global.openStore(config).outboxSummaries(states: states) }
            Table.print(
                header: ["id", "state", "tries", "kind", "week", "site", "recipient", "next", "last reply"], rows: rows)
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
