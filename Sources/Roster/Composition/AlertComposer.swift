import Foundation
import MailMessage

/// The email telling a school's CSC and the admin that a roster email could not be delivered. It names
/// the site, the week, the partner's address and the server's reply; no student data.
public struct AlertComposer: Sendable {
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(district: DistrictIdentity, timeZone: TimeZone) {
        self.district = district
        self.timeZone = timeZone
    }

    /// `s` with control characters written as escapes, safe in a header and readable in a body.
    static func printable(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F {
                out += u.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    public func compose(
        failedOutboxID: Int64, siteID: String, week: String, recipient: String, reply: String, to: [Person], now: Date
    ) throws -> [ComposedEmail] {
        // The failed address may itself be what was wrong (a line break, say): show it escaped.
        let recipient = Self.printable(recipient)
        let reply = Self.printable(reply)
        let text = """
            The roster email of site \(siteID) for \(week) could not be delivered to \(recipient).

            Server reply: \(reply)

            RosterMail will not try again on its own. Check the address with the partner, fix partners.yaml if
            needed, then run `rostermail outbox retry \(failedOutboxID)` (or let next week's mailing go out).

            \(district.communitySchools.name)
            """
        return try emails(
            idPrefix: "alert.\(failedOutboxID)",
            subject: "RosterMail: roster email to \(recipient) failed (\(siteID), \(week))",
            text: text, siteID: siteID, week: week, to: to, now: now)
    }

    /// One alert email per person: from RosterMail, auto-generated, its Message-ID `<idPrefix>.<hash of the
    /// address>@<domain>` (the same alert to the same person is one email).
    func emails(
        idPrefix: String, subject: String, text: String, siteID: String, week: String, to: [Person], now: Date
    ) throws -> [ComposedEmail] {
        let parsedWeek = ISOWeek(week) ?? ISOWeek(containing: now, in: timeZone)
        return try to.map { person in
            let id = "\(idPrefix).\(StableHash.hex(person.email.lowercased()))@\(district.domain)"
            var message = OutgoingMessage(
                from: try MailAddress(district.communitySchools.email, displayName: "RosterMail", field: "From"),
                to: [try MailAddress(person.email, displayName: person.name, field: "To")],
                subject: subject, date: now, timeZone: timeZone, messageID: id, body: .text(text))
            message.extraHeaders = [("Auto-Submitted", "auto-generated")]
            return ComposedEmail(
                siteID: siteID, week: parsedWeek, recipient: person.email, messageID: id,
                bytes: try MessageWriter.render(message, seed: id))
        }
    }
}
