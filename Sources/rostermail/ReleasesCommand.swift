import ArgumentParser
import Foundation
import Roster
import RosterDaemon
import RosterStore

/// `rostermail releases …`: guardian releases (virtual FERPA consent) — send requests, list, show, import
/// releases collected elsewhere, record a revocation, export the evidence for an auditor.
struct ReleasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "releases",
        abstract: "Parent/guardian releases: send requests, list, show, import, revoke, export.",
        subcommands: [Send.self, List.self, Show.self, Import.self, Revoke.self, Export.self])

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue the release requests and reminders that are due (to the outbox; `outbox send` delivers).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only the students of this site.") var site: String?
        @Flag(help: "Count what would be queued; queue nothing.") var dryRun = false

        func run() throws {
            let config = try global.loadConfig()
            if let site, config.directory.site(id: site) == nil {
                throw ValidationError("--site \(site) is not a site of partners.yaml")
            }
            let summary = try reporting {
                try ReleaseRequests(
                    config: config, store: try global.openStore(config),
                    templates: try ReleaseTemplateLoader.load(directory: config.templatesDirectory),
                    tokenKey: try global.replyKeys()[0], logger: global.logger
                ).send(now: Date(), siteID: site, dryRun: dryRun)
            }
            print(
                (dryRun ? "would queue " : "queued ")
                    + "\(summary.requests) release request(s) and \(summary.reminders) reminder(s)"
                    + (summary.alreadyQueued > 0 ? " (\(summary.alreadyQueued) already queued)" : ""))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List releases and open requests.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this site's partner and school.") var site: String?
        @Option(help: "Only this student number.") var student: String?
        @Flag(help: "JSON array of objects.") var json = false

        func run() throws {
            let config = try global.loadConfig()
            let views = try reporting {
                try global.openStore(config).releaseViews(
                    on: CalendarDay(Date(), in: config.timeZone), siteID: site, studentNumber: student)
            }
            if json {
                try ReleasesCommand.printJSON(views)
                return
            }
            for v in views {
                print(
                    [
                        v.id.map { "#\($0)" } ?? "-", v.studentNumber, v.partnerID, v.state, v.guardianEmail ?? "",
                        v.signedAt ?? "", v.expires.map { "until \($0)" } ?? "",
                        v.revokedAt.map { "revoked \($0)" } ?? "",
                    ].filter { !$0.isEmpty }.joined(separator: "  "))
            }
            print("\(views.count) release(s) and open request(s)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one release with its evidence.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Release id (from `releases list`).") var id: Int64

        func run() throws {
            let config = try global.loadConfig()
            let views = try reporting {
                try global.openStore(config).releaseViews(on: CalendarDay(Date(), in: config.timeZone))
            }
            guard let v = views.first(where: { $0.id == id }) else {
                Console.error("no release #\(id); `rostermail releases list` shows the ids")
                throw ExitCode(1)
            }
            try ReleasesCommand.printJSON(v)
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import releases signed in another e-signature system (student_number,partner_id,guardian_name,guardian_email,signed_at,expires,measures,evidence_ref)."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "CSV file.") var path: String

        func run() throws {
            let config = try global.loadConfig()
            let report = try reporting {
                try global.openStore(config).importReleases(path: path, purpose: config.releases.purpose)
            }
            ImportCommand.print(report)
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a revocation that arrived another way (letter, phone, in person).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Student number.") var student: String
        @Option(help: "Partner id (partners.yaml).") var partner: String
        @Option(help: "Who revoked (the guardian's name) and who recorded it.") var by: String

        func run() throws {
            let config = try global.loadConfig()
            guard config.directory.partner(id: partner) != nil else {
                throw ValidationError("--partner \(partner) is not a partner of partners.yaml")
            }
            let n = try reporting {
                try global.openStore(config).revokeRelease(studentNumber: student, partnerID: partner, by: by)
            }
            print(n > 0 ? "revoked \(n) release(s)" : "no valid release to revoke for \(student) and \(partner)")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every release with its evidence (for an auditor, 34 CFR 99.30–99.32).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON (the only format).") var json = false

        func run() throws {
            let config = try global.loadConfig()
            let views = try reporting {
                try global.openStore(config).releaseViews(on: CalendarDay(Date(), in: config.timeZone))
            }
            try ReleasesCommand.printJSON(views.filter { $0.id != nil })
        }
    }

    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
