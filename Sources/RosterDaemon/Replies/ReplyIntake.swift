import CurlMail
import Foundation
import Logging
import RosterStore

/// Reads partners' replies from the configured mailbox, hands each to the reply desk, and after the desk's
/// commit moves the message to `Processed` or `Quarantine` (never deletes it). A crash between the commit
/// and the move is repaired by the next pass: the message is recognised (by mailbox UID or Message-ID) and
/// only moved.
public struct ReplyIntake: Sendable {
    let desk: ReplyDesk
    let paths: RuntimePaths
    let logger: Logger

    public init(desk: ReplyDesk, paths: RuntimePaths, logger: Logger) {
        self.desk = desk
        self.paths = paths
        self.logger = logger
    }

    public struct Summary: Sendable, Equatable {
        public var applied = 0
        public var quarantined = 0
        public var ignored = 0
        /// Messages recorded earlier and moved now (after a crash) or seen again.
        public var alreadyRecorded = 0
    }

    /// One pass over the mailbox.
    public func pollOnce(now: @Sendable () -> Date = { Date() }) async throws -> Summary {
        switch desk.config.replies.mailbox {
        case .maildir(let dir): return try maildirPass(directory: paths.state(dir), now: now)
        case .imap(let url): return try await imapPass(url: url, now: now)
        }
    }

    static func count(_ outcome: ReplyDesk.Outcome, into s: inout Summary) {
        if outcome.alreadyRecorded {
            s.alreadyRecorded += 1
            return
        }
        switch outcome.state {
        case .applied: s.applied += 1
        case .quarantined: s.quarantined += 1
        case .ignored: s.ignored += 1
        }
    }

    // MARK: Maildir

    /// Each file of `new/` (and of `cur/`, where a mail client may have put it) is handled, then renamed into
    /// the Maildir++ folder `.Processed` or `.Quarantine` of the same Maildir.
    func maildirPass(directory: String, now: @Sendable () -> Date) throws -> Summary {
        let fm = FileManager.default
        var summary = Summary()
        for sub in ["new", "cur", "tmp"] {
            try fm.createDirectory(
                atPath: directory + "/" + sub, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
        }
        for sub in ["new", "cur"] {
            let names = try fm.contentsOfDirectory(atPath: directory + "/" + sub).filter { !$0.hasPrefix(".") }.sorted()
            for name in names {
                let path = directory + "/" + sub + "/" + name
                guard let data = fm.contents(atPath: path) else { continue }
                let outcome = try desk.handle(
                    [UInt8](data), source: InboxSource(kind: "maildir", mailbox: directory), now: now())
                Self.count(outcome, into: &summary)
                let folder = directory + "/." + outcome.destination
                for f in ["cur", "new", "tmp"] {
                    try fm.createDirectory(
                        atPath: folder + "/" + f, withIntermediateDirectories: true,
                        attributes: [.posixPermissions: 0o700])
                }
                let base = name.split(separator: ":").first.map(String.init) ?? name
                guard rename(path, folder + "/cur/" + base + ":2,S") == 0 else {
                    throw MaildirError(path: path, operation: "move", errno: errno)
                }
            }
        }
        return summary
    }

    // MARK: IMAP

    func imapPass(url: String, now: @Sendable () -> Date) async throws -> Summary {
        let r = desk.config.replies
        var settings = IMAPSettings(
            url: url, username: r.username ?? "", password: try Secrets.imapPassword(config: desk.config) ?? "")
        settings.caFile = r.caFile
        settings.processedMailbox = r.processedFolder
        settings.quarantineMailbox = r.quarantineFolder
        settings.maxMessageBytes = r.limits.maxMessageBytes
        let mailbox = try IMAPMailbox(settings: settings)
        defer { Task { await mailbox.close() } }
        let store = desk.store
        var summary = Summary()
        let checkpoint = try store.mailboxCheckpoint(url).map {
            IMAPCheckpoint(uidValidity: $0.uidValidity, lastUID: $0.lastUID)
        }
        let (validity, uids) = try await mailbox.newMessages(since: checkpoint)
        // First, messages recorded before a crash but not moved yet.
        for pending in try store.unmovedMessages(mailbox: url) where pending.uidValidity == validity {
            try await mailbox.move(uid: pending.uid, to: pending.destination)
            try store.markMoved(inboxID: pending.inboxID, now: now())
            summary.alreadyRecorded += 1
        }
        for uid in uids {
            let outcome: ReplyDesk.Outcome
            do {
                let message = try await mailbox.fetch(uid: uid)
                outcome = try desk.handle(
                    message.bytes, source: InboxSource(kind: "imap", mailbox: url, uidValidity: validity, uid: uid),
                    now: now())
            } catch let e as IMAPError where e.code == .messageTooLarge {
                outcome = try desk.record(
                    InboxRecord(
                        messageID: "none~\(url)#\(validity).\(uid)",
                        source: InboxSource(kind: "imap", mailbox: url, uidValidity: validity, uid: uid),
                        receivedAt: now(), sender: nil, subject: "", siteID: nil, week: nil, state: .quarantined,
                        reason: "message larger than replies.max_message_mb", destination: r.quarantineFolder),
                    now: now())
            }
            Self.count(outcome, into: &summary)
            try await mailbox.move(uid: uid, to: outcome.destination)
            if let id = outcome.inboxID { try store.markMoved(inboxID: id, now: now()) }
        }
        return summary
    }
}
