import ArgumentParser
import Foundation
import Logging
import RosterDaemon

@main
struct RosterMailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rostermail",
        abstract: "Weekly partner rosters by email, partner replies, SIS change exports, FERPA-safe data requests.",
        version: RosterMailVersion.full,
        subcommands: [
            CheckConfigCommand.self, ImportCommand.self, SampleDistrictCommand.self, MailCommand.self,
            PreviewCommand.self, StatusCommand.self, DemoCommand.self, PrivacyCLI.self, ServeCommand.self,
            OutboxCommand.self, InspectCommand.self, IngestCommand.self, PollCommand.self, DigestCommand.self,
            BackupCommand.self, RestoreCommand.self, ReleasesCommand.self, RequestsCommand.self, ExportCommand.self,
        ])

    static func main() async {
        // A parent may have left signals blocked (Foundation's Process does under `swift test`); a daemon that
        // inherits a blocked SIGTERM could never shut down gracefully. Start from an empty mask.
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        let level =
            ProcessInfo.processInfo.environment["ROSTERMAIL_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
        // Under systemd, stderr is the journal: priorities as `<n>` prefixes, no timestamps of our own.
        let journal = JournalLogHandler.standardErrorIsJournal()
        LoggingSystem.bootstrap { label in
            if journal {
                var h = JournalLogHandler()
                h.logLevel = level
                return h
            }
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
