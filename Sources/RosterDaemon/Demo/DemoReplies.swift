import Foundation
import MailMessage
import Roster
import RosterStore

/// Sample partner replies for `rostermail demo`, written into the demo's reply Maildir: an English reply
/// with an ADD and a DROP, a Spanish one adding a student by name and grade, one from an address that is no
/// contact of the site (quarantined), and an out-of-office auto-reply (ignored).
enum DemoReplies {
    static func write(
        into maildir: String, config: RosterMailConfig, store: RosterDatabase, keys: [ReplyTokenKey], week: ISOWeek,
        now: Date
    ) throws -> Int {
        guard
            let site = config.directory.sites.first(where: { s in
                let partner = config.directory.program(id: s.programID)!.partnerID
                return ((try? store.weeklyRoster(siteID: s.id, partnerID: partner, week: week).active.count) ?? 0) >= 2
            }), let program = config.directory.program(id: site.programID),
            let school = config.directory.school(number: site.schoolNumber), let contact = site.contacts.first
        else { return 0 }
        let roster = try store.weeklyRoster(siteID: site.id, partnerID: program.partnerID, week: week)
        let others = try store.schoolStudents(schoolNumber: school.number, siteID: site.id, on: week.monday)
            .filter { !$0.onSiteRoster }
        guard others.count >= 2 else { return 0 }
        let token = try ReplyToken.sign(site: site.id, week: week, kind: .roster, secret: keys[0])
        let rosterID = token.messageID(prefix: "roster", recipient: contact.email, domain: config.district.domain)
        let to = try MailAddress(
            token.replyAddress(config.district), displayName: config.district.communitySchools.name)
        let subject = "Re: \(program.name) roster for \(school.name)"
        let drop = roster.active[0], add = others[0], spanish = others[1]
        func reply(_ n: Int, from: Person, body: String, extra: [(name: String, value: String)] = []) throws -> [UInt8]
        {
            var m = OutgoingMessage(
                from: try MailAddress(from.email, displayName: from.name), to: [to], subject: subject,
                date: now, timeZone: config.timeZone, messageID: "demo-reply-\(n).\(week.compact)@partner.example",
                body: .text(body))
            m.inReplyTo = rosterID
            m.references = [rosterID]
            m.extraHeaders = extra
            return try MessageWriter.render(m, seed: "demo-\(n)")
        }
        let grade = spanish.grade.map { " grado \($0.label)" } ?? ""
        let messages = [
            try reply(
                1, from: contact,
                body: """
                    Hi,

                    Please make these changes:
                    ADD \(add.studentNumber)
                    DROP \(drop.studentNumber)

                    Thanks!
                    \(contact.name)

                    On Monday, \(config.district.communitySchools.name) wrote:
                    > Hello \(contact.name),
                    > This is the \(program.name) roster at \(school.name).
                    """),
            try reply(
                2, from: contact,
                body:
                    "Hola,\n\nPor favor agregar a \(spanish.givenName) \(spanish.familyName),\(grade).\n\nGracias\n\nEnviado desde mi iPhone\n"
            ),
            try reply(
                3, from: Person(name: "Someone Else", email: "someone@elsewhere.example"),
                body: "DROP \(roster.active[1].studentNumber)\n"),
            try reply(
                4, from: contact, body: "I am out of the office until Monday.\n",
                extra: [("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")]),
        ]
        try deliver(messages, into: maildir, names: (1...messages.count).map { "demo-reply-\($0).\(week.compact)" })
        return messages.count
    }

    /// A guardian's signature of the first release request ("I AGREE" and their full name, as a phone's mail
    /// app would reply); returns the student number it signs for, or nil when there is no request.
    static func writeSignature(into maildir: String, config: RosterMailConfig, store: RosterDatabase, now: Date)
        throws -> String?
    {
        guard let request = try store.outboxMessages().first(where: { $0.kind == "release-request" }) else {
            return nil
        }
        let form = try MessageParser.parse(request.bytes)
        guard let guardian = form.to.first, let replyTo = form.replyTo.first?.address,
            let row = try ReleaseToken.find(in: [replyTo], domain: config.district.domain).first.flatMap({
                try store.releaseRequest(id: $0.requestID)
            }),
            let first = row.students.first, let number = try store.studentNumbers(sourcedIDs: [first])[first]?.number
        else { return nil }
        var m = OutgoingMessage(
            from: try MailAddress(guardian.address, displayName: guardian.displayName), to: [try MailAddress(replyTo)],
            subject: "Re: " + (form.subject ?? ""), date: now, timeZone: config.timeZone,
            messageID: "demo-release-1@family.example",
            body: .text(
                "I AGREE\n\(row.guardianGiven) \(row.guardianFamily)\n\nSent from my iPhone\n\n> On Monday, "
                    + "\(config.district.communitySchools.name) wrote:\n> Dear \(guardian.displayName ?? ""),\n"))
        m.inReplyTo = form.messageID
        m.references = form.messageID.map { [$0] } ?? []
        try deliver([try MessageWriter.render(m, seed: "demo-release")], into: maildir, names: ["demo-release-1"])
        return number
    }

    static func deliver(_ messages: [[UInt8]], into maildir: String, names: [String]) throws {
        let fm = FileManager.default
        for sub in ["tmp", "new", "cur"] {
            try fm.createDirectory(
                atPath: maildir + "/" + sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        for (bytes, name) in zip(messages, names) {
            try Data(bytes).write(to: URL(fileURLWithPath: maildir + "/tmp/" + name))
            try fm.moveItem(atPath: maildir + "/tmp/" + name, toPath: maildir + "/new/" + name)
        }
    }
}
