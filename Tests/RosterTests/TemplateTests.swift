import Foundation
import MailMessage
import Mustache
import Testing

@testable import Roster

@Suite("roster templates and composition")
struct TemplateTests {
    static let subject = RosterTemplates.Source(
        file: "roster.subject.mustache", text: "{{program_name}} roster, {{week}}\n")
    static let text = RosterTemplates.Source(
        file: "roster.txt.mustache",
        text:
            "Hello {{contact_name}} & co,\n{{#students}}- {{name}} {{number}}\n{{/students}}Reply: {{reply_address}}\n")
    static let html = RosterTemplates.Source(
        file: "roster.html.mustache", text: "<p>Hello {{contact_name}}</p>{{#students}}<td>{{name}}</td>{{/students}}")

    static func context(contact: Person = Person(name: "Dana Reyes", email: "dana@partner.example"))
        -> (RosterComposer, RosterComposer.SiteContext)
    {
        let templates = try! RosterTemplates(subject: subject, text: text, html: html)
        let district = DistrictIdentity(
            name: "Riverbend USD", domain: "riverbend.example",
            communitySchools: Person(name: "Community Schools", email: "cs@riverbend.example"),
            replyLocalPart: "rosters")
        let composer = RosterComposer(
            templates: templates, district: district, timeZone: TimeZone(identifier: "America/Chicago")!,
            tokenKey: try! ReplyTokenKey(bytes: Array(repeating: 7, count: 32)))
        let site = Site(programID: "readup-tutoring", schoolNumber: "101", contacts: [contact])
        let program = Program(
            id: "readup-tutoring", partnerID: "readup", code: "TUT1", name: "ReadUp Tutoring", sites: [site])
        let entries = [
            RosterEntry(
                studentNumber: "1000001", givenName: "José", familyName: "Muñoz", grade: Grade(ceds: "04"),
                releaseOnFile: false, change: .added),
            RosterEntry(
                studentNumber: "1000002", givenName: "<b>Zoë</b>", familyName: "Nguyễn", grade: Grade(ceds: "KG"),
                releaseOnFile: true, change: .none),
        ]
        let ctx = RosterComposer.SiteContext(
            site: site, program: program, partner: Partner(id: "readup", name: "ReadUp", programs: [program]),
            school: School(
                number: "101", name: "Alder Elementary",
                coordinator: Person(name: "Morgan Díaz", email: "csc@riverbend.example")),
            roster: WeeklyRoster(siteID: site.id, week: ISOWeek("2026-W49")!, active: entries, droppedSinceLastWeek: [])
        )
        return (composer, ctx)
    }

    @Test("text parts are not HTML-escaped; HTML parts are")
    func escaping() {
        let (composer, ctx) = Self.context()
        let parts = composer.renderParts(ctx, contact: ctx.site.contacts[0])
        #expect(parts.subject == "ReadUp Tutoring roster, 2026-W49")
        #expect(parts.text.contains("Hello Dana Reyes & co"))
        #expect(parts.text.contains("- <b>Zoë</b> Nguyễn 1000002"))
        #expect(parts.html.contains("&lt;b&gt;Zoë&lt;/b&gt; Nguyễn"))
        #expect(parts.text.contains("Reply: rosters+r2026w49."))
    }

    @Test("a syntax error names the template file and line")
    func syntaxError() {
        let bad = RosterTemplates.Source(
            file: "Templates/roster.txt.mustache", text: "line one\nline two {{#students}}\n")
        #expect {
            _ = try RosterTemplates(subject: Self.subject, text: bad, html: Self.html)
        } throws: { error in
            let e = error as! RosterError
            return e.code == .templateSyntax && e.location.hasPrefix("Templates/roster.txt.mustache:")
        }
    }

    @Test("a misspelt variable names the file, line and column")
    func unknownVariable() {
        let bad = RosterTemplates.Source(file: "roster.html.mustache", text: "<p>\n<p>\n{{shcool_name}}</p>")
        #expect {
            _ = try RosterTemplates(subject: Self.subject, text: Self.text, html: bad)
        } throws: { error in
            let e = error as! RosterError
            return e.code == .templateUnknownVariable && e.location == "roster.html.mustache:3:1"
                && e.message.contains("shcool_name")
        }
    }

    @Test("Message-ID is stable for site, week and recipient, and differs across them")
    func messageID() throws {
        let (composer, ctx) = Self.context()
        let a = try composer.compose(ctx, contact: ctx.site.contacts[0], now: Date(timeIntervalSince1970: 0))
        let b = try composer.compose(ctx, contact: ctx.site.contacts[0], now: Date(timeIntervalSince1970: 99_999))
        #expect(a.messageID == b.messageID)
        #expect(a.messageID.hasPrefix("roster.r2026w49."))
        let other = try composer.messageID(
            siteID: ctx.site.id, week: ISOWeek("2026-W50")!, recipient: "dana@partner.example")
        #expect(other != a.messageID)
        let headers = String(decoding: a.bytes.prefix(2000), as: UTF8.self)
        #expect(headers.contains("Auto-Submitted: auto-generated\r\n"))
        #expect(headers.contains("List-Id: "))
        #expect(headers.contains("Cc: "))
    }

    @Test(
        "a line break in a contact name is rejected with the field named",
        arguments: ["Dana\r\nBcc: x@evil.example", "Dana\nReyes", "Dana\0"])
    func injection(name: String) {
        let (composer, ctx) = Self.context()
        #expect {
            _ = try composer.compose(ctx, contact: Person(name: name, email: "dana@partner.example"), now: Date())
        } throws: { error in
            (error as? MailError)?.field.hasPrefix("To") == true
        }
    }
}

@Suite("composing a site's contacts together")
struct SiteCompositionTests {
    @Test("rendering once per site gives the same bytes as composing each contact alone")
    func sameBytes() throws {
        let contacts = [
            Person(name: "Dana Reyes", email: "dana@partner.example"),
            Person(name: "O'Brien & <Sons> \"Ltd\"", email: "ob@partner.example"),
            Person(name: "José Muñoz", email: "jose@partner.example"),
        ]
        let (composer, base) = TemplateTests.context()
        var ctx = base
        ctx.site.contacts = contacts
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        let together = try composer.compose(ctx, contacts: contacts, now: now)
        #expect(together.count == 3)
        for (i, c) in contacts.enumerated() {
            let alone = try composer.compose(ctx, contact: c, now: now)
            #expect(together[i].bytes == alone.bytes, "contact \(i)")
            #expect(together[i].messageID == alone.messageID)
        }
    }

    @Test("a TemplateText renders exactly as the String it holds: variables, escaping, sections, {{.}}")
    func templateTextRendersAsString() throws {
        let source = """
            [{{v}}][{{{v}}}][{{#v}}in:{{.}}{{/v}}][{{^v}}none{{/v}}][{{#e}}empty:{{.}}{{/e}}][{{^e}}no{{/e}}]
            """
        let template = try MustacheTemplate(string: source)
        for value in ["José <b>&\"'</b>", "", "plain", "ß🙂"] {
            let asString = template.render(["v": value, "e": ""])
            let asText = template.render(TemplateContext(["v": TemplateText(value), "e": TemplateText("")]))
            #expect(asText == asString, "\(value)")
        }
    }
}
