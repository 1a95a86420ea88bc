import ArgumentParser
import Foundation
import Roster
import RosterDaemon

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Queue the CSCs' review digest of a day (changes to review, quarantined replies); once per day.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The day, YYYY-MM-DD (default: yesterday in the district's time zone).") var day: String?

    func run() throws {
        let config = try global.loadConfig()
        let d =
            try day.map { t -> CalendarDay in
                guard let d = CalendarDay(iso: t) else { throw ValidationError("--day “\(t)” is not YYYY-MM-DD") }
                return d
            } ?? CalendarDay(Date(), in: config.timeZone).adding(days: -1)
        let n = try reporting {
            try ReviewDigest(
                config: config, store: try global.openStore(config), keys: try global.replyKeys(), logger: global.logger
            ).compose(day: d)
        }
        print("\(d): \(n) review digest email(s) queued (the next `rostermail mail` or the daemon delivers them)")
    }
}
