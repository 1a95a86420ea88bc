import Foundation

/// One delivering process per store. Held (an exclusive `flock` on `<store>.sender.lock`) by whoever runs
/// the outbox state machine: `serve`, `mail`, `outbox send`. Without it, a second process's crash recovery
/// would take the first one's messages in flight (`sending`) for interrupted ones and send them again.
/// The kernel drops the lock when the holder exits, however it exits.
public final class SenderLock: Sendable {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// Takes the lock of the store at `storePath`; nil when another process holds it.
    public static func acquire(storePath: String) throws(StoreError) -> SenderLock? {
        let path = storePath + ".sender.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(
                .cannotOpen, location: path,
                "cannot open the sender lock (\(String(cString: strerror(errno)))); check the state directory's permissions"
            )
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let e = errno
            close(fd)
            if e == EWOULDBLOCK { return nil }
            throw StoreError(.cannotOpen, location: path, "cannot lock: \(String(cString: strerror(e)))")
        }
        return SenderLock(fd: fd)
    }
}

extension RosterDatabase {
    /// The sender lock of this store (see ``SenderLock``); nil while another process delivers.
    public func senderLock() throws(StoreError) -> SenderLock? {
        try SenderLock.acquire(storePath: path)
    }
}
