import ArgumentParser
import Foundation
import Roster
import RosterDaemon

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Store counts, site ids and this week's outbox.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let config = try global.loadConfig()
        try reporting {
            let store = try global.openStore(config)
            let counts = try store.counts()
            print("store \(store.path)")
            for k in counts.keys.sorted() { print("  \(k): \(counts[k]!)") }
            let week = ISOWeek(containing: Date(), in: config.timeZone)
            let states = try store.outboxStates(week: week)
            print(
                "outbox \(week): "
                    + (states.isEmpty
                        ? "empty" : states.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", ")))
            let open = try store.dataRequests(statuses: [.received, .review])
            let today = CalendarDay(Date(), in: config.timeZone)
            let overdue = open.filter { today >= $0.dueOn }
            let overdueIDs = overdue.map { "#\($0.id)" }.joined(separator: ", ")
            let overdueNote = overdue.isEmpty ? "" : ", \(overdue.count) overdue (\(overdueIDs))"
            print("data requests: \(open.count) open" + overdueNote)
            let outstanding = try store.sisOutstanding()
            print(
                "SIS export: \(try store.unexportedChangeCount()) applied change(s) waiting for the next export, "
                    + "\(try store.sisAwaiting()) exported row(s) not confirmed by the SIS yet, "
                    + "\(outstanding.count) not in the SIS as asked")
            for o in outstanding { print("  \(o.line)") }
            let undeliverable = try UndeliverableContacts.current(
                store: store, directory: config.directory, now: Date())
            print("undeliverable contacts: \(undeliverable.isEmpty ? "none" : String(undeliverable.count))")
            for u in undeliverable {
                print("  \(u.email)  (\(u.siteID); outbox \(u.outboxID) bounced \(u.since): \(u.remoteReply))")
            }
            print("sites:")
            for s in config.directory.sites {
                print("  \(s.id)  (school \(s.schoolNumber), \(s.contacts.count) contact(s))")
            }
        }
    }
}
