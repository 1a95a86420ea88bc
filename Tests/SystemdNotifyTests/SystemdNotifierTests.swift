import Foundation
import Testing

@testable import SystemdNotify

/// The notifier against a real `AF_UNIX` datagram socket bound by the test (a path and an abstract name).
@Suite("systemd notify protocol")
struct SystemdNotifierTests {
    /// A datagram socket bound at `address` (a path, or `@name`), read with a timeout.
    final class Listener {
        let fd: Int32

        init(_ address: String) throws {
            fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard var a = SystemdNotifier.address(address) else { throw POSIXError(.ENAMETOOLONG) }
            let r = withUnsafePointer(to: &a.storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, a.length) }
            }
            guard r == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
            var tv = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(fd) }

        func receive() -> String? {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buffer, buffer.count, 0)
            return n < 0 ? nil : String(decoding: buffer[..<n], as: UTF8.self)
        }
    }

    @Test("READY, STATUS, WATCHDOG and STOPPING arrive in order, one datagram each", arguments: [false, true])
    func messagesInOrder(abstract: Bool) throws {
        let address =
            abstract
            ? "@rostermail-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            : NSTemporaryDirectory() + "notify-\(UUID().uuidString.prefix(8))"
        defer { if !abstract { unlink(address) } }
        let listener = try Listener(address)
        let n = SystemdNotifier(socketPath: address)
        try n.ready(status: "idle; next mailing Mon 2026-12-07 06:00")
        try n.status("sending 120/540\nsecond line")
        try n.watchdog()
        try n.stopping(status: "stopping")
        #expect(listener.receive() == "READY=1\nSTATUS=idle; next mailing Mon 2026-12-07 06:00")
        #expect(listener.receive() == "STATUS=sending 120/540 second line")
        #expect(listener.receive() == "WATCHDOG=1")
        #expect(listener.receive() == "STOPPING=1\nSTATUS=stopping")
    }

    @Test("without NOTIFY_SOCKET nothing is sent and nothing fails")
    func disabled() throws {
        let n = SystemdNotifier(socketPath: "")
        #expect(!n.isEnabled)
        try n.ready(status: "x")
    }

    @Test("a relative or too long address is refused with the reason; a missing socket is an error")
    func badAddresses() {
        #expect(throws: NotifyError.self) { try SystemdNotifier(socketPath: "relative/path").watchdog() }
        #expect(throws: NotifyError.self) {
            try SystemdNotifier(socketPath: "/" + String(repeating: "x", count: 120)).watchdog()
        }
        #expect(throws: NotifyError.self) {
            try SystemdNotifier(socketPath: NSTemporaryDirectory() + "no-such-socket-\(UUID())").watchdog()
        }
    }

    @Test(
        "the watchdog: WATCHDOG_USEC for this pid only, pinged at half the timeout",
        arguments: [
            ("2000000", nil, WatchdogSettings(timeout: .seconds(2))),
            ("2000000", "42", WatchdogSettings(timeout: .seconds(2))),
            ("2000000", "43", nil),
            ("0", nil, nil),
            (nil, nil, nil),
            ("junk", nil, nil),
        ] as [(String?, String?, WatchdogSettings?)])
    func watchdogSettings(usec: String?, pid: String?, expected: WatchdogSettings?) {
        let s = WatchdogSettings.parse(usec: usec, pid: pid, ownPID: 42)
        #expect(s == expected)
        if let s { #expect(s.pingInterval == .seconds(1)) }
    }
}
