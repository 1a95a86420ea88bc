import ArgumentParser
import Foundation
import Roster
import RosterDaemon

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview", abstract: "Print one rendered roster email (nothing is stored or sent).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Site id (see `rostermail status`).") var site: String
    @Option(help: "ISO week (default: this week).") var week: String?
    @Option(help: "Contact email (default: the site's first contact).") var contact: String?
    @Flag(help: "Print the rendered HTML part instead of the whole message.") var html = false
    @Flag(help: "Print the rendered text part instead of the whole message.") var text = false

    func run() throws {
        let config = try global.loadConfig()
        guard let s = config.directory.site(id: site) else {
            Console.error("--site \(site): no such site in partners.yaml; `rostermail status` lists the site ids")
            throw ExitCode(1)
        }
        let w =
            try week.map { t -> ISOWeek in
                guard let w = ISOWeek(t) else {
                    throw ValidationError("--week “\(t)” is not an ISO week like 2026-W49")
                }
                return w
            } ?? ISOWeek(containing: Date(), in: config.timeZone)
        guard
            let person = contact.map({ c in s.contacts.first { $0.email.lowercased() == c.lowercased() } })
                ?? s.contacts.first
        else {
            Console.error("--contact \(contact ?? ""): not a contact of site \(site)")
            throw ExitCode(1)
        }
        try reporting {
            let templates = try TemplateLoader.load(directory: config.templatesDirectory)
            let store = try global.openStore(config)
            let program = config.directory.program(id: s.programID)!
            let composer = RosterComposer(
                templates: templates, district: config.district, timeZone: config.timeZone,
                tokenKey: try global.replyKeys()[0])
            let ctx = RosterComposer.SiteContext(
                site: s, program: program, partner: config.directory.partner(id: program.partnerID)!,
                school: config.directory.school(number: s.schoolNumber)!,
                roster: try store.weeklyRoster(siteID: s.id, partnerID: program.partnerID, week: w))
            if html || text {
                let parts = composer.renderParts(ctx, contact: person)
                print(html ? parts.html : parts.text, terminator: "")
            } else {
                let email = try composer.compose(ctx, contact: person, now: Date())
                FileHandle.standardOutput.write(Data(email.bytes))
            }
        }
    }
}
