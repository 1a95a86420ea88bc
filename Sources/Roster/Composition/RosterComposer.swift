import Foundation
import MailMessage

/// Builds the Monday roster email (text + HTML + `roster.csv`) for one contact of one site. Pure.
public struct RosterComposer: Sendable {
    public let templates: RosterTemplates
    public let district: DistrictIdentity
    public let timeZone: TimeZone
    /// The server secret that signs reply tokens.
    public let tokenKey: ReplyTokenKey

    public init(templates: RosterTemplates, district: DistrictIdentity, timeZone: TimeZone, tokenKey: ReplyTokenKey) {
        self.templates = templates
        self.district = district
        self.timeZone = timeZone
        self.tokenKey = tokenKey
    }

    /// Everything one site's emails share; build it once per site, then call `compose` per contact.
    public struct SiteContext: Sendable {
        public var site: Site
        public var program: Program
        public var partner: Partner
        public var school: School
        public var roster: WeeklyRoster

        public init(site: Site, program: Program, partner: Partner, school: School, roster: WeeklyRoster) {
            self.site = site
            self.program = program
            self.partner = partner
            self.school = school
            self.roster = roster
        }
    }

    /// The signed reply token of `siteID`'s roster of `week` (HMAC-SHA256 under the server secret).
    public func token(siteID: String, week: ISOWeek) throws -> ReplyToken {
        try ReplyToken.sign(site: siteID, week: week, kind: .roster, secret: tokenKey)
    }

    /// `Message-ID` of the roster email of `siteID` in `week` for `recipient`: the same on every run, so a
    /// resend is recognisable as the same message; it carries the reply token, so a reply that keeps only
    /// `In-Reply-To` or `References` is still found.
    public func messageID(siteID: String, week: ISOWeek, recipient: String) throws -> String {
        try token(siteID: siteID, week: week).messageID(prefix: "roster", recipient: recipient, domain: district.domain)
    }

    /// `rosters+<token>@<domain>`: where the partner's reply goes.
    public func replyAddress(siteID: String, week: ISOWeek) throws -> String {
        try token(siteID: siteID, week: week).replyAddress(district)
    }

    /// The rendered subject, text and HTML of one contact's email.
    public func renderParts(_ ctx: SiteContext, contact: Person) -> (subject: String, text: String, html: String) {
        renderParts(
            ctx, contact: contact, replyAddress: (try? replyAddress(siteID: ctx.site.id, week: ctx.roster.week)) ?? "")
    }

    func renderParts(_ ctx: SiteContext, contact: Person, replyAddress: String) -> (
        subject: String, text: String, html: String
    ) {
        let values = context(ctx, contact: contact, week: ctx.roster.week, replyAddress: replyAddress)
        return (
            templates.subject.render(values).trimmingCharacters(in: .whitespacesAndNewlines),
            templates.text.render(values), templates.html.render(values)
        )
    }

    /// Stands for the contact's name while a site's templates are rendered once for all its contacts.
    /// Private-use characters: no template text, roster value or HTML escaping produces them.
    static let contactSentinel = "\u{F8FF}\u{F8FE}contact\u{F8FE}\u{F8FF}"

    /// The emails of every contact of one site. The templates are rendered once per site with a stand-in
    /// for the contact's name, which is then replaced per contact (HTML-escaped in the HTML part), so the
    /// result is the same as `compose(_:contact:now:)` for each contact, at a fraction of the cost.
    public func compose(_ ctx: SiteContext, contacts: [Person], now: Date) throws -> [ComposedEmail] {
        // Signed once, attached once: the same for every contact of the site.
        let token = try token(siteID: ctx.site.id, week: ctx.roster.week)
        let csv = RosterCSV.render(ctx.roster)
        let address = token.replyAddress(district)
        guard contacts.count > 1 else {
            return try contacts.map { c in
                try compose(
                    ctx, contact: c, parts: renderParts(ctx, contact: c, replyAddress: address), token: token, csv: csv,
                    now: now)
            }
        }
        let parts = renderParts(
            ctx, contact: Person(name: Self.contactSentinel, email: "sentinel@invalid"), replyAddress: address)
        return try contacts.map { contact in
            let name = contact.name
            return try compose(
                ctx, contact: contact,
                parts: (
                    Self.replacingSentinel(in: parts.subject, with: name),
                    Self.replacingSentinel(in: parts.text, with: name),
                    Self.replacingSentinel(in: parts.html, with: Self.htmlEscape(name))
                ), token: token, csv: csv, now: now)
        }
    }

    public func compose(_ ctx: SiteContext, contact: Person, now: Date) throws -> ComposedEmail {
        try compose(ctx, contacts: [contact], now: now)[0]
    }

    func compose(
        _ ctx: SiteContext, contact: Person, parts: (subject: String, text: String, html: String), token: ReplyToken,
        csv: [UInt8], now: Date
    ) throws -> ComposedEmail {
        let week = ctx.roster.week
        let (subject, text, html) = parts
        if subject.contains(where: \.isNewline) {
            throw RosterError(
                .templateOutput, location: templates.files.subject,
                "the rendered subject has a line break; keep the subject template on one line")
        }
        let id = token.messageID(prefix: "roster", recipient: contact.email, domain: district.domain)
        var message = OutgoingMessage(
            from: try MailAddress(
                district.communitySchools.email, displayName: district.communitySchools.name, field: "From"),
            to: [try MailAddress(contact.email, displayName: contact.name, field: "To")],
            subject: subject, date: now, timeZone: timeZone, messageID: id,
            body: .multipart(
                "mixed",
                [
                    .multipart("alternative", [.text(text, subtype: "plain"), .text(html, subtype: "html")]),
                    .attachment(csv, contentType: "text/csv; charset=utf-8", filename: "roster.csv"),
                ]))
        message.cc = [
            try MailAddress(ctx.school.coordinator.email, displayName: ctx.school.coordinator.name, field: "Cc")
        ]
        message.replyTo = [
            try MailAddress(
                token.replyAddress(district), displayName: district.communitySchools.name,
                field: "Reply-To")
        ]
        message.extraHeaders = [
            ("Auto-Submitted", "auto-generated"),
            ("List-Id", "\(ctx.program.name) rosters <\(ctx.site.id).rosters.\(district.domain)>"),
            ("X-RosterMail-Site", ctx.site.id),
            ("X-RosterMail-Week", week.description),
        ]
        let bytes = try MessageWriter.render(message, seed: id)
        return ComposedEmail(siteID: ctx.site.id, week: week, recipient: contact.email, messageID: id, bytes: bytes)
    }

    func context(_ ctx: SiteContext, contact: Person, week: ISOWeek, replyAddress: String) -> TemplateContext {
        TemplateContext([
            "district_name": district.name,
            "community_schools_name": district.communitySchools.name,
            "community_schools_address": district.communitySchools.email,
            "school_name": ctx.school.name, "school_number": ctx.school.number,
            "partner_name": ctx.partner.name, "program_name": ctx.program.name, "site_id": ctx.site.id,
            "contact_name": contact.name,
            "csc_name": ctx.school.coordinator.name, "csc_email": ctx.school.coordinator.email,
            "week": week.description, "week_label": Self.label(week.monday),
            "week_start": week.monday.description, "week_end": week.day(4).description,
            "student_count": ctx.roster.active.count, "has_students": !ctx.roster.active.isEmpty,
            "students": ctx.roster.active.map(StudentContext.init),
            "dropped": ctx.roster.droppedSinceLastWeek.map(StudentContext.init),
            "has_dropped": !ctx.roster.droppedSinceLastWeek.isEmpty,
            "dropped_count": ctx.roster.droppedSinceLastWeek.count,
            "reply_address": replyAddress,
        ])
    }

    /// `text` with every sentinel replaced by `value`, on UTF-8 bytes (the sentinel's bytes cannot start
    /// inside another character, so a byte search is exact and far cheaper than a grapheme-aware one).
    static func replacingSentinel(in text: String, with value: String) -> String {
        let needle = Array(contactSentinel.utf8)
        let replacement = Array(value.utf8)
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        out.reserveCapacity(bytes.count + 4 * replacement.count)
        var i = 0
        let last = bytes.count - needle.count
        while i < bytes.count {
            if i <= last && bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: replacement)
                i += needle.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// HTML escaping exactly as the templates' `{{name}}` does it.
    static func htmlEscape(_ s: String) -> String { FastHTMLContentType().escapeText(s) }

    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]

    /// `November 30, 2026`.
    static func label(_ day: CalendarDay) -> String { "\(months[day.month - 1]) \(day.day), \(day.year)" }
}
