import ArgumentParser
import Foundation
import Roster
import RosterDaemon
import RosterStore

struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Compose a week's roster emails into the outbox and deliver them.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "ISO week, e.g. 2026-W49 (default: this week in the district's time zone).") var week: String?
    @Option(help: "Only this site (see `rostermail status`).") var site: String?
    @Flag(help: "Compose and count, but store and send nothing.") var dryRun = false
    @Flag(help: "Compose into the outbox but deliver nothing (a later `mail` run delivers).") var composeOnly = false
    @Option(help: "Override delivery.transport: maildir:PATH.") var transport: String?

    func run() throws {
        let config = try global.loadConfig()
        let chosen =
            try transport.map { t -> Transport in
                guard let parsed = Transport(t) else {
                    throw ValidationError("--transport “\(t)” must be maildir:PATH")
                }
                return parsed
            } ?? config.transport
        guard case .maildir(let dir) = chosen else {
            Console.error(
                "transport \(chosen): SMTP delivery is not built yet (issue 5); use maildir:PATH. Nothing was composed")
            throw ExitCode(1)
        }
        let w =
            try week.map { text -> ISOWeek in
                guard let w = ISOWeek(text) else {
                    throw ValidationError("--week “\(text)” is not an ISO week like 2026-W49")
                }
                return w
            } ?? ISOWeek(containing: Date(), in: config.timeZone)
        try reporting {
            let templates = try TemplateLoader.load(directory: config.templatesDirectory)
            let store = try global.openStore(config)
            if dryRun {
                let composer = RosterComposer(
                    templates: templates, district: config.district, timeZone: config.timeZone)
                var emails = 0, bytes = 0
                for s in config.directory.sites where site == nil || s.id == site {
                    let program = config.directory.program(id: s.programID)!
                    let ctx = RosterComposer.SiteContext(
                        site: s, program: program, partner: config.directory.partner(id: program.partnerID)!,
                        school: config.directory.school(number: s.schoolNumber)!,
                        roster: try store.weeklyRoster(siteID: s.id, partnerID: program.partnerID, week: w))
                    for c in s.contacts {
                        bytes += try composer.compose(ctx, contact: c, now: Date()).bytes.count
                        emails += 1
                    }
                }
                print("dry run, \(w): \(emails) emails would be composed (\(bytes) bytes); nothing stored or sent")
                return
            }
            let mailing = MondayMailing(config: config, store: store, templates: templates, logger: global.logger)
            let summary = try mailing.compose(week: w, siteID: site)
            if composeOnly {
                print(
                    "\(w): \(summary.sites) sites, \(summary.queued) emails composed into the outbox (\(summary.alreadyQueued) already there)"
                )
                return
            }
            let delivery = try MaildirDelivery(directory: global.paths.state(dir), logger: global.logger).deliverQueued(
                store: store)
            print(
                "\(w): \(summary.sites) sites, \(summary.queued) emails composed (\(summary.alreadyQueued) already in the outbox), "
                    + "\(delivery.delivered + delivery.recovered) delivered to \(global.paths.state(dir))")
        }
    }
}
