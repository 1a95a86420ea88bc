import Foundation
import Logging
import Roster
import RosterStore

/// The embedded default transport: each outbox message becomes one file in a Maildir (`tmp/` then rename
/// into `new/`). The file name is derived from the outbox row, so a message written before a crash (and
/// so still `sending` or `unknown` in the store) is found again instead of written twice.
public struct MaildirDelivery: MessageTransport {
    public let directory: String
    let logger: Logger
    /// File writes and fsyncs run here, off the cooperative pool.
    let queue: DispatchQueue

    public init(directory: String, logger: Logger) {
        self.directory = directory
        self.logger = logger
        queue = DispatchQueue(label: "rostermail.maildir")
    }

    /// One channel: the disk, not a connection, is the limit.
    public var channels: Int { 1 }

    public func withChannel<T: Sendable>(
        _ channel: Int, _ body: @escaping @Sendable (_ deliver: DeliverFunction) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body { m, from in self.deliverNow(m, envelopeFrom: from) } })
            }
        }
    }

    public static func fileName(for m: OutboxMessage) -> String {
        "\(m.id).\(StableHash.hex(m.messageID)).rostermail"
    }

    func deliverNow(_ m: OutboxMessage, envelopeFrom: String) -> TransportOutcome {
        let fm = FileManager.default
        do {
            for sub in ["tmp", "new", "cur"] {
                try fm.createDirectory(
                    atPath: path(sub), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let name = Self.fileName(for: m)
            let final = path("new/\(name)")
            if fm.fileExists(atPath: final) || (m.attempts > 1 && alreadyRead(name)) {
                return .result(.accepted(reply: "maildir: \(final) (found from an earlier attempt)"))
            }
            try write(m.bytes, name: name)
            logger.debug(
                "delivered to maildir", metadata: ["mail.message_id": "\(m.messageID)", "roster.site": "\(m.siteID)"])
            return .result(.accepted(reply: "maildir: \(final)"))
        } catch {
            // A full disk or a permission problem is not the message's fault: pause and retry later.
            return .pause(reason: "\(error)")
        }
    }

    public func close() async {}

    /// A mail client may have moved the file to `cur/` (name plus `:2,flags`).
    func alreadyRead(_ name: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: path("cur"))) ?? []).contains {
            $0 == name || $0.hasPrefix(name + ":")
        }
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
                Foundation.close(fd)
                throw MaildirError(path: tmp, operation: "write", errno: e)
            }
            off += n
        }
        guard fsync(fd) == 0 else {
            let e = errno
            Foundation.close(fd)
            throw MaildirError(path: tmp, operation: "fsync", errno: e)
        }
        Foundation.close(fd)
        guard rename(tmp, final) == 0 else { throw MaildirError(path: final, operation: "rename", errno: errno) }
        let dfd = open(path("new"), O_RDONLY)
        if dfd >= 0 {
            _ = fsync(dfd)
            Foundation.close(dfd)
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
