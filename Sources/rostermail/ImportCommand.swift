import ArgumentParser
import RosterDaemon
import RosterStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import SIS exports into the roster store.",
        subcommands: [OneRoster.self, Participation.self, Outcomes.self])

    struct OneRoster: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "oneroster", abstract: "Import a OneRoster 1.1/1.2 CSV bundle (directory or .zip).")
        @OptionGroup var global: GlobalOptions
        @Flag(
            help: "Import the valid rows and report the invalid ones (default: import nothing if any row is invalid).")
        var skipInvalid = false
        @Argument(help: "Bundle directory or zip file.") var path: String

        func run() throws {
            let config = try global.loadConfig()
            let report = try reporting {
                try global.openStore(config).importOneRoster(path: path, skipInvalid: skipInvalid)
            }
            ImportCommand.print(report)
        }
    }

    struct Participation: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "participation",
            abstract: "Import program participation (student_number,school_number,program_code,start_date,end_date).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Import the valid rows and report the invalid ones.") var skipInvalid = false
        @Argument(help: "CSV file.") var path: String

        func run() throws {
            let config = try global.loadConfig()
            let store = try reporting { try global.openStore(config) }
            let report = try reporting { try store.importParticipation(path: path, skipInvalid: skipInvalid) }
            ImportCommand.print(report)
            // Exported changes the SIS now contradicts, or still lacks after two imports: the admin is told once.
            let queued = try reporting {
                try SISExporter(config: config, store: store, paths: global.paths, logger: global.logger)
                    .alertOutstanding()
            }
            if queued > 0 {
                Swift.print(
                    "the admin was told about roster changes the SIS does not show as asked (`rostermail status`)")
            }
        }
    }

    struct Outcomes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "outcomes",
            abstract:
                "Import outcome data (attendance.csv, behavior.csv, course_marks.csv, assessments.csv; any of them).",
            discussion: """
                All or nothing: any bad row is listed as file:line: reason and nothing changes. Each file replaces, \
                for every school year it contains, that year's data of its kind; importing the same file again \
                changes nothing. The README lists the columns and how they map to Ed-Fi and Infinite Campus.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Directory holding the outcome files.") var directory: String

        func run() throws {
            let config = try global.loadConfig()
            let reports = try reporting { try global.openStore(config).importOutcomes(directory: directory) }
            for r in reports { Swift.print(r.description) }
        }
    }

    static func print(_ report: ImportReport) {
        Swift.print(report.description)
        for p in report.problems { Console.error("skipped " + p) }
    }
}
