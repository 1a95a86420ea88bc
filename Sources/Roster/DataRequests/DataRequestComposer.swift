import Foundation
import MailMessage

/// The emails of a data request's life: the acknowledgement and the form help to the partner, the review to
/// the data team (with the computed files attached), the answer, rejection or refusal to the partner, the
/// team's confirmation, reminders and overdue notices. Plain text, no student names anywhere but inside the
/// attached `identified.csv` the rules allow. Pure.
public struct DataRequestComposer: Sendable {
    public let district: DistrictIdentity
    public let timeZone: TimeZone

    public init(district: DistrictIdentity, timeZone: TimeZone) {
        self.district = district
        self.timeZone = timeZone
    }

    /// What every email says about the request.
    public struct Summary: Sendable, Hashable {
        public var id: Int64
        public var siteID: String
        /// "Bright Futures Tutoring at Lincoln Elementary (101)".
        public var siteName: String
        public var measures: [ReleaseMeasure]
        public var level: DataLevel
        public var period: SchoolYear
        public var purpose: String
        public var requester: String
        public var receivedAt: Date
        public var dueOn: CalendarDay

        public init(
            id: Int64, siteID: String, siteName: String, measures: [ReleaseMeasure], level: DataLevel,
            period: SchoolYear, purpose: String, requester: String, receivedAt: Date, dueOn: CalendarDay
        ) {
            self.id = id
            self.siteID = siteID
            self.siteName = siteName
            self.measures = measures
            self.level = level
            self.period = period
            self.purpose = purpose
            self.requester = requester
            self.receivedAt = receivedAt
            self.dueOn = dueOn
        }

        var lines: String {
            """
              Request number: \(id)
              Program: \(siteName)
              Asked for: \(measures.map(\.rawValue).joined(separator: ", "))
              How much detail: \(level.rawValue)
              School year: \(period)
              What it is for: \(purpose)
              Asked by: \(requester)
              Answer due by: \(dueOn)
            """
        }
    }

    /// The message a reply answers (for threading).
    public struct Thread: Sendable, Hashable {
        public var messageID: String?
        public var references: [String]
        public var subject: String

        public init(messageID: String?, references: [String] = [], subject: String) {
            self.messageID = messageID
            self.references = references
            self.subject = subject
        }
    }

    /// A file attached to the review and the answer.
    public struct File: Sendable, Hashable {
        public var filename: String
        public var contentType: String
        public var bytes: [UInt8]

        public init(filename: String, contentType: String, bytes: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    // MARK: To the partner

    /// "We received your request #N; the answer is due by …" (`duplicate`: the same request arrived again).
    public func acknowledgement(
        _ s: Summary, to: Person, replyAddress: String, thread: Thread?, duplicate: Bool, now: Date
    ) throws -> ComposedEmail {
        let opening =
            duplicate
            ? "This is the same as your data request number \(s.id), which we received on "
                + "\(CalendarDay(s.receivedAt, in: timeZone)). We are working on it; there is nothing more to do."
            : "We received your data request. Its number is \(s.id). The district's data team answers within two "
                + "weeks, by \(s.dueOn)."
        let text = """
            Dear \(to.name),

            \(opening)

            \(s.lines)

            What you will get: \(Self.levelPromise(s.level))

            To ask for something else, reply with a new request block. Please keep the number \(s.id) when you
            write to us about this request.

            \(signature)
            """
        return try mail(
            kind: "data-ack", id: "datareq-ack.\(s.id).\(StableHash.hex(thread?.messageID ?? "cli \(s.id)"))",
            siteID: s.siteID, to: to, replyTo: replyAddress,
            subject: thread.map { Self.re($0.subject) } ?? "Data request \(s.id) received",
            thread: thread, auto: "auto-replied", body: text, files: [], now: now)
    }

    /// The form, with what could not be read.
    public func formHelp(problems: [String], to: Person, replyAddress: String, thread: Thread, now: Date) throws
        -> ComposedEmail
    {
        let text = """
            Dear \(to.name),

            We could not read a data request in your email, so nothing was requested yet:

            \(problems.map { "  - \($0)" }.joined(separator: "\n"))

            To ask for data about the students in your program, reply with a block like this one
            (in English or in Spanish; one block per email):

            \(DataRequestForm.blankForm.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n"))

            Measures: attendance, behavior, grades, assessments, improvement (from the prior school year).
            Level: aggregate (counts for the whole group), de-identified (one row per student, no names), or
            identified (names; only for students whose parent or guardian signed a release for your program).
            If you serve several schools, add a line "School: <school number>".

            \(signature)
            """
        return try mail(
            kind: "data-help", id: "datareq-help.\(StableHash.hex(thread.messageID ?? thread.subject))",
            siteID: "", to: to, replyTo: replyAddress, subject: Self.re(thread.subject), thread: thread,
            auto: "auto-replied", body: text, files: [], now: now)
    }

    /// The answer, with its files.
    public func answer(
        _ s: Summary, to: Person, summary: [String], files: [File], thread: Thread?, replyAddress: String, now: Date
    ) throws -> ComposedEmail {
        let text = """
            Dear \(to.name),

            Here is the answer to your data request number \(s.id).

            \(s.lines)

            \(summary.joined(separator: "\n"))

            The attached README.txt explains each file and the privacy rules applied. These records are shared
            under FERPA for the purpose stated above only: do not pass them on or try to identify students
            from them.

            \(signature)
            """
        return try mail(
            kind: "data-answer", id: "datareq-answer.\(s.id).\(StableHash.hex(files.map(\.filename).joined()))",
            siteID: s.siteID, to: to, replyTo: replyAddress, subject: "Data request \(s.id): the answer",
            thread: thread, auto: "auto-generated", body: text, files: files, now: now)
    }

    /// The data team declined, or nothing can be answered (`refusal`).
    public func notAnswered(
        _ s: Summary, to: Person, reason: String, byDataTeam: Bool, thread: Thread?, replyAddress: String, now: Date
    ) throws -> ComposedEmail {
        let why =
            byDataTeam
            ? "The district's data team did not approve it. Their reason: \(reason)"
            : reason
        let text = """
            Dear \(to.name),

            Your data request number \(s.id) cannot be answered as asked.

            \(why)

            \(s.lines)

            You may send a new request (reply with a new request block), or write to your school's Community
            School Coordinator.

            \(signature)
            """
        return try mail(
            kind: "data-answer", id: "datareq-no.\(s.id).\(StableHash.hex(reason))", siteID: s.siteID, to: to,
            replyTo: replyAddress, subject: "Data request \(s.id): not answered", thread: thread,
            auto: "auto-generated", body: text, files: [], now: now)
    }

    // MARK: To the data team, the admin and the CSC

    /// The computed answer for the data team to check (`round` makes each review of a request distinct).
    public func review(
        _ s: Summary, to team: [Person], summary: [String], files: [File], token: DataRequestToken,
        replyAddress: String, round: String, changedSinceReview: Bool, now: Date
    ) throws -> [ComposedEmail] {
        let intro =
            changedSinceReview
            ? "The data changed since you last reviewed this request (new outcome data, roster changes or another "
                + "answer to this partner), so the answer was computed again. Please review this version; the "
                + "earlier one will not be sent."
            : "A partner asked for data. RosterMail computed the answer below under the district's disclosure rules; "
                + "nothing is sent to the partner until you approve."
        let text = """
            \(intro)

            \(s.lines)

            \(summary.joined(separator: "\n"))

            The files the partner would get are attached. Reply to this email with one line:
              APPROVE                 to send them to the partner, or
              REJECT <the reason>     to tell the partner it will not be answered, and why.

            \(signature)
            """
        return try team.map { person in
            try mail(
                kind: "data-review",
                id: token.reviewMessageID(round: "\(round) \(person.email.lowercased())", domain: district.domain),
                siteID: s.siteID, to: person, replyTo: replyAddress,
                subject: "Data request \(s.id) for review: \(s.siteName), due \(s.dueOn)", thread: nil,
                auto: "auto-generated", body: text, files: files, now: now, exactID: true)
        }
    }

    /// What became of a team member's reply, line by line.
    public func teamConfirmation(
        requestID: Int64, siteID: String, lines: [String], to: Person, replyAddress: String, thread: Thread, now: Date
    ) throws -> ComposedEmail {
        let text = """
            Data request \(requestID):

            \(lines.map { "  - \($0)" }.joined(separator: "\n"))

            \(signature)
            """
        return try mail(
            kind: "data-confirmation",
            id: "datareq-confirm.\(requestID).\(StableHash.hex(thread.messageID ?? thread.subject))",
            siteID: siteID, to: to, replyTo: replyAddress, subject: Self.re(thread.subject), thread: thread,
            auto: "auto-replied", body: text, files: [], now: now)
    }

    /// Day 7 and 12: the request still waits for the team.
    public func reminder(
        _ s: Summary, to team: [Person], daysWaiting: Int, token: DataRequestToken, replyAddress: String,
        reviewMessageID: String?, now: Date
    ) throws -> [ComposedEmail] {
        let text = """
            Data request \(s.id) has waited \(daysWaiting) days for your review; it is due by \(s.dueOn).

            \(s.lines)

            The computed answer is in the review email sent earlier. Reply to this email or to that one with
            APPROVE, or REJECT <the reason>.

            \(signature)
            """
        return try team.map { person in
            try mail(
                kind: "data-reminder",
                id: token.reviewMessageID(
                    round: "reminder \(daysWaiting) \(person.email.lowercased())", domain: district.domain),
                siteID: s.siteID, to: person, replyTo: replyAddress,
                subject: "Reminder: data request \(s.id) due \(s.dueOn)",
                thread: reviewMessageID.map { Thread(messageID: $0, subject: "") }, auto: "auto-generated",
                body: text, files: [], now: now, exactID: true)
        }
    }

    /// From the due day on, daily: to the admin and the school's CSC.
    public func overdue(_ s: Summary, to: [Person], day: CalendarDay, now: Date) throws -> [ComposedEmail] {
        let late = day.dayNumber - s.dueOn.dayNumber
        let text = """
            Data request \(s.id) is overdue: it was due by \(s.dueOn) (\(late) day\(late == 1 ? "" : "s") ago) and
            the data team has not answered it yet.

            \(s.lines)

            The data team approves or rejects it by replying to its review email, or with
            `rostermail requests approve \(s.id)` / `rostermail requests reject \(s.id) --reason TEXT`.
            This notice repeats daily until the request is answered.

            \(signature)
            """
        return try to.map { person in
            try mail(
                kind: "data-overdue",
                id: "datareq-overdue.\(s.id).\(day).\(StableHash.hex(person.email.lowercased()))", siteID: s.siteID,
                to: person, replyTo: nil, subject: "Overdue: data request \(s.id) (\(s.siteName))", thread: nil,
                auto: "auto-generated", body: text, files: [], now: now)
        }
    }

    // MARK: -

    var signature: String { "\(district.communitySchools.name)\n\(district.name)" }

    /// What a partner gets at each level, in plain words.
    public static func levelPromise(_ level: DataLevel) -> String {
        switch level {
        case .aggregate:
            return "counts and percentages for your students as a group, and by school and grade where those "
                + "groups are larger than 10 students. A group of 10 or fewer gets no figures."
        case .deidentified:
            return "the group counts, and one row per student without names (Student 1, 2, 3 …); school, gender, "
                + "grade and race/ethnicity are hidden where they could point to a student."
        case .identified:
            return "the group counts, and named rows only for students whose parent or guardian signed a release "
                + "for your program covering these records. We will tell you how many students were left out."
        }
    }

    static func re(_ subject: String) -> String {
        let s = subject.trimmingCharacters(in: .whitespaces)
        return s.lowercased().hasPrefix("re:") ? s : "Re: \(s)"
    }

    func mail(
        kind: String, id: String, siteID: String, to: Person, replyTo: String?, subject: String, thread: Thread?,
        auto: String, body: String, files: [File], now: Date, exactID: Bool = false
    ) throws -> ComposedEmail {
        let messageID = exactID ? id : "\(id)@\(district.domain)"
        var m = OutgoingMessage(
            from: try MailAddress(
                district.communitySchools.email, displayName: district.communitySchools.name, field: "From"),
            to: [try MailAddress(to.email, displayName: to.name, field: "To")],
            subject: subject, date: now, timeZone: timeZone, messageID: messageID,
            body: files.isEmpty
                ? .text(body)
                : .multipart(
                    "mixed",
                    [.text(body)]
                        + files.map { .attachment($0.bytes, contentType: $0.contentType, filename: $0.filename) }))
        if let replyTo {
            m.replyTo = [try MailAddress(replyTo, displayName: district.communitySchools.name, field: "Reply-To")]
        }
        if let thread, let parent = thread.messageID {
            m.inReplyTo = parent
            m.references = Array((thread.references + [parent]).suffix(10))
        }
        m.extraHeaders = [("Auto-Submitted", auto), ("X-RosterMail-Kind", kind)]
        return ComposedEmail(
            siteID: siteID, week: ISOWeek(containing: now, in: timeZone),
            recipient: to.email, messageID: messageID,
            bytes: try MessageWriter.render(m, seed: messageID))
    }
}
