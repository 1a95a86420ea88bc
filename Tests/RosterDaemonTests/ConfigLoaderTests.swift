import Foundation
import Testing

@testable import RosterDaemon

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

final class ConfigDir {
    let path: String

    init(main: String, partners: String) {
        path = NSTemporaryDirectory() + "rostermail-config-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try! main.write(toFile: path + "/rostermail.yaml", atomically: true, encoding: .utf8)
        try! partners.write(toFile: path + "/partners.yaml", atomically: true, encoding: .utf8)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("configuration: rostermail.yaml and partners.yaml")
struct ConfigLoaderTests {
    static var templates: String { packageRoot + "/Templates" }

    static var goodMain: String {
        """
        district:
          name: "Riverbend USD"
          domain: riverbend.example
          community_schools_address: cs@riverbend.example
        time_zone: America/Chicago
        paths:
          templates: "\(templates)"

        """
    }

    static let goodPartners = """
        schools:
          - number: "101"
            name: Alder Elementary
            coordinator: { name: "Morgan Díaz", email: csc@riverbend.example }
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

        """

    @Test("the example configuration in Config/ is valid")
    func exampleConfig() throws {
        let c = try ConfigLoader.load(directory: packageRoot + "/Config")
        #expect(c.timeZone.identifier == "America/Chicago")
        #expect(c.directory.sites.count > 0)
        #expect(c.schedule.noSchoolWeeks.contains(.init("2026-W52")!))
        #expect(c.policy.minGroupSize == 11 && c.policy.minCellCount == 10)
        _ = try TemplateLoader.load(directory: c.templatesDirectory)
    }

    @Test("a minimal configuration gets the documented defaults")
    func defaults() throws {
        let dir = ConfigDir(main: Self.goodMain, partners: Self.goodPartners)
        let c = try ConfigLoader.load(directory: dir.path)
        #expect(c.schedule.weekday == 1 && c.schedule.hour == 7 && c.schedule.minute == 0)
        #expect(c.transport == .maildir("outbox"))
        #expect(c.storeFile == "rostermail.sqlite")
        #expect(c.adminAddress == "cs@riverbend.example")
        #expect(c.directory.sites.map(\.id) == ["readup-tut-101"])
        #expect(c.delivery.connections == 8 && c.delivery.ratePerSecond == 10)
    }

    @Test("delivery.connections outside 1…16 is a problem with its position")
    func connectionsRange() throws {
        for bad in ["0", "17", "many"] {
            let dir = ConfigDir(main: Self.goodMain + "delivery:\n  connections: \(bad)\n", partners: Self.goodPartners)
            #expect {
                try ConfigLoader.load(directory: dir.path)
            } throws: { error in
                "\(error)".contains("rostermail.yaml:") && "\(error)".contains("delivery.connections")
            }
        }
    }

    @Test("every problem in both files is reported at once, each with file:line:column")
    func allProblems() throws {
        let main = """
            district:
              name: "Riverbend USD"
              domian: riverbend.example
              community_schools_address: "not an address"
            time_zone: America/Chicagoo
            schedule:
              weekday: funday
              time: "7 am"
            policy:
              min_group_size: 5

            """
        let partners = """
            schools:
              - number: "101"
                name: Alder
                coordinator: { name: "Morgan", email: csc@riverbend.example }
            partners:
              - id: readup
                name: ReadUp
                programs:
                  - id: readup-tut
                    code: TUT1
                    name: Tutoring
                    sites:
                      - school: "999"
                        contacts:
                          - { name: "Dana\\r\\nBcc: x@evil.example", email: dana@readup.example }
                      - school: "101"
                        contacts: []
              - id: readup
                name: Duplicate
                programs: []

            """
        let dir = ConfigDir(main: main, partners: partners)
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(directory: dir.path) }
        let lines = error?.problems.map(\.description) ?? []
        let m = dir.path + "/rostermail.yaml", p = dir.path + "/partners.yaml"
        for expected in [
            "\(m):3:3: unknown key “domian” in district; did you mean “domain”?",
            "\(m):2:3: district is missing the required key “domain”",
            "\(m):4:30: district.community_schools_address:",
            "\(m):5:12: time_zone “America/Chicagoo” is not an IANA time zone",
            "\(m):7:12: schedule.weekday “funday”",
            "\(m):8:9: schedule.time “7 am”",
            "\(m):10:19: policy.min_group_size must be a whole number from 11",
            "\(p):13:21: unknown school “999”",
            "\(p):15:25: contact name contains a line break",
            "\(p):17:23: the site readup-tut at school 101 has no contacts",
            "\(p):18:9: partner id “readup” is already used on line 6",
        ] {
            #expect(
                lines.contains { $0.hasPrefix(expected) }, "missing \(expected) in:\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test("duplicate program codes and bad ids are reported")
    func duplicates() throws {
        let partners = Self.goodPartners.replacingOccurrences(
            of: "partners:\n",
            with: """
                partners:
                  - id: Other_Partner
                    name: Other
                    programs:
                      - id: other-tut
                        code: TUT1
                        name: Other
                        sites:
                          - school: "101"
                            contacts:
                              - { name: A, email: "a@@b.example" }

                """)
        let dir = ConfigDir(main: Self.goodMain, partners: partners)
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(directory: dir.path) }
        let text = error?.description ?? ""
        #expect(text.contains("partner id “Other_Partner” may use only a-z"))
        #expect(text.contains("program code TUT1 is already used"))
        #expect(text.contains("contact email"))
    }

    @Test("YAML syntax errors carry their position")
    func syntax() throws {
        let dir = ConfigDir(main: "district: [unclosed\n", partners: Self.goodPartners)
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(directory: dir.path) }
        #expect(error?.problems.first?.message.hasPrefix("YAML syntax error") == true)
        #expect(error?.problems.first?.line == 2)
    }

    @Test(
        "transports",
        arguments: [
            ("maildir:outbox", Transport.maildir("outbox")),
            (
                "smtp://relay.example:587",
                .smtp(SMTPEndpoint(host: "relay.example", port: 587, implicitTLS: false, plaintextLoopback: false))
            ),
            (
                "smtps://relay.example",
                .smtp(SMTPEndpoint(host: "relay.example", port: 465, implicitTLS: true, plaintextLoopback: false))
            ),
            (
                "smtp://127.0.0.1:25?tls=none",
                .smtp(SMTPEndpoint(host: "127.0.0.1", port: 25, implicitTLS: false, plaintextLoopback: true))
            ),
        ])
    func transports(text: String, expected: Transport) {
        #expect(Transport(text) == expected)
    }

    @Test(
        "bad transports are refused with the reason",
        arguments: [
            ("maildir:", "needs a path"), ("http://x", "must be maildir"), ("smtp://", "must be maildir"),
            ("relay.example", "must be maildir"),
            ("smtp://relay.example:25?tls=none", "only for smtp:// to a loopback host"),
            ("smtps://127.0.0.1?tls=none", "only for smtp:// to a loopback host"),
            ("smtp://user:secret@relay.example", "credentials never go in the transport URL"),
            ("smtp://relay.example?auth=plain", "unknown option"),
        ])
    func badTransports(text: String, reason: String) {
        guard case .failure(let e) = Transport.parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(e.description.contains(reason), "\(e)")
    }
}
