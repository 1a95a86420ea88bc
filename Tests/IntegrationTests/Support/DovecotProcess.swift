import Foundation

/// A throwaway Dovecot (scripts/testservers/dovecot/start.sh) on 127.0.0.1 with STARTTLS and the test CA:
/// user roster / secret, mail in `maildir`. Messages can be put in `maildir/new` before `start`.
final class DovecotProcess: @unchecked Sendable {
    let directory: String
    private(set) var port = 0
    private var process: Process?

    init() {
        directory = NSTemporaryDirectory() + "rostermail-it-dovecot-" + UUID().uuidString
    }

    var maildir: String { directory + "/home/roster/Maildir" }

    /// Starts Dovecot and waits until it greets (tries again when a port was taken meanwhile).
    func start() async throws {
        for _ in 0..<5 {
            let out = directory + "/start.out"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            let ca = IntegrationCA.files
            p.arguments = [root + "/scripts/testservers/dovecot/start.sh", directory, ca.cert, ca.key]
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
                if !p.isRunning && kill(p.processIdentifier, 0) != 0 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            stop()
            let log = (try? String(contentsOfFile: directory + "/dovecot.log", encoding: .utf8)) ?? ""
            guard log.contains("Address already in use") else { throw HarnessError("dovecot did not start: \(log)") }
        }
        throw HarnessError("dovecot did not start (ports taken)")
    }

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
        return n > 0 && String(decoding: buffer.prefix(n), as: UTF8.self).contains("ready")
    }

    /// Files in one folder of the Maildir (`""` is INBOX, `.Processed`, `.Quarantine`).
    func count(_ folder: String) -> Int {
        ["new", "cur"].reduce(0) { total, sub in
            total
                + ((try? FileManager.default.contentsOfDirectory(atPath: maildir + "/" + folder + "/" + sub))?.count
                    ?? 0)
        }
    }

    /// SIGKILL: a test Dovecot has nothing to save, and the caller must not wait on Swift's cooperative pool.
    func stop() {
        if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL) }
        process = nil
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
