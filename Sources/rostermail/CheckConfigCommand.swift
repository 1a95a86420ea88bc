import ArgumentParser
import RosterDaemon

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate rostermail.yaml, partners.yaml and the templates; print every problem as file:line:column.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let config = try global.loadConfig(cached: false)
        try reporting { _ = try TemplateLoader.load(directory: config.templatesDirectory) }
        try reporting { _ = try ReleaseTemplateLoader.load(directory: config.templatesDirectory) }
        for warning in config.warnings { Console.error(warning) }
        let d = config.directory
        print(
            "\(global.paths.configDirectory): OK — \(d.schools.count) schools, \(d.partners.count) partners, "
                + "\(d.partners.flatMap(\.programs).count) programs, \(d.sites.count) sites, "
                + "\(d.sites.reduce(0) { $0 + $1.contacts.count }) contacts")
    }
}
