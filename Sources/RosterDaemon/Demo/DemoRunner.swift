import Foundation
import Logging
import MailMessage
import Roster
import RosterStore

/// `rostermail demo`: generates a sample district in `<state>/demo/`, imports it, composes this week's
/// mailing and delivers it into a Maildir, with no mail server. Running it again sends nothing new.
public struct DemoRunner: Sendable {
    public var paths: RuntimePaths
    public var students = 2000
    public var schools = 6
    public var seed: UInt64 = 1
    let logger: Logger

    public init(paths: RuntimePaths, logger: Logger) {
        self.paths = paths
        self.logger = logger
    }

    public struct SchoolLine: Sendable {
        public var school: String
        public var sites: Int
        public var emails: Int
        public var students: Int
    }

    public struct Report: Sendable {
        public var demoDirectory: String
        public var generated: Bool
        public var imports: [ImportReport]
        /// The sample outcome files (attendance, behavior, course marks, assessments) as imported.
        public var outcomes: [OutcomeImportReport] = []
        /// The latest SIS export: its week, participation file and row count.
        public var sisExport: (week: String, file: String, rows: Int)?
        public var week: ISOWeek
        public var mailing: MondayMailing.Summary
        public var delivery: OutboxSender.Summary
        public var schools: [SchoolLine]
        public var emailsThisWeek: Int
        public var sampleEmail: String?
        public var maildir: String
        /// The sample replies' round trip (only on the run that wrote them).
        public var replies: ReplyIntake.Summary?
        public var changes: [String: Int] = [:]
        public var confirmations: [String] = []
        /// Release requests queued by this run (first requests and reminders).
        public var releaseRequests = ReleaseRequests.Summary()
        /// Releases on file now, and the sample guardian's signed student (its number) when the round trip ran.
        public var releasesValid = 0
        public var signedStudent: String?
        /// Whether next week's roster of that student's site shows "release on file: yes" for them.
        public var nextRosterShowsRelease = false
        public var releaseRequestEmail: String?
        /// The demo's data request: its number, status, and the answer email in the Maildir with its files.
        public var dataRequest: DataRequestRow?
        public var dataAnswerEmail: String?
        public var dataAnswerFiles: [String] = []
    }

    public func run(now: Date = Date()) async throws -> Report {
        let demo = paths.state("demo")
        let sample = (demo as NSString).appendingPathComponent("sample")
        let configDir = (demo as NSString).appendingPathComponent("config")
        let fm = FileManager.default
        var generated = false
        if !fm.fileExists(atPath: (sample as NSString).appendingPathComponent("partners.yaml")) {
            _ = try SampleDistrict(students: students, schools: schools, seed: seed).write(to: sample)
            generated = true
        }
        try fm.createDirectory(atPath: configDir, withIntermediateDirectories: true)
        let mainPath = (configDir as NSString).appendingPathComponent(ConfigLoader.mainFile)
        if !fm.fileExists(atPath: mainPath) {
            try Self.embeddedConfig(
                inbox: (demo as NSString).appendingPathComponent("inbox"),
                templates: paths.defaultTemplatesDirectory,
                store: (demo as NSString).appendingPathComponent("rostermail.sqlite"),
                maildir: (demo as NSString).appendingPathComponent("outbox")
            )
            .write(toFile: mainPath, atomically: true, encoding: .utf8)
        }
        let partnersPath = (configDir as NSString).appendingPathComponent(ConfigLoader.partnersFile)
        if !fm.fileExists(atPath: partnersPath) {
            try fm.copyItem(atPath: (sample as NSString).appendingPathComponent("partners.yaml"), toPath: partnersPath)
        }
        let config = try ConfigLoader.load(directory: configDir)
        let store = try RosterDatabase(path: paths.state(config.storeFile))
        try store.sync(directory: config.directory, now: now)
        let imports = [
            try store.importOneRoster(path: (sample as NSString).appendingPathComponent("oneroster"), now: now),
            try store.importParticipation(
                path: (sample as NSString).appendingPathComponent("participation.csv"), now: now),
        ]
        let outcomes = try store.importOutcomes(
            directory: (sample as NSString).appendingPathComponent("outcomes"), now: now)
        let week = ISOWeek(containing: now, in: config.timeZone)
        let keys = try Secrets.replyTokenKeys(paths: paths)
        let templates = try TemplateLoader.load(directory: config.templatesDirectory)
        let mailing = try MondayMailing(
            config: config, store: store, templates: templates, tokenKey: keys[0],
            logger: logger
        ).compose(
            week: week, now: now)
        guard case .maildir(let dir) = config.transport else {
            preconditionFailure("the demo configuration uses a Maildir")
        }
        let maildir = paths.state(dir)
        let sender = OutboxSender(
            store: store, transport: MaildirDelivery(directory: maildir, logger: logger), config: config, logger: logger
        )
        // Release requests to the guardians of this week's participants (the daemon does this after each mailing).
        let requester = ReleaseRequests(
            config: config, store: store,
            templates: try ReleaseTemplateLoader.load(directory: config.templatesDirectory),
            tokenKey: keys[0], logger: logger)
        var releaseRequests = try requester.send(now: now)
        var delivery = try await sender.deliverDue()
        if let reason = delivery.paused {
            throw RosterError(.invalidMessage, location: maildir, "delivery paused: \(reason)")
        }

        // Summary by school, from the outbox of this week.
        let messages = try store.outboxMessages(week: week).filter { $0.kind == "roster" }
        var lines: [SchoolLine] = []
        for school in config.directory.schools {
            let sites = config.directory.sites.filter { $0.schoolNumber == school.number }
            var studentCount = 0
            for s in sites {
                let partner = config.directory.program(id: s.programID)!.partnerID
                studentCount += try store.weeklyRoster(siteID: s.id, partnerID: partner, week: week).active.count
            }
            let ids = Set(sites.map(\.id))
            lines.append(
                SchoolLine(
                    school: school.name, sites: sites.count, emails: messages.filter { ids.contains($0.siteID) }.count,
                    students: studentCount))
        }
        // The reply round trip: sample replies into the reply Maildir, then one intake pass and delivery of the
        // confirmations. Only once: later runs find the replies recorded.
        var replies: ReplyIntake.Summary?
        var confirmations: [String] = []
        guard case .maildir(let inboxDir) = config.replies.mailbox else {
            preconditionFailure("the demo reads a Maildir")
        }
        let inbox = paths.state(inboxDir)
        var signedStudent: String?
        if !FileManager.default.fileExists(atPath: inbox + "/.Processed"),
            try DemoReplies.write(into: inbox, config: config, store: store, keys: keys, week: week, now: now) > 0
        {
            // A guardian signs the first release request (the reply a parent's phone would send).
            signedStudent = try DemoReplies.writeSignature(into: inbox, config: config, store: store, now: now)
            let desk = ReplyDesk(config: config, store: store, keys: keys, logger: logger)
            replies = try await ReplyIntake(desk: desk, paths: paths, logger: logger).pollOnce()
            // Students the partners just added have guardians to ask too.
            releaseRequests.requests += try requester.send(now: now).requests
            let more = try await sender.deliverDue()
            delivery.sent += more.sent
            confirmations = try store.outboxMessages().filter {
                $0.kind == "confirmation" || $0.messageID.hasPrefix("release-confirm")
            }.map {
                (maildir as NSString).appendingPathComponent("new/\(MaildirDelivery.fileName(for: $0))")
            }
        }
        // The data request round trip: a partner asks by email, the data team approves by reply, the answer is
        // delivered. Once, like the replies.
        var dataRequest = try store.dataRequests().last
        if dataRequest == nil,
            try DemoDataRequest.writeRequest(into: inbox, config: config, store: store, week: week, now: now) != nil
        {
            let desk = ReplyDesk(config: config, store: store, keys: keys, logger: logger)
            _ = try await ReplyIntake(desk: desk, paths: paths, logger: logger).pollOnce()
            if try DemoDataRequest.writeApproval(into: inbox, config: config, store: store, now: now) {
                _ = try await ReplyIntake(desk: desk, paths: paths, logger: logger).pollOnce()
            }
            let more = try await sender.deliverDue()
            delivery.sent += more.sent
            dataRequest = try store.dataRequests().last
        }
        // The week's SIS export of the changes the replies made (the daemon does it on Fridays).
        _ = try SISExporter(config: config, store: store, paths: paths, logger: logger).export(
            trigger: "demo", now: now)
        let sisExport = try store.latestSISExport()
        let answer = try store.outboxMessages().last { $0.messageID.hasPrefix("datareq-answer.") }
        let dataAnswerEmail = answer.map {
            (maildir as NSString).appendingPathComponent("new/\(MaildirDelivery.fileName(for: $0))")
        }
        let dataAnswerFiles = try answer.map { try MessageParser.parse($0.bytes).parts.compactMap(\.filename) } ?? []
        let day = CalendarDay(now, in: config.timeZone)
        let releasesValid = try store.releaseViews(on: day).filter { $0.state == "valid" }.count
        var nextRosterShowsRelease = false
        if let number = signedStudent {
            for s in config.directory.sites {
                guard let partner = config.directory.program(id: s.programID)?.partnerID else { continue }
                let next = try store.weeklyRoster(siteID: s.id, partnerID: partner, week: week.next)
                if next.active.contains(where: { $0.studentNumber == number && $0.releaseOnFile }) {
                    nextRosterShowsRelease = true
                }
            }
        }
        let releaseRequestEmail = try store.outboxMessages().first { $0.kind == "release-request" }.map {
            (maildir as NSString).appendingPathComponent("new/\(MaildirDelivery.fileName(for: $0))")
        }
        let changes = try store.replyCounts().changes
        let sampleEmail = messages.first.map {
            (maildir as NSString).appendingPathComponent("new/\(MaildirDelivery.fileName(for: $0))")
        }
        return Report(
            demoDirectory: demo, generated: generated, imports: imports, outcomes: outcomes, sisExport: sisExport,
            week: week,
            mailing: mailing,
            delivery: delivery,
            schools: lines, emailsThisWeek: messages.count, sampleEmail: sampleEmail, maildir: maildir,
            replies: replies, changes: changes, confirmations: confirmations, releaseRequests: releaseRequests,
            releasesValid: releasesValid, signedStudent: signedStudent, nextRosterShowsRelease: nextRosterShowsRelease,
            releaseRequestEmail: releaseRequestEmail, dataRequest: dataRequest, dataAnswerEmail: dataAnswerEmail,
            dataAnswerFiles: dataAnswerFiles)
    }

    /// The demo's `rostermail.yaml`: the embedded defaults (SQLite store, Maildir transport).
    static func embeddedConfig(inbox: String, templates: String, store: String, maildir: String) -> String {
        """
        # Demo configuration written by `rostermail demo` (embedded defaults). See Config/rostermail.yaml
        # for every key and its meaning.
        district:
          name: "Riverbend Unified School District (fictional)"
          domain: \(SampleDistrict.domain)
          community_schools_name: "Riverbend Community Schools"
          community_schools_address: community.schools@\(SampleDistrict.domain)
          admin_address: rostermail-admin@\(SampleDistrict.domain)
        time_zone: America/Chicago
        schedule:
          weekday: monday
          time: "07:00"
        delivery:
          transport: "maildir:\(maildir)"
          rate_per_second: 0   # a Maildir needs no pacing
        replies:
          mailbox: "maildir:\(inbox)"
        requests:
          # Reviews of data requests go to the data team; the demo's team approves by reply.
          data_team: [data.team@\(SampleDistrict.domain)]
        releases:
          # The demo's Maildir has no MTA to check DMARC; in production keep the default (true).
          require_dmarc: false
        paths:
          templates: "\(templates)"
          store: "\(store)"

        """
    }
}
