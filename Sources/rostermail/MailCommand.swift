import ArgumentParser
import Foundation
import Roster
import RosterDaemon
import RosterStore

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Compose a week's roster emails into the outbox and deliver what is due.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "ISO week, e.g. 2026-W49 (default: this week in the district's time zone).") var week: String?
    @Option(help: "Only this site (see `rostermail status`).") var site: String?
    @Flag(help: "Compose and count, but store and send nothing.") var dryRun = false
    @Flag(help: "Compose into the outbox but deliver nothing (a later `mail` run delivers).") var composeOnly = false
    @Option(help: "Override delivery.transport: maildir:PATH, smtp://HOST:PORT, smtps://HOST:PORT.") var transport:
        String?

    func run() async throws {
        let config = try global.loadConfig()
        let chosen =
            try transport.map { t -> Transport in
                switch Transport.parse(t) {
                case .success(let parsed): return parsed
                case .failure(let e): throw ValidationError("--transport: \(e)")
                }
            } ?? config.transport
        let w =
            try week.map { text -> ISOWeek in
                guard let w = ISOWeek(text) else {
                    throw ValidationError("--week “\(text)” is not an ISO week like 2026-W49")
                }
                return w
            } ?? ISOWeek(containing: Date(), in: config.timeZone)
        try await reportingAsync {
            let templates = try TemplateLoader.load(directory: config.templatesDirectory)
            let store = try global.openStore(config)
            if dryRun {
                let composer = RosterComposer(
                    templates: templates, district: config.district, timeZone: config.timeZone,
                    tokenKey: try global.replyKeys()[0])
                var emails = 0, bytes = 0
                for s in config.directory.sites where site == nil || s.id == site {
                    let program = config.directory.program(id: s.programID)!
                    let ctx = RosterComposer.SiteContext(
                        site: s, program: program, partner: config.directory.partner(id: program.partnerID)!,
                        school: config.directory.school(number: s.schoolNumber)!,
                        roster: try store.weeklyRoster(siteID: s.id, partnerID: program.partnerID, week: w))
                    for email in try composer.compose(ctx, contacts: s.contacts, now: Date()) {
                        bytes += email.bytes.count
                        emails += 1
                    }
                }
                print("dry run, \(w): \(emails) emails would be composed (\(bytes) bytes); nothing stored or sent")
                return
            }
            let mailing = MondayMailing(
                config: config, store: store, templates: templates, tokenKey: try global.replyKeys()[0],
                logger: global.logger)
            let summary = try mailing.compose(week: w, siteID: site)
            if site == nil && !composeOnly {
                ReleaseRequests.autoSend(
                    config: config, store: store, tokenKey: try global.replyKeys()[0], logger: global.logger,
                    now: Date())
            }
            let composed =
                "\(w): \(summary.sites) sites, \(summary.queued) emails composed (\(summary.alreadyQueued) already in the outbox)"
            if composeOnly {
                print(composed)
                return
            }
            let sender = OutboxSender(
                store: store,
                transport: try Transports.make(chosen, config: config, paths: global.paths, logger: global.logger),
                config: config, logger: global.logger)
            let d = try await sender.deliverDue()
            await sender.transport.close()
            print(
                composed
                    + "; delivered via \(chosen): \(d.sent) sent, \(d.deferred) deferred, \(d.unknown) unknown, \(d.failed) failed"
            )
            if let reason = d.paused {
                Console.error(
                    "delivery paused: \(reason); the remaining messages stay queued (run `rostermail mail` again later)"
                )
                throw ExitCode(75)
            }
        }
    }
}
