import ArgumentParser
import Disclosure
import Foundation
import RosterDaemon

/// `rostermail privacy suppress|audit|deidentify|ledger`: JSON in (a file or stdin), JSON out; exit 2 on bad input.
struct PrivacyCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "privacy",
        abstract: "FERPA disclosure rules: suppression, audit, de-identification, release ledger.",
        subcommands: [Suppress.self, Audit.self, Deidentify.self, Ledger.self])

    struct Input: ParsableArguments {
        @Argument(help: "JSON input file (default: standard input).") var file: String?
        @OptionGroup var global: GlobalOptions

        func read() throws -> Data {
            guard let file, file != "-" else { return FileHandle.standardInput.readDataToEndOfFile() }
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("\(file): cannot read the file")
                throw ExitCode(2)
            }
            return data
        }

        /// Thresholds from rostermail.yaml when a configuration is present; the legal defaults otherwise.
        var policy: Policy {
            guard let c = try? ConfigLoader.load(directory: global.paths.configDirectory) else { return .default }
            var p = Policy.default
            p.minGroup = c.policy.minGroupSize
            p.minCount = c.policy.minCellCount
            p.k = c.policy.kAnonymity
            return p
        }

        func run(_ body: (Data, Policy) throws(DisclosureError) -> Data) throws {
            let data = try read()
            do {
                FileHandle.standardOutput.write(try body(data, policy))
                FileHandle.standardOutput.write(Data("\n".utf8))
            } catch {
                Console.error(error.description)
                throw ExitCode(2)
            }
        }
    }

    struct Suppress: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suppress small cells and their complements.")
        @OptionGroup var input: Input
        func run() throws {
            try input.run { (d, p) throws(DisclosureError) in try PrivacyCommand.suppress(d, base: p) }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What an attacker can prove about hidden cells.")
        @OptionGroup var input: Input
        func run() throws { try input.run { (d, p) throws(DisclosureError) in try PrivacyCommand.audit(d, base: p) } }
    }

    struct Deidentify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "k-anonymous, ℓ-diverse de-identified rows.")
        @OptionGroup var input: Input
        func run() throws {
            try input.run { (d, p) throws(DisclosureError) in
                var rng = SystemRandomNumberGenerator()
                return try PrivacyCommand.deidentify(d, using: &rng, base: p)
            }
        }
    }

    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "May this release be made, given earlier ones?")
        @OptionGroup var input: Input
        func run() throws { try input.run { (d, p) throws(DisclosureError) in try PrivacyCommand.ledger(d, base: p) } }
    }
}
