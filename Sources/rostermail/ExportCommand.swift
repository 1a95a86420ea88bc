import ArgumentParser
import Foundation
import Roster
import RosterDaemon

/// `rostermail export sis`: the weekly SIS export by hand.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Exports for other systems.", subcommands: [SIS.self])

    struct SIS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sis",
            abstract: "Write the applied roster changes not exported yet, for the SIS's participation import.",
            discussion: """
                Writes a CSV in the participation import's layout (student_number,school_number,program_code,\
                start_date,end_date) and, beside it, who asked for each change and when; records the export and \
                mails both to sis_export.to. A change is exported once unless --again. The daemon does this on \
                the sis_export schedule (default Friday 15:00).
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only the changes made in this ISO week (e.g. 2026-W49).") var week: String?
        @Option(help: "Write the participation CSV here (default: <state>/exports/).") var out: String?
        @Flag(help: "Include changes already exported.") var again = false

        func run() throws {
            let config = try global.loadConfig()
            var parsed: ISOWeek?
            if let week {
                guard let w = ISOWeek(week) else {
                    throw ValidationError("--week “\(week)” is not an ISO week like 2026-W49")
                }
                parsed = w
            }
            let result = try reporting {
                try SISExporter(
                    config: config, store: try global.openStore(config), paths: global.paths, logger: global.logger
                ).export(week: parsed, again: again, out: out, trigger: "cli:\(ProcessInfo.processInfo.userName)")
            }
            guard let files = result.files else {
                print(
                    "nothing to export: no applied roster changes"
                        + (again ? "" : " since the last export (--again to export them again)")
                        + (parsed.map { " in \($0)" } ?? ""))
                return
            }
            print(
                "SIS export \(result.exportID ?? 0) for \(result.week): \(result.rows) row(s), \(result.changes) change(s)"
            )
            print("  \(files.rows)")
            print("  \(files.requests)")
            print(
                result.emails > 0
                    ? "queued to \(config.sisExport.to.joined(separator: ", ")); `rostermail outbox send` delivers it"
                    : "not mailed: no sis_export.to in rostermail.yaml")
        }
    }
}
