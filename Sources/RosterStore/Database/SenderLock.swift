import Foundation

/// An exclusive `flock` on a file beside the store, held for as long as the value lives. The kernel drops
/// it when the holder exits, however it exits. Two locks use it:
/// - ``SenderLock``: one delivering process per store (`serve`, `mail`, `outbox send`). Without it, a second
///   process's crash recovery would take the first one's messages in flight (`sending`) for interrupted
///   ones and send them again.
/// - ``DaemonLock``: held by `rostermail serve` for its whole life, so that `rostermail restore` can tell a
///   running daemon from an idle store even between two delivery runs, when the sender lock is free.
public final class StoreLock: Sendable {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// Takes `<storePath>.<suffix>.lock`; nil when another process holds it. `what` names it in errors.
    static func acquire(storePath: String, suffix: String, what: String) throws(StoreError) -> StoreLock? {
        let path = storePath + ".\(suffix).lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(
                .cannotOpen, location: path,
                "cannot open the \(what) (\(String(cString: strerror(errno)))); check the state directory's permissions"
            )
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let e = errno
            close(fd)
            if e == EWOULDBLOCK { return nil }
            throw StoreError(.cannotOpen, location: path, "cannot lock: \(String(cString: strerror(e)))")
        }
        return StoreLock(fd: fd)
    }
}

/// One delivering process per store (`<store>.sender.lock`; see ``StoreLock``).
public enum SenderLock {
    /// Takes the lock of the store at `storePath`; nil when another process holds it.
    public static func acquire(storePath: String) throws(StoreError) -> StoreLock? {
        try StoreLock.acquire(storePath: storePath, suffix: "sender", what: "sender lock")
    }
}

/// Held by `serve` for its whole life (`<store>.serve.lock`; see ``StoreLock``).
public enum DaemonLock {
    /// Takes the lock of the store at `storePath`; nil when another process holds it.
    public static func acquire(storePath: String) throws(StoreError) -> StoreLock? {
        try StoreLock.acquire(storePath: storePath, suffix: "serve", what: "daemon lock")
    }
}

extension RosterDatabase {
    /// The sender lock of this store (see ``SenderLock``); nil while another process delivers.
    public func senderLock() throws(StoreError) -> StoreLock? {
        try SenderLock.acquire(storePath: path)
    }
}
