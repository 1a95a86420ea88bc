import Foundation
import Logging
import Roster
import RosterStore

/// The embedded default transport: each queued outbox message becomes one file in a Maildir
/// (`tmp/` then rename into `new/`), then is marked sent. The file name is derived from the outbox row,
/// so a crash between the rename and the commit is repaired on the next run without a duplicate.
public struct MaildirDelivery: Sendable {
    public let directory: String
    let logger: Logger

    public init(directory: String, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    public struct Summary: Sendable {
        public var delivered = 0
        /// Files found already in the Maildir from an interrupted run, now marked sent.
        public var recovered = 0
        public var paths: [String] = []
    }

    public static func fileName(for m: OutboxMessage) -> String {
        "\(m.id).\(StableHash.hex(m.messageID)).rostermail"
    }

    /// Delivers every queued message.
    public func deliverQueued(store: RosterDatabase, now: @Sendable () -> Date = { Date() }) throws -> Summary {
        let fm = FileManager.default
        for sub in ["tmp", "new", "cur"] {
            try fm.createDirectory(
                atPath: (directory as NSString).appendingPathComponent(sub), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        let cur = Set(
            ((try? fm.contentsOfDirectory(atPath: path("cur"))) ?? []).map { String($0.split(separator: ":")[0]) })
        var summary = Summary()
        while true {
            let batch = try store.queuedMessages(limit: 500)
            if batch.isEmpty { break }
            for m in batch {
                let name = Self.fileName(for: m)
                let final = path("new/\(name)")
                if fm.fileExists(atPath: final) || cur.contains(name) {
                    summary.recovered += 1
                } else {
                    try write(m.bytes, name: name)
                    summary.delivered += 1
                }
                try store.markSent(id: m.id, reply: "maildir: \(final)", now: now())
                summary.paths.append(final)
                logger.debug(
                    "delivered to maildir",
                    metadata: ["mail.message_id": "\(m.messageID)", "roster.site": "\(m.siteID)"])
            }
        }
        return summary
    }

    func path(_ rel: String) -> String { (directory as NSString).appendingPathComponent(rel) }

    /// Writes `tmp/name`, fsyncs it, renames it into `new/`, fsyncs `new/`.
    func write(_ bytes: [UInt8], name: String) throws {
        let tmp = path("tmp/\(name)"), final = path("new/\(name)")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw MaildirError(path: tmp, operation: "create", errno: errno) }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + off, bytes.count - off) }
            if n < 0 {
                let e = errno
                close(fd)
                throw MaildirError(path: tmp, operation: "write", errno: e)
            }
            off += n
        }
        guard fsync(fd) == 0 else {
            let e = errno
            close(fd)
            throw MaildirError(path: tmp, operation: "fsync", errno: e)
        }
        close(fd)
        guard rename(tmp, final) == 0 else { throw MaildirError(path: final, operation: "rename", errno: errno) }
        let dfd = open(path("new"), O_RDONLY)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }
}

/// A Maildir write failed: which file, which operation, the system's reason.
public struct MaildirError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var operation: String
    public var errno: Int32

    public var description: String {
        "\(path): cannot \(operation): \(String(cString: strerror(errno))); check the disk and the state directory's permissions"
    }
}
