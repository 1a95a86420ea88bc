import Foundation
import MailMessage

/// The emails of a CSC's actions: the coordinator's confirmation, line by line, and each partner's follow-up
/// for the changes the coordinator applied or rejected. Plain text, threaded to the message they answer.
public struct CSCActionComposer: Sendable {
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(district: DistrictIdentity, timeZone: TimeZone) {
        self.district = district
        self.timeZone = timeZone
    }

    /// The message an email answers.
    public struct Thread: Sendable, Hashable {
        public var messageID: String
        public var references: [String]
        public var subject: String

        public init(messageID: String, references: [String] = [], subject: String) {
            self.messageID = messageID
            self.references = references
            self.subject = subject
        }
    }

    /// To the coordinator: what each line of their reply did.
    public func confirmation(to csc: Person, school: String, lines: [String], thread: Thread, now: Date) throws
        -> ComposedEmail
    {
        let text = """
            Hello \(csc.name),

            This is what your reply to the review email did:

            \(lines.map { "  - \($0)" }.joined(separator: "\n"))

            Partners were told about the changes you applied or rejected.

            \(district.communitySchools.name)
            """
        return try mail(
            kind: "csc-confirmation", id: "csc-confirm.\(StableHash.hex(thread.messageID))", siteID: "school-\(school)",
            to: csc, thread: thread, body: text, now: now)
    }

    /// To a partner: what the coordinator decided about the lines of their reply that waited for review.
    public func followUp(to partner: Person, siteID: String, lines: [String], thread: Thread, now: Date) throws
        -> ComposedEmail
    {
        let text = """
            Hello \(partner.name),

            The Community School Coordinator has looked at the roster changes from your email that we could not
            apply on our own:

            \(lines.map { "  - \($0)" }.joined(separator: "\n"))

            Next week's roster shows the result. Reply to the roster email for anything else.

            \(district.communitySchools.name)
            """
        return try mail(
            kind: "csc-follow-up",
            id: "csc-follow-up.\(StableHash.hex(thread.messageID + "|" + lines.joined(separator: "|")))",
            siteID: siteID, to: partner, thread: thread, body: text, now: now)
    }

    func mail(kind: String, id: String, siteID: String, to: Person, thread: Thread, body: String, now: Date) throws
        -> ComposedEmail
    {
        let messageID = "\(id)@\(district.domain)"
        let subject = thread.subject.lowercased().hasPrefix("re:") ? thread.subject : "Re: \(thread.subject)"
        var m = OutgoingMessage(
            from: try MailAddress(
                district.communitySchools.email, displayName: district.communitySchools.name, field: "From"),
            to: [try MailAddress(to.email, displayName: to.name, field: "To")],
            subject: subject, date: now, timeZone: timeZone, messageID: messageID, body: .text(body))
        m.inReplyTo = thread.messageID
        m.references = Array((thread.references + [thread.messageID]).suffix(10))
        m.extraHeaders = [("Auto-Submitted", "auto-replied"), ("X-RosterMail-Kind", kind)]
        return ComposedEmail(
            siteID: siteID, week: ISOWeek(containing: now, in: timeZone), recipient: to.email, messageID: messageID,
            bytes: try MessageWriter.render(m, seed: messageID))
    }
}
