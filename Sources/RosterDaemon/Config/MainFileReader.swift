import Foundation
import Roster
import RosterStore
import Yams

/// Reads `rostermail.yaml`.
struct MainFileReader {
    var reader: YAMLReader
    let directory: String

    struct Settings {
        var district: DistrictIdentity
        var adminAddress: String
        var timeZone: TimeZone
        var schedule: RosterMailConfig.Schedule
        var transport: Transport
        var delivery: RosterMailConfig.Delivery
        var replies: RosterMailConfig.Replies
        var templates: String
        var store: String
        var policy: RosterMailConfig.Policy
        var releases: RosterMailConfig.Releases
        var metrics: RosterMailConfig.Metrics
        var backup: RosterMailConfig.Backup
        var requests = RosterMailConfig.Requests.default
        var sisExport = RosterMailConfig.SISExport.default
    }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    mutating func read(_ text: String) -> Settings? {
        guard let root = reader.compose(text),
            let top = reader.mapping(
                root, "rostermail.yaml", required: ["district", "time_zone"],
                optional: [
                    "schedule", "delivery", "replies", "paths", "policy", "metrics", "backup", "releases", "requests",
                    "sis_export",
                ])
        else { return nil }

        let d =
            reader.mapping(
                top["district"], "district", required: ["name", "domain", "community_schools_address"],
                optional: ["community_schools_name", "admin_address", "reply_local_part"]) ?? [:]
        let name = reader.string(d["name"], "district.name")
        let domain = reader.string(d["domain"], "district.domain")
        if let domain, !Self.isDomain(domain) {
            reader.problem(d["domain"], "district.domain “\(domain)” is not a mail domain (like district.example.org)")
        }
        let csName =
            d["community_schools_name"].flatMap { reader.string($0, "district.community_schools_name") }
            ?? "Community Schools"
        let csAddress = reader.string(d["community_schools_address"], "district.community_schools_address")
        if let csAddress,
            let p = ConfigLoader.addressProblem(csAddress, name: csName, what: "district.community_schools_address")
        {
            reader.problem(d["community_schools_address"], p)
        }
        let admin = d["admin_address"].flatMap { reader.string($0, "district.admin_address") } ?? csAddress
        if let admin, d["admin_address"] != nil,
            let p = ConfigLoader.addressProblem(admin, what: "district.admin_address")
        {
            reader.problem(d["admin_address"], p)
        }
        let replyLocal = d["reply_local_part"].flatMap { reader.string($0, "district.reply_local_part") } ?? "rosters"
        if replyLocal.contains(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_")) }) {
            reader.problem(d["reply_local_part"], "district.reply_local_part may use only letters, digits, - and _")
        }

        var timeZone: TimeZone?
        if let tz = reader.string(top["time_zone"], "time_zone") {
            timeZone = TimeZone(identifier: tz)
            if timeZone == nil || !tz.contains("/") && tz != "UTC" {
                timeZone = nil
                reader.problem(top["time_zone"], "time_zone “\(tz)” is not an IANA time zone (like America/Chicago)")
            }
        }

        let schedule = readSchedule(top["schedule"])
        let delivery =
            reader.mapping(
                top["delivery"], "delivery",
                optional: [
                    "transport", "sender", "username", "ca_file", "password_file", "ehlo_name", "rate_per_second",
                    "connections", "connect_timeout", "give_up_hours", "response_timeout", "retry_min_seconds",
                    "retry_max_seconds",
                    "reconcile_seconds", "verp",
                ]) ?? [:]
        var transport = Transport.maildir("outbox")
        if let t = delivery["transport"].flatMap({ reader.string($0, "delivery.transport") }) {
            switch Transport.parse(t) {
            case .success(let parsed): transport = parsed
            case .failure(let e): reader.problem(delivery["transport"], "delivery.transport: \(e)")
            }
        }
        let sender = delivery["sender"].flatMap { reader.string($0, "delivery.sender") } ?? csAddress
        if let sender, delivery["sender"] != nil, let p = ConfigLoader.addressProblem(sender, what: "delivery.sender") {
            reader.problem(delivery["sender"], p)
        }
        let caFile = delivery["ca_file"].flatMap { reader.string($0, "delivery.ca_file") }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            reader.problem(delivery["ca_file"], "delivery.ca_file: cannot read \(caFile)")
        }
        var rate = 10.0
        if let n = delivery["rate_per_second"], let text = reader.string(n, "delivery.rate_per_second") {
            if let v = Double(text), v >= 0, v <= 100_000 {
                rate = v
            } else {
                reader.problem(
                    n, "delivery.rate_per_second must be a number from 0 (no limit) to 100000, not “\(text)”")
            }
        }
        let connections =
            delivery["connections"].flatMap { reader.int($0, "delivery.connections", range: 1...16) } ?? 8
        let connectTimeout =
            delivery["connect_timeout"].flatMap { reader.int($0, "delivery.connect_timeout", range: 1...300) } ?? 30
        let giveUp =
            delivery["give_up_hours"].flatMap { reader.int($0, "delivery.give_up_hours", range: 1...167) } ?? 144
        let responseTimeout =
            delivery["response_timeout"].flatMap { reader.int($0, "delivery.response_timeout", range: 1...3600) } ?? 600
        var retry = RetryPolicy()
        if let v = delivery["retry_min_seconds"].flatMap({
            reader.int($0, "delivery.retry_min_seconds", range: 0...86_400)
        }) {
            retry.minimumDelay = TimeInterval(v)
        }
        if let v = delivery["retry_max_seconds"].flatMap({
            reader.int($0, "delivery.retry_max_seconds", range: 0...86_400)
        }) {
            retry.maximumDelay = TimeInterval(v)
        }
        if let v = delivery["reconcile_seconds"].flatMap({
            reader.int($0, "delivery.reconcile_seconds", range: 0...86_400)
        }) {
            retry.reconcileDelay = TimeInterval(v)
        }
        var verp = false
        if let n = delivery["verp"], let v = reader.string(n, "delivery.verp") {
            switch v.lowercased() {
            case "true", "yes": verp = true
            case "false", "no": verp = false
            default: reader.problem(n, "delivery.verp must be true or false, not “\(v)”")
            }
        }
        if retry.maximumDelay < retry.minimumDelay {
            reader.problem(
                delivery["retry_max_seconds"], "delivery.retry_max_seconds is below delivery.retry_min_seconds")
        }
        let settings = RosterMailConfig.Delivery(
            sender: sender ?? "", username: delivery["username"].flatMap { reader.string($0, "delivery.username") },
            caFile: caFile,
            passwordFile: delivery["password_file"].flatMap { reader.string($0, "delivery.password_file") },
            ehloName: delivery["ehlo_name"].flatMap { reader.string($0, "delivery.ehlo_name") }, ratePerSecond: rate,
            connections: connections, connectTimeout: Double(connectTimeout), giveUpHours: giveUp,
            responseTimeout: responseTimeout, retry: retry, verp: verp)
        let replies = readReplies(top["replies"], domain: domain ?? "localhost")
        let paths = reader.mapping(top["paths"], "paths", optional: ["templates", "store"]) ?? [:]
        let templatesRel = paths["templates"].flatMap { reader.string($0, "paths.templates") } ?? "templates"
        let templates =
            templatesRel.hasPrefix("/")
            ? templatesRel
            : ((directory as NSString).appendingPathComponent(templatesRel) as NSString).standardizingPath
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: templates, isDirectory: &isDir) || !isDir.boolValue {
            reader.problem(
                paths["templates"] ?? root,
                "paths.templates: \(templates) is not a directory; point it at the Templates folder")
        }
        let store = paths["store"].flatMap { reader.string($0, "paths.store") } ?? "rostermail.sqlite"
        let policy = readPolicy(top["policy"])
        let releases = readReleases(top["releases"])
        let metrics = readMetrics(top["metrics"])
        let backup = readBackup(top["backup"])
        let requests = readRequests(top["requests"])
        let sisExport = readSISExport(top["sis_export"])

        guard let name, let domain, let csAddress, let admin, let timeZone, let schedule, let policy, let replies,
            let metrics, let backup, let releases, let requests, let sisExport
        else {
            return nil
        }
        var result = Settings(
            district: DistrictIdentity(
                name: name, domain: domain, communitySchools: Person(name: csName, email: csAddress),
                replyLocalPart: replyLocal),
            adminAddress: admin, timeZone: timeZone, schedule: schedule, transport: transport, delivery: settings,
            replies: replies,
            templates: templates, store: store, policy: policy, releases: releases, metrics: metrics, backup: backup)
        result.requests = requests
        result.sisExport = sisExport
        return result
    }

    mutating func readSchedule(_ node: Node?) -> RosterMailConfig.Schedule? {
        var s = RosterMailConfig.Schedule(weekday: 1, hour: 7, minute: 0, catchUpHours: 48, noSchoolWeeks: [])
        guard let node else { return s }
        guard
            let m = reader.mapping(
                node, "schedule", optional: ["weekday", "time", "catch_up_hours", "no_school_weeks"])
        else {
            return nil
        }
        var ok = true
        if let w = m["weekday"].flatMap({ reader.string($0, "schedule.weekday") }) {
            if let i = Self.weekdays.firstIndex(of: w.lowercased()) {
                s.weekday = i + 1
            } else {
                reader.problem(m["weekday"], "schedule.weekday “\(w)” must be a day name (monday … sunday)")
                ok = false
            }
        }
        if let t = m["time"].flatMap({ reader.string($0, "schedule.time") }) {
            let parts = t.split(separator: ":").compactMap { Int($0) }
            if parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]) {
                s.hour = parts[0]
                s.minute = parts[1]
            } else {
                reader.problem(m["time"], "schedule.time “\(t)” must be HH:MM in 24-hour time, quoted (\"07:00\")")
                ok = false
            }
        }
        if let c = m["catch_up_hours"] {
            if let v = reader.int(c, "schedule.catch_up_hours", range: 0...144) {
                s.catchUpHours = v
            } else {
                ok = false
            }
        }
        if let weeks = reader.sequence(m["no_school_weeks"], "schedule.no_school_weeks") {
            for w in weeks {
                guard let t = reader.string(w, "a no-school week") else { continue }
                if let week = ISOWeek(t) {
                    s.noSchoolWeeks.insert(week)
                } else {
                    reader.problem(w, "“\(t)” is not an ISO week like 2026-W52")
                    ok = false
                }
            }
        }
        return ok ? s : nil
    }

    mutating func readPolicy(_ node: Node?) -> RosterMailConfig.Policy? {
        var p = RosterMailConfig.Policy(minGroupSize: 11, minCellCount: 10, kAnonymity: 11, dataRequestDays: 14)
        guard let node else { return p }
        guard
            let m = reader.mapping(
                node, "policy", optional: ["min_group_size", "min_cell_count", "k_anonymity", "data_request_days"])
        else { return nil }
        let before = reader.problems.count
        if let n = m["min_group_size"], let v = reader.int(n, "policy.min_group_size", range: 11...1000) {
            p.minGroupSize = v
        }
        if let n = m["min_cell_count"], let v = reader.int(n, "policy.min_cell_count", range: 10...1000) {
            p.minCellCount = v
        }
        if let n = m["k_anonymity"], let v = reader.int(n, "policy.k_anonymity", range: 11...1000) { p.kAnonymity = v }
        if let n = m["data_request_days"], let v = reader.int(n, "policy.data_request_days", range: 1...14) {
            p.dataRequestDays = v
        }
        return reader.problems.count == before ? p : nil
    }

    static func isDomain(_ s: String) -> Bool {
        let labels = s.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && s.count <= 253
            && labels.allSatisfy { l in
                !l.isEmpty && l.count <= 63 && l.first != "-" && l.last != "-"
                    && l.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }
}
