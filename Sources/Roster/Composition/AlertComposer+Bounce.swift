import Foundation
import MailMessage

extension AlertComposer {
    /// The email telling a school's CSC and the admin that a contact's mail server returned a roster email
    /// the relay had accepted (a bounce): the site, the week, the address and the remote reply; no student
    /// data. Sent once per contact while the contact stays undeliverable.
    public func composeBounce(
        bouncedOutboxID: Int64, siteID: String, week: String, recipient: String, reply: String, to: [Person],
        now: Date
    ) throws -> [ComposedEmail] {
        let recipient = Self.printable(recipient)
        let reply = Self.printable(reply)
        let text = """
            The roster email of site \(siteID) for \(week) (outbox \(bouncedOutboxID)) was accepted by our mail
            relay, but the partner's mail server returned it: \(recipient) did not receive it.

            Remote reply: \(reply)

            RosterMail now shows \(recipient) as undeliverable in `rostermail status` and will not tell you
            again about this address until it is fixed. Check the address with the partner and correct it in
            partners.yaml (then `rostermail check-config` and `systemctl reload rostermail`); the next
            mailing goes to the corrected address.

            \(district.communitySchools.name)
            """
        return try emails(
            idPrefix: "alert.bounce.\(bouncedOutboxID)",
            subject: "RosterMail: roster email to \(recipient) bounced (\(siteID), \(week))", text: text,
            siteID: siteID, week: week, to: to, now: now)
    }
}
