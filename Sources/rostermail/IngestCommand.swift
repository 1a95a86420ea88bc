import ArgumentParser
import Foundation
import RosterDaemon
import RosterStore

/// `rostermail ingest`: one message from an MTA pipe (Postfix `pipe(8)`, Exim, …). Exit 0 when it was
/// handled (applied, quarantined or ignored), 75 (EX_TEMPFAIL) when it could not be recorded now, so the MTA
/// keeps it and tries again.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest", abstract: "Handle one partner reply from a file or standard input (MTA pipe).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Envelope sender (Postfix: ${sender}).") var sender: String?
    @Option(help: "Envelope recipient (Postfix: ${original_recipient}).") var recipient: String?
    @Argument(help: "The message (default: standard input).") var file: String?

    static let tempfail: Int32 = 75

    func run() throws {
        let bytes: [UInt8]
        if let file, file != "-" {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("\(file): cannot read the message")
                throw ExitCode(1)
            }
            bytes = [UInt8](data)
        } else {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        do {
            let config = try ConfigLoader.load(directory: global.paths.configDirectory)
            let store = try global.openStore(config)
            for warning in config.warnings { global.logger.warning("\(warning)") }
            let desk = ReplyDesk(config: config, store: store, keys: try global.replyKeys(), logger: global.logger)
            let outcome = try desk.handle(
                bytes, source: InboxSource(kind: "ingest"), envelopeSender: sender, envelopeRecipient: recipient)
            print(outcome.alreadyRecorded ? "already recorded" : "\(outcome.state.rawValue): \(outcome.reason)")
        } catch let e as ConfigError {
            for p in e.problems { Console.error(p.description) }
            Console.error("configuration is invalid; the message stays with the MTA (exit 75)")
            throw ExitCode(Self.tempfail)
        } catch {
            Console.error("\(error); the message stays with the MTA (exit 75), which will try again")
            throw ExitCode(Self.tempfail)
        }
    }
}
