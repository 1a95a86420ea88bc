import Foundation
import MailMessage
import Mustache

/// One release-request email: to one guardian, about one partner, naming only that guardian's own children in
/// that partner's programs. Pure.
public struct ReleaseRequestComposer: Sendable {
    public let templates: ReleaseTemplates
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(templates: ReleaseTemplates, district: DistrictIdentity, timeZone: TimeZone) {
        self.templates = templates
        self.district = district
        self.timeZone = timeZone
    }

    public struct Child: Sendable, Hashable {
        public var studentNumber: String
        public var givenName: String
        public var familyName: String
        public var grade: Grade?
        public var schoolName: String
        public var programName: String

        public init(
            studentNumber: String, givenName: String, familyName: String, grade: Grade?, schoolName: String,
            programName: String
        ) {
            self.studentNumber = studentNumber
            self.givenName = givenName
            self.familyName = familyName
            self.grade = grade
            self.schoolName = schoolName
            self.programName = programName
        }
    }

    /// What one request says.
    public struct Request: Sendable {
        public var token: ReleaseToken
        public var guardian: Person
        /// The guardian's preferred language from the SIS, if any.
        public var language: String?
        public var partnerName: String
        public var purpose: String
        public var measures: [ReleaseMeasure]
        public var expires: CalendarDay
        public var children: [Child]
        /// The CSC of the first child's school (questions go there).
        public var coordinator: Person
        /// 1 for the request, 2 and 3 for reminders.
        public var round: Int
        /// For the outbox row (the first child's site) and the week it is sent.
        public var siteID: String
        public var week: ISOWeek

        public init(
            token: ReleaseToken, guardian: Person, language: String?, partnerName: String, purpose: String,
            measures: [ReleaseMeasure], expires: CalendarDay, children: [Child], coordinator: Person, round: Int,
            siteID: String, week: ISOWeek
        ) {
            self.token = token
            self.guardian = guardian
            self.language = language
            self.partnerName = partnerName
            self.purpose = purpose
            self.measures = measures
            self.expires = expires
            self.children = children
            self.coordinator = coordinator
            self.round = round
            self.siteID = siteID
            self.week = week
        }
    }

    /// The email and the SHA-256 of its text part (the exact form text the guardian saw: the version a
    /// signature records).
    public func compose(_ r: Request, now: Date) throws -> (email: ComposedEmail, formSHA256: String) {
        let languages = templates.languages(for: r.language)
        var subjects: [String] = []
        var texts: [String] = []
        var htmls: [String] = []
        for language in languages {
            guard let t = templates.byLanguage[language] else { continue }
            let values = context(r, language: language)
            subjects.append(t.subject.render(values).trimmingCharacters(in: .whitespacesAndNewlines))
            texts.append(t.text.render(values))
            htmls.append(t.html.render(values))
        }
        let subject = subjects.joined(separator: " / ")
        if subject.contains(where: \.isNewline) {
            throw RosterError(
                .templateOutput, location: "release.*.subject.mustache",
                "the rendered subject has a line break; keep the subject template on one line")
        }
        let text = texts.joined(separator: "\n\n---\n\n")
        let html =
            htmls.count == 1
            ? htmls[0] : htmls.map { Self.body(of: $0) }.joined(separator: "\n<hr>\n")
        let id = r.token.messageID(recipient: r.guardian.email, domain: district.domain)
        var message = OutgoingMessage(
            from: try MailAddress(
                district.communitySchools.email, displayName: district.communitySchools.name, field: "From"),
            to: [try MailAddress(r.guardian.email, displayName: r.guardian.name, field: "To")],
            subject: subject, date: now, timeZone: timeZone, messageID: id,
            body: .multipart("alternative", [.text(text, subtype: "plain"), .text(html, subtype: "html")]))
        message.replyTo = [
            try MailAddress(
                r.token.replyAddress(domain: district.domain), displayName: district.communitySchools.name,
                field: "Reply-To")
        ]
        message.extraHeaders = [
            ("Auto-Submitted", "auto-generated"),
            ("X-RosterMail-Kind", "release-request"),
        ]
        let email = ComposedEmail(
            siteID: r.siteID, week: r.week, recipient: r.guardian.email, messageID: id,
            bytes: try MessageWriter.render(message, seed: id))
        return (email, SHA256Digest.hex(Array(text.utf8)))
    }

    func context(_ r: Request, language: String) -> TemplateContext {
        TemplateContext([
            "district_name": district.name,
            "community_schools_name": district.communitySchools.name,
            "community_schools_address": district.communitySchools.email,
            "guardian_name": r.guardian.name, "partner_name": r.partnerName, "purpose": r.purpose,
            "expires": Self.label(r.expires, language: language),
            "reply_address": r.token.replyAddress(domain: district.domain),
            "children": r.children.map { ChildContext($0) }, "child_count": r.children.count,
            "measures": r.measures.map { LabelContext($0.label(language)) },
            "csc_name": r.coordinator.name, "csc_email": r.coordinator.email,
            "is_reminder": r.round > 1, "round": r.round,
        ])
    }

    static let monthsES = [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre",
    ]

    /// `June 30, 2027` / `30 de junio de 2027`.
    static func label(_ day: CalendarDay, language: String) -> String {
        language == "es"
            ? "\(day.day) de \(monthsES[day.month - 1]) de \(day.year)" : RosterComposer.label(day)
    }

    /// The inside of `<body>…</body>` (for joining two languages into one HTML part), or the whole text.
    static func body(of html: String) -> String {
        guard let open = html.range(of: "<body"), let gt = html[open.upperBound...].firstIndex(of: ">"),
            let close = html.range(of: "</body>", options: .backwards)
        else { return html }
        return String(html[html.index(after: gt)..<close.lowerBound])
    }
}

/// One child of a release request, for `{{#children}}`.
final class ChildContext: MustacheParent {
    let child: ReleaseRequestComposer.Child
    init(_ child: ReleaseRequestComposer.Child) { self.child = child }

    func child(named name: String) -> Any? {
        switch name {
        case "name": return TemplateText("\(child.givenName) \(child.familyName)")
        case "given_name": return TemplateText(child.givenName)
        case "family_name": return TemplateText(child.familyName)
        case "school_name": return TemplateText(child.schoolName)
        case "program_name": return TemplateText(child.programName)
        case "grade": return TemplateText(child.grade?.label ?? "")
        case "number": return TemplateText(child.studentNumber)
        default: return nil
        }
    }
}

/// A `{{label}}` item (`{{#measures}}`).
final class LabelContext: MustacheParent {
    let label: String
    init(_ label: String) { self.label = label }
    func child(named name: String) -> Any? { name == "label" ? TemplateText(label) : nil }
}
