import ArgumentParser
import Foundation
import RosterDaemon
import RosterStore

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            "Copy the store to FILE while serve runs (SQLite online backup), then check the copy (PRAGMA integrity_check)."
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("to"), help: "The backup file to write (replaced only by a complete, checked copy).")
    var destination: String

    func run() async throws {
        let config = try global.loadConfig()
        try await reportingAsync {
            let store = try RosterDatabase(path: global.paths.state(config.storeFile))
            let target = RuntimePaths.absolute(destination)
            let report = try await offPool { try store.backup(to: target) }
            print(
                "backup written and checked (integrity_check ok): \(report.path), \(report.bytes) bytes, "
                    + "schema \(report.schemaVersion), \(report.outboxMessages) outbox messages, \(report.students) students"
            )
            print("keep the reply-token key with it (see README, Backups): replies to older emails need it")
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract:
            "Replace the store with a backup FILE (checked first; the current store is saved next to it). Refused while serve or a sender runs (exit 75)."
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A file written by `rostermail backup` or the daily backup.") var file: String

    func run() async throws {
        let config = try global.loadConfig()
        let storePath = global.paths.state(config.storeFile)
        let stamp = Int(Date().timeIntervalSince1970)
        let previous = storePath + ".before-restore-\(stamp).sqlite"
        do {
            let source = RuntimePaths.absolute(file)
            let report = try await offPool {
                try RosterDatabase.restore(from: source, into: storePath, savingPreviousTo: previous)
            }
            print(
                "restored \(report.path) (schema \(report.schemaVersion), \(report.outboxMessages) outbox messages, "
                    + "\(report.students) students) into \(storePath); migrated to \(RosterDatabase.schemaVersion)")
            if FileManager.default.fileExists(atPath: previous) { print("the store as it was: \(previous)") }
        } catch let e as StoreError where e.code == .busy {
            Console.error(e.description)
            throw ExitCode(75)
        } catch {
            throw report(error)
        }
    }
}
