import Foundation
import Logging
import Roster
import RosterDaemon
import RosterStore

/// A student of the reply corpus's fixed district.
struct CorpusStudent: Sendable {
    var number: String
    var given: String
    var family: String
    /// CEDS code (`KG`, `01` … `12`).
    var grade: String

    var name: String { "\(given) \(family)" }
    /// `K`, `4`: as the roster email prints it.
    var gradeLabel: String { Grade(ceds: grade)?.label ?? grade }
}

/// The small fixed district every reply fixture is replayed against (documented in
/// Tests/Fixtures/replies/README.txt): school 101 with ReadUp Tutoring (the site the fixtures answer),
/// Bright Futures Art at the same school, and ReadUp at school 102. Built once per test process: config,
/// OneRoster import, participation, the week's roster mailing (so the roster snapshot and the reply token
/// exist); each fixture then gets a byte copy of that store.
struct ReplyCorpusDistrict: Sendable {
    static let siteID = "readup-tut-101"
    static let week = ISOWeek("2026-W49")!
    static let timeZone = TimeZone(identifier: "America/Chicago")!
    /// The roster mailing: Monday of week 49, 07:00 Chicago.
    static let mailedAt = CalendarDay(iso: "2026-11-30")!.instant(hour: 7, minute: 0, in: timeZone)
    /// When every fixture is handled: Tuesday of week 49, 10:00 Chicago.
    static let now = CalendarDay(iso: "2026-12-01")!.instant(hour: 10, minute: 0, in: timeZone)
    /// The fixed reply-token key (64 hex digits).
    static let keyText = "5f2c8e1a9b7d3c6e0f4a2b8d1c9e7f3a6b0d4c2e8f1a7b3d9c5e0f6a2b4d8c1e"

    /// On ReadUp Tutoring's roster at school 101 (`{{STUDENT:n}}`, `{{NAME:n}}`, …).
    static let roster = [
        CorpusStudent(number: "1000101", given: "Ava", family: "Thompson", grade: "03"),
        CorpusStudent(number: "1000102", given: "José", family: "Muñoz", grade: "04"),
        CorpusStudent(number: "1000103", given: "María Fernanda", family: "López", grade: "02"),
        CorpusStudent(number: "1000104", given: "Liam", family: "O'Brien", grade: "05"),
        CorpusStudent(number: "1000105", given: "Zoë", family: "Nguyễn", grade: "KG"),
        CorpusStudent(number: "1000106", given: "Noah", family: "Williams", grade: "01"),
        CorpusStudent(number: "1000107", given: "Sofía", family: "Ramírez", grade: "03"),
        CorpusStudent(number: "1000108", given: "Ethan", family: "Park", grade: "04"),
        CorpusStudent(number: "1000109", given: "Chloé", family: "Dubois", grade: "05"),
        CorpusStudent(number: "1000110", given: "Mateo", family: "Hernández", grade: "02"),
    ]
    /// Students of school 101 not on that roster (`{{OTHER:n}}`, `{{OTHER_NAME:n}}`, …). OTHER:4 and OTHER:5
    /// share a name (grades 2 and 4); OTHER:11 shares ROSTER 6's name (grades 3 and 1); OTHER:3 and OTHER:6
    /// are in Bright Futures Art at the same school.
    static let others = [
        CorpusStudent(number: "1000201", given: "Isabella", family: "Cruz", grade: "03"),
        CorpusStudent(number: "1000202", given: "Ángel", family: "Gutiérrez", grade: "04"),
        CorpusStudent(number: "1000203", given: "Lucas", family: "Bennett", grade: "01"),
        CorpusStudent(number: "1000204", given: "Camila", family: "Reyes", grade: "02"),
        CorpusStudent(number: "1000205", given: "Camila", family: "Reyes", grade: "04"),
        CorpusStudent(number: "1000206", given: "Emma", family: "Johnson", grade: "KG"),
        CorpusStudent(number: "1000207", given: "Valentina", family: "Peña", grade: "05"),
        CorpusStudent(number: "1000208", given: "Oliver", family: "Smith", grade: "03"),
        CorpusStudent(number: "1000209", given: "Diego", family: "Martínez", grade: "01"),
        CorpusStudent(number: "1000210", given: "Mia", family: "Chen", grade: "02"),
        CorpusStudent(number: "1000211", given: "Noah", family: "Williams", grade: "03"),
    ]
    /// Students of school 102 (`{{FOREIGN:n}}`, `{{FOREIGN_NAME:n}}`, …): never to be named to a partner at 101.
    static let foreign = [
        CorpusStudent(number: "1000301", given: "Harper", family: "Lewis", grade: "07"),
        CorpusStudent(number: "1000302", given: "Sebastián", family: "Torres", grade: "06"),
        CorpusStudent(number: "1000303", given: "Aaliyah", family: "Brooks", grade: "08"),
    ]
    /// Contacts of the ReadUp site at 101 (`{{CONTACT:n}}`, `{{CONTACT_NAME:n}}`).
    static let contacts = [
        Person(name: "Dana Whitfield", email: "dwhitfield@readup.example"),
        Person(name: "Luis Ortega", email: "luis.ortega@readup.example"),
        Person(name: "Priya Raman", email: "priya.raman@readup.example"),
    ]
    static let csc = Person(name: "Morgan Díaz", email: "csc.101@riverbend.example")
    /// The contact of Bright Futures Art at 101 (`{{OTHER_SITE_CONTACT}}`): a contact, but not of this site.
    static let otherSiteContact = Person(name: "Kim Lee", email: "kim.lee@brightfutures.example")

    let config: RosterMailConfig
    let key: ReplyTokenKey
    let token: ReplyToken
    /// The store after the mailing, as bytes: each fixture writes its own copy.
    let storeBytes: Data
    /// Roster-email Message-IDs by contact (same order as `contacts`).
    let rosterMessageIDs: [String]

    /// Built once, on first use, off the cooperative pool (`offPool { ReplyCorpusDistrict.shared }`).
    static let shared: Result<ReplyCorpusDistrict, any Error> = Result { try ReplyCorpusDistrict() }

    private init() throws {
        let scratch = Scratch()
        let fm = FileManager.default
        let configDir = scratch.path + "/config", oneRoster = scratch.path + "/oneroster"
        for dir in [configDir, oneRoster] { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        try Self.mainYAML.write(toFile: configDir + "/rostermail.yaml", atomically: true, encoding: .utf8)
        try Self.partnersYAML.write(toFile: configDir + "/partners.yaml", atomically: true, encoding: .utf8)
        try Self.writeOneRoster(to: oneRoster)
        try Self.participationCSV.write(toFile: scratch.path + "/participation.csv", atomically: true, encoding: .utf8)

        let config = try ConfigLoader.load(directory: configDir)
        let key = try ReplyTokenKey(text: Self.keyText)
        let storePath = scratch.path + "/state/rostermail.sqlite"
        let templates = try TemplateLoader.load(directory: config.templatesDirectory)
        do {
            let store = try RosterDatabase(path: storePath)
            _ = try store.sync(directory: config.directory, now: Self.mailedAt)
            let people = try store.importOneRoster(path: oneRoster, now: Self.mailedAt)
            let sis = try store.importParticipation(path: scratch.path + "/participation.csv", now: Self.mailedAt)
            guard people.problems.isEmpty, sis.problems.isEmpty else {
                throw HarnessError("the corpus district did not import cleanly: \(people) \(sis)")
            }
            let logger = Logger(label: "reply-corpus")
            let summary = try MondayMailing(
                config: config, store: store, templates: templates, tokenKey: key, logger: logger
            ).compose(week: Self.week, now: Self.mailedAt)
            let sent = try store.sentRoster(siteID: Self.siteID, week: Self.week)
            guard summary.queued == Self.contacts.count + 2,
                Set(sent?.active.map(\.studentNumber) ?? []) == Set(Self.roster.map(\.number))
            else {
                throw HarnessError(
                    "the corpus mailing is not as expected: \(summary.queued) queued, sent roster \(String(describing: sent))"
                )
            }
        }
        // The store is closed (its pool released above): its file alone is the whole database.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: storePath))
        if let wal = fm.contents(atPath: storePath + "-wal"), !wal.isEmpty {
            throw HarnessError("the corpus store left a WAL of \(wal.count) bytes after closing")
        }
        self.config = config
        self.key = key
        self.storeBytes = bytes
        self.token = try ReplyToken.sign(site: Self.siteID, week: Self.week, kind: .roster, secret: key)
        let composer = RosterComposer(
            templates: templates, district: config.district, timeZone: Self.timeZone, tokenKey: key)
        self.rosterMessageIDs = try Self.contacts.map {
            try composer.messageID(siteID: Self.siteID, week: Self.week, recipient: $0.email)
        }
    }

    /// A fresh copy of the store in `directory`.
    func freshStore(in directory: String) throws -> RosterDatabase {
        let path = directory + "/rostermail.sqlite"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try storeBytes.write(to: URL(fileURLWithPath: path))
        return try RosterDatabase(path: path)
    }

    /// `rosters+<token>@riverbend.example` for `week` (this week's when nil).
    func tokenAddress(week: ISOWeek? = nil) throws -> String {
        guard let week, week != Self.week else { return token.replyAddress(config.district) }
        return try ReplyToken.sign(site: Self.siteID, week: week, kind: .roster, secret: key)
            .replyAddress(config.district)
    }

    // MARK: Files

    static let mainYAML = """
        district:
          name: "Riverbend Unified School District (fictional)"
          domain: riverbend.example
          community_schools_name: "Riverbend Community Schools"
          community_schools_address: community.schools@riverbend.example
          admin_address: rostermail-admin@riverbend.example
          reply_local_part: rosters
        time_zone: America/Chicago
        schedule:
          weekday: monday
          time: "07:00"
        delivery:
          transport: "maildir:outbox"
        replies:
          mailbox: "maildir:inbox"
        paths:
          templates: "\(root)/Templates"

        """

    static var partnersYAML: String {
        func person(_ p: Person) -> String { "{ name: \"\(p.name)\", email: \"\(p.email)\" }" }
        return """
            schools:
              - number: "101"
                name: "Alder Elementary"
                coordinator: \(person(csc))
              - number: "102"
                name: "Birch Middle School"
                coordinator: { name: "Casey Novak", email: "csc.102@riverbend.example" }
            partners:
              - id: readup
                name: "ReadUp (fictional)"
                programs:
                  - id: readup-tut
                    code: "TUT1"
                    name: "ReadUp Tutoring"
                    sites:
                      - school: "101"
                        contacts:
            \(contacts.map { "                  - " + person($0) }.joined(separator: "\n"))
                      - school: "102"
                        contacts:
                          - { name: "Sam Carter", email: "scarter@readup.example" }
              - id: bright-futures
                name: "Bright Futures (fictional)"
                programs:
                  - id: bright-art
                    code: "ART1"
                    name: "Bright Futures Art Club"
                    sites:
                      - school: "101"
                        contacts:
                          - \(person(otherSiteContact))

            """
    }

    static var participationCSV: String {
        var rows = [RosterDatabase.participationColumns.joined(separator: ",")]
        for s in roster { rows.append("\(s.number),101,TUT1,2026-08-17,") }
        for i in [2, 5] { rows.append("\(others[i].number),101,ART1,2026-08-17,") }
        for s in foreign { rows.append("\(s.number),102,TUT1,2026-08-17,") }
        return rows.joined(separator: "\n") + "\n"
    }

    static func writeOneRoster(to dir: String) throws {
        let manifest = """
            propertyName,value
            manifest.version,1.0
            oneroster.version,1.1
            file.orgs,bulk
            file.users,bulk

            """
        let orgs = """
            sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
            org-district,,,Riverbend Unified School District (fictional),district,RUSD,
            org-101,,,Alder Elementary,school,101,org-district
            org-102,,,Birch Middle School,school,102,org-district

            """
        var users = [
            "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,"
                + "middleName,identifier,email,sms,phone,agentSourcedIds,grades,password"
        ]
        for (school, list) in [("101", roster + others), ("102", foreign)] {
            for s in list {
                let given = s.given.contains(" ") || s.given.contains(",") ? "\"\(s.given)\"" : s.given
                users.append(
                    "stu-\(s.number),,,true,org-\(school),student,s\(s.number),,\(given),\(s.family),,\(s.number),,,,,"
                        + "\(s.grade),")
            }
        }
        try manifest.write(toFile: dir + "/manifest.csv", atomically: true, encoding: .utf8)
        try orgs.write(toFile: dir + "/orgs.csv", atomically: true, encoding: .utf8)
        try (users.joined(separator: "\n") + "\n").write(toFile: dir + "/users.csv", atomically: true, encoding: .utf8)
    }
}
