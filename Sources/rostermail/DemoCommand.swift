import ArgumentParser
import Foundation
import RosterDaemon

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a sample district in <state>/demo, import it, and deliver this week's mailing to a Maildir."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let r = try await reportingAsync { try await DemoRunner(paths: global.paths, logger: global.logger).run() }
        print(
            r.generated
                ? "Generated a fictional sample district in \(r.demoDirectory)/sample"
                : "Using the sample district in \(r.demoDirectory)/sample")
        for i in r.imports { print("  import " + i.description) }
        for o in r.outcomes { print("  import " + o.description) }
        print("")
        print("Monday mailing for \(r.week), delivered to the Maildir \(r.maildir):")
        let rows = r.schools.map { [$0.school, String($0.sites), String($0.emails), String($0.students)] }
        let total = [
            "Total", String(r.schools.reduce(0) { $0 + $1.sites }), String(r.emailsThisWeek),
            String(r.schools.reduce(0) { $0 + $1.students }),
        ]
        Table.print(header: ["School", "Sites", "Emails", "Students"], rows: rows + [total])
        print("")
        if r.mailing.queued == 0 && r.delivery.sent == 0 {
            print("Nothing new to send: all \(r.emailsThisWeek) emails of \(r.week) were already delivered.")
        } else {
            print(
                "This run composed \(r.mailing.queued) roster emails and delivered \(r.delivery.sent) emails (rosters, release "
                    + "requests, confirmations).")
        }
        if let path = r.sampleEmail { print("Open one: \(path)") }
        print("")
        print(
            "Parent/guardian releases: \(r.releaseRequests.requests) release request(s) and "
                + "\(r.releaseRequests.reminders) reminder(s) queued and delivered; \(r.releasesValid) release(s) on file."
        )
        if let path = r.releaseRequestEmail { print("Open a release request: \(path)") }
        if let replies = r.replies {
            let guardian = r.signedStudent == nil ? 0 : 1
            print("")
            print(
                "Reply round trip: 4 sample partner replies read from \(r.demoDirectory)/inbox: "
                    + "\(replies.applied - guardian) applied, "
                    + "\(replies.quarantined) quarantined (sender not a contact), \(replies.ignored) ignored (out of office)."
            )
            if let student = r.signedStudent {
                print(
                    "A guardian signed a release by email for student \(student): "
                        + (r.nextRosterShowsRelease
                            ? "next week's roster shows \"release on file: yes\" for that student."
                            : "NOT shown on next week's roster (unexpected)."))
            }
            print(
                "Roster changes: "
                    + r.changes.sorted { $0.key < $1.key }.map {
                        "\($0.value) \($0.key.replacingOccurrences(of: "_", with: " "))"
                    }
                    .joined(separator: ", "))
            for c in r.confirmations { print("Confirmation sent: \(c)") }
        }
        if let request = r.dataRequest {
            print("")
            print(
                "Data request #\(request.id) (\(request.measures.map(\.rawValue).joined(separator: ", ")); "
                    + "\(request.level.rawValue); \(request.period)) for \(request.siteID): \(request.status.rawValue)"
                    + (request.decidedBy.map { ", approved by \($0)" } ?? "") + ".")
            if let path = r.dataAnswerEmail {
                print("The answer, with \(r.dataAnswerFiles.joined(separator: ", ")): \(path)")
            } else {
                print("No answer was sent (see `rostermail requests show \(request.id)`).")
            }
        }
        if let sis = r.sisExport {
            print("")
            print("SIS export of the roster changes (\(sis.week), \(sis.rows) row(s), for the participation import):")
            print("  \(sis.file)")
        }
    }
}

enum Table {
    static func print(header: [String], rows: [[String]]) {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == 0
                    ? c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - c.count) + c
            }.joined(separator: "  ")
        }
        Swift.print(line(header))
        Swift.print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        for (i, r) in rows.enumerated() {
            if i == rows.count - 1 {
                Swift.print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            }
            Swift.print(line(r))
        }
    }
}
