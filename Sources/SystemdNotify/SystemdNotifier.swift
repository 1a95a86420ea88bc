#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A client of systemd's notify protocol (`sd_notify(3)`): newline-separated `KEY=VALUE` assignments in one
/// datagram to the `AF_UNIX` socket named by `$NOTIFY_SOCKET` (a path, or an abstract name written with a
/// leading `@`). Without the variable (not started by systemd, or `Type=` is not `notify`) every call does
/// nothing, so callers need not ask.
public struct SystemdNotifier: Sendable {
    /// The socket's address as given (`/run/systemd/notify` or `@name`); nil when notifications are off.
    public let socketPath: String?

    /// A notifier for `socketPath`; nil or empty turns notifications off.
    public init(socketPath: String?) {
        self.socketPath = socketPath.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The notifier of this process: `$NOTIFY_SOCKET`.
    public static func fromEnvironment() -> SystemdNotifier {
        SystemdNotifier(socketPath: getenv("NOTIFY_SOCKET").map { String(cString: $0) })
    }

    public var isEnabled: Bool { socketPath != nil }

    /// `READY=1` with a first status line: start-up is over and the service works.
    public func ready(status: String) throws(NotifyError) {
        try send(["READY=1", "STATUS=" + Self.oneLine(status)])
    }

    /// `STATUS=`: one line saying what the daemon is doing (`systemctl status` shows it).
    public func status(_ text: String) throws(NotifyError) {
        try send(["STATUS=" + Self.oneLine(text)])
    }

    /// `WATCHDOG=1`: the daemon is alive and making progress.
    public func watchdog() throws(NotifyError) {
        try send(["WATCHDOG=1"])
    }

    /// `STOPPING=1` with a last status line: a graceful shutdown has begun.
    public func stopping(status: String) throws(NotifyError) {
        try send(["STOPPING=1", "STATUS=" + Self.oneLine(status)])
    }

    /// `RELOADING=1`: the configuration is being read again; `ready(status:)` ends it.
    public func reloading() throws(NotifyError) {
        try send(["RELOADING=1"])
    }

    /// Sends `assignments` (each `KEY=VALUE`, no line breaks) in one datagram; nothing when disabled.
    public func send(_ assignments: [String]) throws(NotifyError) {
        guard let socketPath else { return }
        let message = assignments.joined(separator: "\n")
        guard var address = Self.address(socketPath) else {
            throw NotifyError(
                socket: socketPath, errno: ENAMETOOLONG,
                "NOTIFY_SOCKET must be an absolute path or an abstract name starting with @, of at most 107 bytes")
        }
        #if canImport(Darwin)
            let fd = socket(AF_UNIX, SOCK_DGRAM, 0)
        #else
            let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #endif
        guard fd >= 0 else { throw NotifyError(socket: socketPath, errno: errno, "cannot create a datagram socket") }
        defer { close(fd) }
        let bytes = Array(message.utf8)
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address.storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                    sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), sa, address.length)
                }
            }
        }
        guard sent == bytes.count else {
            throw NotifyError(socket: socketPath, errno: errno, "cannot send to the notify socket")
        }
    }

    /// The socket address of `path` (`@` = Linux abstract namespace: a leading NUL, no terminating one).
    static func address(_ path: String) -> (storage: sockaddr_un, length: socklen_t)? {
        var storage = sockaddr_un()
        storage.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(path.utf8)
        let abstract = bytes.first == UInt8(ascii: "@")
        if abstract {
            bytes[0] = 0
        } else if bytes.first != UInt8(ascii: "/") {
            return nil
        }
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        // A path needs its terminating NUL; an abstract name is exactly its bytes.
        guard bytes.count + (abstract ? 0 : 1) <= capacity else { return nil }
        withUnsafeMutableBytes(of: &storage.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        let offset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)!
        return (storage, socklen_t(offset + bytes.count + (abstract ? 0 : 1)))
    }

    /// A status value on one line (a line break would start another assignment).
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// A notification could not be sent: which socket, the system's error, and what to check.
public struct NotifyError: Error, Sendable, CustomStringConvertible {
    public var socket: String
    public var errno: Int32
    public var message: String

    init(socket: String, errno: Int32, _ message: String) {
        self.socket = socket
        self.errno = errno
        self.message = message
    }

    public var description: String {
        "\(message) \(socket): \(String(cString: strerror(errno))) (is the service's Type=notify and NotifyAccess= right?)"
    }
}
