import ArgumentParser
import Foundation
import Roster
import RosterDaemon
import RosterStore

/// `rostermail requests …`: partners' data requests — list, show, file one that came another way, approve or
/// reject as the data team, preview an answer.
struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "Partners' data requests: list, show, file, approve, reject, preview an answer.",
        subcommands: [List.self, Show.self, File.self, Approve.self, Reject.self, Answer.self])

    /// The JSON form of a request (`list --json`, `show`).
    struct View: Encodable {
        var id: Int64
        var site_id: String
        var partner_id: String
        var requester: String
        var source: String
        var measures: [String]
        var level: String
        var period: String
        var purpose: String
        var status: String
        var received_at: String
        /// The due day (received + `requests.due_days`), `YYYY-MM-DD` in the district's time zone.
        var due_at: String
        var answered_at: String?
        var decided_by: String?
        var reason: String?
        var overdue: Bool

        init(_ r: DataRequestRow, today: CalendarDay) {
            id = r.id
            site_id = r.siteID
            partner_id = r.partnerID
            requester = r.requester
            source = r.source
            measures = r.measures.map(\.rawValue)
            level = r.level.rawValue
            period = r.period.description
            purpose = r.purpose
            status = r.status.rawValue
            received_at = r.receivedAtText
            due_at = r.dueOn.description
            answered_at = r.answeredAt.map { ISO8601DateFormatter().string(from: $0) }
            decided_by = r.decidedBy
            reason = r.reason
            overdue = r.isOpen && today >= r.dueOn
        }

        enum CodingKeys: String, CodingKey {
            case id, site_id, partner_id, requester, source, measures, level, period, purpose, status, received_at
            case due_at, answered_at, decided_by, reason, overdue
        }

        /// Every key present (null when not yet known), so tools can rely on them.
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(site_id, forKey: .site_id)
            try c.encode(partner_id, forKey: .partner_id)
            try c.encode(requester, forKey: .requester)
            try c.encode(source, forKey: .source)
            try c.encode(measures, forKey: .measures)
            try c.encode(level, forKey: .level)
            try c.encode(period, forKey: .period)
            try c.encode(purpose, forKey: .purpose)
            try c.encode(status, forKey: .status)
            try c.encode(received_at, forKey: .received_at)
            try c.encode(due_at, forKey: .due_at)
            try c.encode(answered_at, forKey: .answered_at)
            try c.encode(decided_by, forKey: .decided_by)
            try c.encode(reason, forKey: .reason)
            try c.encode(overdue, forKey: .overdue)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List data requests, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status: received, review, answered, rejected, refused.") var status: String?
        @Flag(help: "JSON array of objects.") var json = false

        func run() throws {
            let config = try global.loadConfig()
            var statuses: Set<DataRequestRow.Status> = []
            if let status {
                guard let s = DataRequestRow.Status(rawValue: status) else {
                    throw ValidationError(
                        "--status \(status): one of "
                            + DataRequestRow.Status.allCases.map(\.rawValue).joined(separator: ", "))
                }
                statuses = [s]
            }
            let rows = try reporting { try global.openStore(config).dataRequests(statuses: statuses) }
            let today = CalendarDay(Date(), in: config.timeZone)
            if json {
                try ReleasesCommand.printJSON(rows.map { View($0, today: today) })
                return
            }
            for r in rows {
                let v = View(r, today: today)
                print(
                    "#\(r.id)  \(r.status.rawValue)\(v.overdue ? " OVERDUE" : "")  \(r.siteID)  "
                        + "\(v.measures.joined(separator: ","))  \(v.level)  \(v.period)  due \(v.due_at)"
                        + (v.answered_at.map { "  closed \($0)" } ?? ""))
            }
            print("\(rows.count) data request(s)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one data request.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request number.") var id: Int64
        @Flag(help: "JSON (the default and only format).") var json = false

        func run() throws {
            let config = try global.loadConfig()
            guard let r = try reporting({ try global.openStore(config).dataRequest(id: id) }) else {
                Console.error("no data request #\(id); `rostermail requests list` shows them")
                throw ExitCode(1)
            }
            try ReleasesCommand.printJSON(View(r, today: CalendarDay(Date(), in: config.timeZone)))
        }
    }

    struct File: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log a request that came another way; it is acknowledged by email and computed like the others.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Site id (partners.yaml).") var site: String
        @Option(help: "Comma-separated: attendance, behavior, grades, assessments, improvement.") var measures: String
        @Option(help: "aggregate, de-identified or identified.") var level: String
        @Option(help: "School year, e.g. 2026-2027.") var period: String
        @Option(help: "What the data is for.") var purpose: String
        @Option(help: "The contact who asked (a contact of the site; default: its first contact).") var requester:
            String?

        func run() throws {
            guard let list = ReleaseMeasure.list(measures), !list.isEmpty else {
                throw ValidationError(
                    "--measures \(measures): a comma-separated list of "
                        + ReleaseMeasure.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let lvl = DataLevel(rawValue: level.lowercased()) else {
                throw ValidationError("--level \(level): aggregate, de-identified or identified")
            }
            guard let year = SchoolYear(period) else {
                throw ValidationError("--period \(period): a school year like 2026-2027")
            }
            guard !purpose.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--purpose: say what the data is for")
            }
            let config = try global.loadConfig()
            let filed = try reporting {
                try DataRequests(
                    config: config, store: try global.openStore(config), keys: try global.replyKeys(),
                    logger: global.logger
                ).file(
                    siteID: site, measures: list, level: lvl, period: year, purpose: purpose, requester: requester)
            }
            print(
                filed.duplicate
                    ? "same as data request #\(filed.request.id) (\(filed.request.status.rawValue)); nothing new filed"
                    : "filed data request #\(filed.request.id) (\(filed.request.status.rawValue)), due \(filed.request.dueOn)"
            )
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a request in review: its answer is queued to the partner (if the data did not change).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request number.") var id: Int64

        func run() throws {
            try RequestsCommand.decide(.approve, id: id, global: global)
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a request in review: the partner is told the reason.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request number.") var id: Int64
        @Option(help: "Why (the partner reads it).") var reason: String

        func run() throws {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--reason: the partner must be told why")
            }
            try RequestsCommand.decide(.reject(reason: reason), id: id, global: global)
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the answer a request would get now (summary and files). Stores and sends nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Request number.") var id: Int64
        @Flag(help: "Required: print only.") var dryRun = false
        @Option(help: "Also write the answer's files into this directory (for review or an audit).") var out: String?

        func run() throws {
            guard dryRun else {
                throw ValidationError(
                    "only --dry-run: answers are sent by the data team's APPROVE or `rostermail requests approve \(id)`"
                )
            }
            let config = try global.loadConfig()
            let (row, answer) = try reporting {
                try DataRequests(
                    config: config, store: try global.openStore(config), keys: try global.replyKeys(),
                    logger: global.logger
                ).preview(id: id)
            }
            print("data request #\(row.id) (\(row.status.rawValue)) for \(row.siteID); would send to \(row.requester):")
            if let refusal = answer.refusal { print("not answerable: \(refusal)") }
            for line in answer.summary { print(line) }
            if let out {
                try reporting {
                    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    for file in answer.attachments {
                        try Data(file.bytes).write(
                            to: URL(fileURLWithPath: (out as NSString).appendingPathComponent(file.filename)))
                    }
                }
                print("files written to \(out)")
                return
            }
            for file in answer.attachments {
                print("\n==> \(file.filename) (\(file.bytes.count) bytes) <==")
                print(String(decoding: file.bytes, as: UTF8.self), terminator: "")
            }
        }
    }

    static func decide(_ decision: DataRequests.Decision, id: Int64, global: GlobalOptions) throws {
        let config = try global.loadConfig()
        let lines = try reporting {
            try DataRequests(
                config: config, store: try global.openStore(config), keys: try global.replyKeys(),
                logger: global.logger
            ).decideByHand(decision, id: id, actor: "cli:\(ProcessInfo.processInfo.userName)")
        }
        for line in lines { print(line) }
        print("queued; `rostermail outbox send` (or the running daemon) delivers it")
    }
}
