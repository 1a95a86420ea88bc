import Foundation

/// Held by `rostermail serve` for its whole life (an exclusive `flock` on `<store>.serve.lock`), so that
/// `rostermail restore` can tell a running daemon from an idle store even between two delivery runs, when
/// the ``SenderLock`` is free. The kernel drops it when the daemon exits, however it exits.
public final class DaemonLock: Sendable {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// Takes the lock of the store at `storePath`; nil when another process holds it.
    public static func acquire(storePath: String) throws(StoreError) -> DaemonLock? {
        let path = storePath + ".serve.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(
                .cannotOpen, location: path,
                "cannot open the daemon lock (\(String(cString: strerror(errno)))); check the state directory's permissions"
            )
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let e = errno
            close(fd)
            if e == EWOULDBLOCK { return nil }
            throw StoreError(.cannotOpen, location: path, "cannot lock: \(String(cString: strerror(e)))")
        }
        return DaemonLock(fd: fd)
    }
}
