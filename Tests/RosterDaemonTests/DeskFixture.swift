import Foundation
import Logging
import MailMessage
import Roster
import RosterStore

@testable import RosterDaemon

/// A small district for reply-desk tests: two sites at school 101 (ReadUp at 101 and Code Club at 101), a
/// real SQLite store with eight students, this week's roster composed (so tokens and snapshots exist).
/// `withDropAndEmptySite`: student 100007 left ReadUp last week (this week's ReadUp roster has a "no longer
/// in your program" list), and a third site (Art Lab at 101) has no students.
final class DeskFixture {
    let dir: String
    let config: RosterMailConfig
    let store: RosterDatabase
    let key = try! ReplyTokenKey(text: String(repeating: "ab", count: 32))
    let week = ISOWeek("2026-W49")!
    /// Inside week 49, Chicago time.
    let now = CalendarDay(iso: "2026-12-01")!.instant(hour: 10, minute: 0, in: TimeZone(identifier: "America/Chicago")!)

    static let partners = """
        schools:
          - { number: "101", name: "Alder Elementary", coordinator: { name: "Morgan Díaz", email: csc101@riverbend.example } }
        partners:
          - id: readup
            name: ReadUp
            programs:
              - id: readup-tut
                code: TUT1
                name: ReadUp Tutoring
                sites:
                  - school: "101"
                    contacts:
                      - { name: Dana Reyes, email: dana@readup.example }
          - id: codeclub
            name: Code Club
            programs:
              - id: codeclub-clb
                code: CLB1
                name: Code Club
                sites:
                  - school: "101"
                    contacts:
                      - { name: Sam Okafor, email: sam@codeclub.example }

        """

    static let artLab = """
          - id: artlab
            name: Art Lab
            programs:
              - id: artlab-art
                code: ART1
                name: Art Lab Studio
                sites:
                  - school: "101"
                    contacts:
                      - { name: Lee Park, email: lee@artlab.example }

        """

    /// `templates`: another templates directory (an admin's edited copy) instead of the shipped one.
    /// `extraYAML`: more top-level keys of rostermail.yaml (`releases:` …).
    init(withDropAndEmptySite: Bool = false, templates: String? = nil, extraYAML: String = "") throws {
        dir = NSTemporaryDirectory() + "rostermail-desk-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/config", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/or", withIntermediateDirectories: true)
        let main = """
            district:
              name: "Riverbend USD"
              domain: riverbend.example
              community_schools_address: community.schools@riverbend.example
            time_zone: America/Chicago
            paths:
              templates: "\(templates ?? packageRoot + "/Templates")"
            \(extraYAML)

            """
        try main.write(toFile: dir + "/config/rostermail.yaml", atomically: true, encoding: .utf8)
        try (Self.partners + (withDropAndEmptySite ? Self.artLab : "")).write(
            toFile: dir + "/config/partners.yaml", atomically: true, encoding: .utf8)
        config = try ConfigLoader.load(directory: dir + "/config")
        store = try RosterDatabase(path: dir + "/state/rostermail.sqlite")
        try store.sync(directory: config.directory)
        let names = [
            ("José", "Muñoz", "04"), ("Zoë", "Nguyễn", "KG"), ("Liam", "OBrien", "03"), ("Ana", "Silva", "04"),
            ("Mei", "Chen", "05"), ("Omar", "Haddad", "02"), ("Lucía", "Santos", "01"), ("Kai", "Kim", "04"),
        ]
        var users =
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.preferredLanguage\n"
        for (i, n) in names.enumerated() {
            users += "s\(i + 1),,,true,o101,student,u\(i + 1),,\(n.0),\(n.1),,\(100_001 + i),,,,,\(n.2),,\n"
        }
        // Guardians: Rosa (José and Zoë, both on ReadUp), Carlos (José; Spanish), Hanh (Zoë; no email), Amina
        // (Omar, on no roster).
        users += """
            g1,,,true,o101,parent,,,Rosa,Muñoz,,,rosa@family.example,,,"s1,s2",,,en
            g2,,,true,o101,parent,,,Carlos,Muñoz,,,carlos@family.example,,,s1,,,es-MX
            g3,,,true,o101,guardian,,,Hanh,Nguyen,,,,,,s2,,,
            g4,,,true,o101,relativeOf,,,Amina,Haddad,,,amina@family.example,,,s6,,,

            """
        try "propertyName,value\nmanifest.version,1.0\noneroster.version,1.1\nfile.orgs,bulk\nfile.users,bulk\n"
            .write(toFile: dir + "/or/manifest.csv", atomically: true, encoding: .utf8)
        try
            "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no101,,,Alder Elementary,school,101,\n"
            .write(toFile: dir + "/or/orgs.csv", atomically: true, encoding: .utf8)
        try users.write(toFile: dir + "/or/users.csv", atomically: true, encoding: .utf8)
        _ = try store.importOneRoster(path: dir + "/or")
        // Students 100001…100004 are on ReadUp's roster; 100005…100008 are not.
        var participation = "student_number,school_number,program_code,start_date,end_date\n"
        for n in 100_001...100_004 { participation += "\(n),101,TUT1,2026-08-17,\n" }
        participation += "100005,101,CLB1,2026-08-17,\n"
        if withDropAndEmptySite { participation += "100007,101,TUT1,2026-08-17,2026-11-25\n" }
        try participation.write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        _ = try store.importParticipation(path: dir + "/p.csv")
        // Attendance of the last three school years, so data requests can be answered.
        var attendance = "student_number,school_year,school_number,days_enrolled,days_absent\n"
        for n in 100_001...100_008 {
            for year in ["2024-2025", "2025-2026", "2026-2027"] { attendance += "\(n),\(year),101,60,\(n % 9)\n" }
        }
        try fm.createDirectory(atPath: dir + "/outcomes", withIntermediateDirectories: true)
        try attendance.write(toFile: dir + "/outcomes/attendance.csv", atomically: true, encoding: .utf8)
        _ = try store.importOutcomes(directory: dir + "/outcomes")
        let templates = try TemplateLoader.load(directory: config.templatesDirectory)
        _ = try MondayMailing(
            config: config, store: store, templates: templates, tokenKey: key, logger: Logger(label: "test")
        )
        .compose(week: week, now: now)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    var desk: ReplyDesk { ReplyDesk(config: config, store: store, keys: [key], logger: Logger(label: "test")) }

    func token(site: String = "readup-tut-101", week: ISOWeek? = nil) -> ReplyToken {
        try! ReplyToken.sign(site: site, week: week ?? self.week, kind: .roster, secret: key)
    }

    /// A reply as a mail client writes it: From, To the token address, In-Reply-To the roster email.
    func reply(
        from: String = "dana@readup.example", body: String, token: ReplyToken? = nil,
        messageID: String = "r1@readup.example",
        headers: [(name: String, value: String)] = [], toAddress: String? = nil
    ) throws -> [UInt8] {
        let t = token ?? self.token()
        var m = OutgoingMessage(
            from: try MailAddress(from, displayName: "Someone"),
            to: [try MailAddress(toAddress ?? t.replyAddress(config.district))],
            subject: "Re: ReadUp Tutoring roster", date: now, timeZone: config.timeZone, messageID: messageID,
            body: .text(body))
        m.extraHeaders = headers
        return try MessageWriter.render(m, seed: messageID)
    }

    /// Participation rows (to show that nothing changed).
    func participationCount() throws -> Int { try store.counts()["participation"] ?? 0 }

    func onRoster(_ number: String, site: String = "readup-tut-101") throws -> Bool {
        try store.schoolStudents(schoolNumber: "101", siteID: site, on: CalendarDay(now, in: config.timeZone))
            .first { $0.studentNumber == number }?.onSiteRoster ?? false
    }
}
