import Foundation

/// A throwaway Postfix relay (scripts/testservers/postfix/start.sh) on 127.0.0.1, with its own
/// config_directory, queue_directory and log under a temp directory: unknown users at `localDomain` are
/// accepted and then bounced by local(8) with a real DSN; mail to `maildirDomain` lands in `maildir`.
/// Needs root (Postfix's master); `available` says whether this machine can run it.
final class PostfixProcess: @unchecked Sendable {
    let directory: String
    private(set) var port = 0
    private var process: Process?

    init() {
        directory = NSTemporaryDirectory() + "rostermail-it-postfix-" + UUID().uuidString
    }

    var maildir: String { directory + "/mail/inbox" }
    var log: String { (try? String(contentsOfFile: directory + "/postfix.log", encoding: .utf8)) ?? "" }

    static var available: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/postfix") }

    /// Starts Postfix and waits until smtpd greets (tries again when the port was taken meanwhile).
    func start(localDomain: String, maildirDomain: String) async throws {
        for _ in 0..<5 {
            let out = directory + "/start.out"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = [root + "/scripts/testservers/postfix/start.sh", directory, localDomain, maildirDomain]
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            p.standardOutput = handle
            p.standardError = handle
            try p.run()
            process = p
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }),
                    let n = Int(line.dropFirst(5)),
                    (try? await offPool { Self.greets(port: n) }) == true
                {
                    port = n
                    return
                }
                if !p.isRunning { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            stop()
            guard log.contains("Address already in use") else {
                let startOut = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                throw HarnessError("postfix did not start: \(startOut) \(log)")
            }
        }
        throw HarnessError("postfix did not start (ports taken)")
    }

    /// smtpd answers with a 220 greeting.
    static func greets(port: Int) -> Bool {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard s >= 0 else { return false }
        defer { close(s) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = recv(s, &buffer, buffer.count, 0)
        return n > 0 && String(decoding: buffer.prefix(n), as: UTF8.self).hasPrefix("220")
    }

    /// Messages in `maildir/new` (waits up to `seconds` for at least `count`).
    func waitForMail(count: Int, seconds: Double = 30) async throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: maildir + "/new")) ?? []).sorted()
            if files.count >= count || Date() > deadline { return files.map { maildir + "/new/" + $0 } }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// `postfix stop` (the master stops its children), then SIGKILL to the foreground process if still there.
    func stop() {
        guard let p = process else { return }
        process = nil
        let stopper = Process()
        stopper.executableURL = URL(fileURLWithPath: "/usr/sbin/postfix")
        stopper.arguments = ["-c", directory + "/etc", "stop"]
        stopper.standardOutput = FileHandle.nullDevice
        stopper.standardError = FileHandle.nullDevice
        if (try? stopper.run()) != nil { stopper.waitUntilExit() }
        for _ in 0..<50 where p.isRunning { usleep(100_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
