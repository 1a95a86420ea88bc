import Foundation
import MailMessage

/// The admin's email about roster changes sent to the SIS that it does not show as asked: still missing after
/// two participation imports, or contradicted. Student numbers only.
public struct SISAlertComposer: Sendable {
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(district: DistrictIdentity, timeZone: TimeZone) {
        self.district = district
        self.timeZone = timeZone
    }

    /// `key` identifies the set of changes (the Message-ID is derived from it, so the same alert is one email).
    public func compose(lines: [String], to: String, key: [String], now: Date) throws -> ComposedEmail {
        let text = """
            These roster changes were exported for the SIS, but the participation imports since then do not
            show them as the partner asked. Nothing was undone in RosterMail; the schools' Community School
            Coordinators see them in their daily review email.

            \(lines.map { "  - \($0)" }.joined(separator: "\n"))

            Check them with the SIS operator: load the export again (`rostermail export sis --again --week W`
            writes it again), or correct the roster with the partner.

            \(district.communitySchools.name)
            """
        let id = "sis-alert.\(StableHash.hex(key.joined(separator: ",")))@\(district.domain)"
        var message = OutgoingMessage(
            from: try MailAddress(district.communitySchools.email, displayName: "RosterMail", field: "From"),
            to: [try MailAddress(to, field: "To")],
            subject: "RosterMail: \(lines.count) roster change\(lines.count == 1 ? "" : "s") not in the SIS as asked",
            date: now, timeZone: timeZone, messageID: id, body: .text(text))
        message.extraHeaders = [("Auto-Submitted", "auto-generated"), ("X-RosterMail-Kind", "sis-alert")]
        return ComposedEmail(
            siteID: "sis-alert", week: ISOWeek(containing: now, in: timeZone), recipient: to, messageID: id,
            bytes: try MessageWriter.render(message, seed: id))
    }
}
