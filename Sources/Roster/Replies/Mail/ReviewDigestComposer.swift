import Foundation
import MailMessage

/// One change waiting for the CSC, as the daily digest shows it.
public struct ReviewItem: Sendable, Hashable {
    public var siteID: String
    public var programName: String
    /// Who sent the reply.
    public var sender: String
    public var receivedAt: Date
    /// Where in the reply (`line 4`, `roster.csv row 3`).
    public var sourceText: String
    /// The partner's words.
    public var text: String
    /// Why it was not applied, for the CSC.
    public var reasonText: String
    /// Students of the school the CSC may want to look at (the ambiguous candidates, say).
    public var candidates: [SchoolStudent]

    public init(
        siteID: String, programName: String, sender: String, receivedAt: Date, source: ReplyItem.Source, text: String,
        reason: ReviewReason, candidates: [SchoolStudent] = []
    ) {
        self.init(
            siteID: siteID, programName: programName, sender: sender, receivedAt: receivedAt,
            sourceText: source.description, text: text, reasonText: reason.cscDescription, candidates: candidates)
    }

    /// From the stored `change` row (source and reason as recorded).
    public init(
        siteID: String, programName: String, sender: String, receivedAt: Date, sourceText: String, text: String,
        reasonText: String, candidates: [SchoolStudent] = []
    ) {
        self.siteID = siteID
        self.programName = programName
        self.sender = sender
        self.receivedAt = receivedAt
        self.sourceText = sourceText
        self.text = text
        self.reasonText = reasonText
        self.candidates = candidates
    }
}

/// A quarantined message the CSC is told about (at most once a day, in the digest).
public struct QuarantineNotice: Sendable, Hashable {
    public var receivedAt: Date
    public var sender: String?
    public var subject: String
    public var reasonText: String

    public init(receivedAt: Date, sender: String?, subject: String, reason: QuarantineReason) {
        self.init(receivedAt: receivedAt, sender: sender, subject: subject, reasonText: reason.description)
    }

    /// From the stored `inbox` row.
    public init(receivedAt: Date, sender: String?, subject: String, reasonText: String) {
        self.receivedAt = receivedAt
        self.sender = sender
        self.subject = subject
        self.reasonText = reasonText
    }
}

/// Release coverage of one site, for the digest: "14 of 40 students have a release; 12 requests waiting;
/// 3 declined".
public struct ReleaseCoverageLine: Sendable, Equatable {
    public var programName: String
    public var siteID: String
    public var students: Int
    public var withRelease: Int
    public var waiting: Int
    public var declined: Int

    public init(programName: String, siteID: String, students: Int, withRelease: Int, waiting: Int, declined: Int) {
        self.programName = programName
        self.siteID = siteID
        self.students = students
        self.withRelease = withRelease
        self.waiting = waiting
        self.declined = declined
    }
}

/// The CSC's daily email for one school: every change waiting for review (with what the partner wrote and
/// why it was not applied, naming any student of the school), the replies quarantined that day (release
/// signatures needing review among them), and, on days with release activity, each site's release coverage.
public struct ReviewDigestComposer: Sendable {
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(district: DistrictIdentity, timeZone: TimeZone) {
        self.district = district
        self.timeZone = timeZone
    }

    /// `nil` when there is nothing to tell. Message-ID `review.<school>.<day>.<hash>@<domain>`: one per
    /// school and day, stable across runs.
    public func compose(
        school: School, day: CalendarDay, items: [ReviewItem], quarantined: [QuarantineNotice],
        coverage: [ReleaseCoverageLine] = [], sis: [String] = [], replyAddress: String? = nil, now: Date
    ) throws -> ComposedEmail? {
        guard !items.isEmpty || !quarantined.isEmpty || !coverage.isEmpty || !sis.isEmpty else { return nil }
        let csc = school.coordinator
        let compactDay = day.description.filter { $0 != "-" }
        let id = "review.\(school.number).\(compactDay).\(StableHash.hex(csc.email.lowercased()))@\(district.domain)"
        var parts: [String] = []
        if !items.isEmpty { parts.append("\(items.count) change\(items.count == 1 ? "" : "s") to review") }
        if !quarantined.isEmpty {
            parts.append("\(quarantined.count) quarantined repl\(quarantined.count == 1 ? "y" : "ies")")
        }
        if !sis.isEmpty { parts.append("\(sis.count) change\(sis.count == 1 ? "" : "s") not in the SIS") }
        if parts.isEmpty { parts.append("release coverage") }
        var message = OutgoingMessage(
            from: try MailAddress(district.communitySchools.email, displayName: "RosterMail", field: "From"),
            to: [try MailAddress(csc.email, displayName: csc.name, field: "To")],
            subject: "RosterMail: \(parts.joined(separator: ", ")) at \(school.name) (\(day))", date: now,
            timeZone: timeZone, messageID: id,
            body: .text(
                text(
                    school: school, day: day, items: items, quarantined: quarantined, coverage: coverage, sis: sis,
                    actionable: replyAddress != nil)))
        if let replyAddress {
            message.replyTo = [try MailAddress(replyAddress, displayName: "RosterMail", field: "Reply-To")]
        }
        message.extraHeaders = [("Auto-Submitted", "auto-generated"), ("X-RosterMail-Kind", "review")]
        return ComposedEmail(
            siteID: "", week: ISOWeek(containing: now, in: timeZone), recipient: csc.email, messageID: id,
            bytes: try MessageWriter.render(message, seed: id))
    }

    public func text(
        school: School, day: CalendarDay, items: [ReviewItem], quarantined: [QuarantineNotice],
        coverage: [ReleaseCoverageLine] = [], sis: [String] = [], actionable: Bool = false
    ) -> String {
        var out = "Hello \(school.coordinator.name),\n\n"
        if !items.isEmpty {
            out += "Partners asked for these roster changes at \(school.name) that RosterMail could not match on its "
            out += "own. Nothing was changed; the partners were told you would look at them.\n"
            for (n, item) in items.enumerated() {
                out += "\n\(n + 1). \(item.programName) (site \(item.siteID)), from \(item.sender), "
                out += "\(time(item.receivedAt)), \(item.sourceText):\n"
                out += "   wrote: \"\(PartnerWording.echo(item.text))\"\n"
                out += "   why: \(item.reasonText)\n"
                for c in item.candidates {
                    out += "   candidate: \(c.givenName) \(c.familyName) (student no. \(c.studentNumber), grade "
                    out += "\(c.grade?.label ?? "?"), \(c.onSiteRoster ? "in" : "not in") this program)\n"
                }
            }
        }
        if !quarantined.isEmpty {
            out += "\nReplies refused (nothing was changed, no answer was sent):\n"
            for (n, q) in quarantined.enumerated() {
                out += "  Q\(n + 1). \(time(q.receivedAt)) from \(q.sender ?? "unknown sender"), "
                out += "\"\(PartnerWording.echo(q.subject))\": \(q.reasonText)\n"
            }
        }
        if !coverage.isEmpty {
            out += "\nParent/guardian releases (identified data may go to a partner only with one):\n"
            for c in coverage {
                out += "  - \(c.programName) (site \(c.siteID)): \(c.withRelease) of \(c.students) students have a "
                out += "release; \(c.waiting) request\(c.waiting == 1 ? "" : "s") waiting; \(c.declined) declined\n"
            }
        }
        if actionable {
            out += "\nTo act on an item, reply to this email with one line per item:\n"
            if !items.isEmpty {
                out += "  APPLY 1             apply item 1 as the partner asked (when it lists one candidate)\n"
                out += "  APPLY 1 AS 1001234  apply it for one of the candidates listed\n"
                out += "  REJECT 1 <reason>   do not apply it; the partner is told your reason\n"
            }
            if !quarantined.isEmpty {
                out += "  RELEASE Q1          read a refused reply as if the site's contact had sent it\n"
                out += "  DISCARD Q1          drop a refused reply\n"
            }
            out += "(APLICAR, COMO, RECHAZAR, LIBERAR, DESCARTAR in Spanish.) You get a confirmation line by line;\n"
            out += "partners are told what you applied or rejected.\n"
        }
        if !sis.isEmpty {
            out += "\nRoster changes sent to the SIS that it does not show as asked (nothing was undone; please check "
            out += "with the SIS operator):\n"
            for line in sis { out += "  - \(line)\n" }
        }
        out += "\n\(district.communitySchools.name)\n\(district.name)\n"
        return out
    }

    private func time(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ v: Int?) -> String { (v ?? 0) < 10 ? "0\(v ?? 0)" : "\(v ?? 0)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }
}
