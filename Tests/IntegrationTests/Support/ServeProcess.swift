import Foundation

/// A datagram socket bound by the test where `serve` sends its systemd notifications (`$NOTIFY_SOCKET`):
/// a path, or an abstract name written `@name`. Messages are read on a thread of its own, with the time
/// each arrived.
final class NotifyListener: @unchecked Sendable {
    let address: String
    private let fd: Int32
    private let lock = NSLock()
    private var received: [(at: Date, text: String)] = []
    private var closed = false

    init(abstract: Bool) throws {
        address =
            abstract
            ? "@rostermail-it-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            : NSTemporaryDirectory() + "rostermail-notify-\(UUID().uuidString.prefix(8))"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var a = sockaddr_un()
        a.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(address.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &a.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (abstract ? 0 : 1))
        let r = withUnsafePointer(to: &a) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard r == 0 else { throw HarnessError("cannot bind \(address): \(String(cString: strerror(errno)))") }
        var tv = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !self.isClosed {
                let n = recv(self.fd, &buffer, buffer.count, 0)
                guard n > 0 else { continue }
                let text = String(decoding: buffer[..<n], as: UTF8.self)
                self.lock.withLock { self.received.append((Date(), text)) }
            }
        }.start()
    }

    private var isClosed: Bool { lock.withLock { closed } }

    deinit {
        lock.withLock { closed = true }
        usleep(300_000)
        close(fd)
        if !address.hasPrefix("@") { unlink(address) }
    }

    var messages: [(at: Date, text: String)] { lock.withLock { received } }
    var texts: [String] { messages.map(\.text) }

    /// Waits (up to `timeout` seconds: the whole suite shares two cores) for a message that satisfies
    /// `predicate`.
    func wait(_ timeout: Double = 30, for predicate: (String) -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if texts.contains(where: predicate) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        // Once more after the deadline: on a loaded machine this task may first run after it has passed.
        return texts.contains(where: predicate)
    }
}

/// `rostermail serve` on a test installation, its stderr in a file the test reads while it runs.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let log: String

    init(_ inst: TestInstallation, environment: [String: String], arguments: [String] = []) throws {
        log = inst.scratch.path + "/serve.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve"] + inst.global + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, b in b }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Waits (up to `timeout` seconds) until the log contains `text`.
    func waitForLog(_ text: String, timeout: Double = 30) async throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if output.contains(text) { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return output.contains(text)  // once more: the task may first run after the deadline
    }

    /// SIGTERM, then the exit status (SIGKILL after `timeout` seconds).
    func stop(timeout: Double = 10) async throws -> Int32 {
        signal(SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        let p = process
        try await offPool { p.waitUntilExit() }
        return p.terminationReason == .exit ? p.terminationStatus : -p.terminationStatus
    }
}
