import CurlMail
import Foundation

/// A real Dovecot 2.3 (Debian dovecot-imapd) for one test, started by scripts/testservers/dovecot/start.sh
/// from its own configuration in a fresh temporary directory: 127.0.0.1 only, STARTTLS (and implicit TLS on
/// a second port) with the test CA's certificate, one user `roster` / `secret`, a maildir.
///
/// Use ``with(extraConfig:_:)``: it stops the server (SIGTERM to the master's pid, SIGKILL if it lingers)
/// and removes the directory whether the test body returns or throws.
final class DovecotServer: Sendable {
    /// STARTTLS port.
    let port: Int
    /// Implicit-TLS port.
    let imapsPort: Int
    let directory: URL
    private let process: Process

    static let script = TestServer.scripts.appendingPathComponent("dovecot/start.sh")
    private static let directoryPrefix = "curlmail-dovecot-"

    private init(port: Int, imapsPort: Int, directory: URL, process: Process) {
        self.port = port
        self.imapsPort = imapsPort
        self.directory = directory
        self.process = process
    }

    /// Starts a server, runs `body` with it, and stops it in every case.
    static func with<T>(extraConfig: String = "", _ body: (DovecotServer) async throws -> T) async throws -> T {
        let server = try await start(extraConfig: extraConfig)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// Starts Dovecot and waits until it greets on its port. Retries (up to 5 times) when a port chosen by
    /// start.sh was taken by someone else before Dovecot bound it.
    static func start(extraConfig: String = "") async throws -> DovecotServer {
        removeLeftovers()
        var lastLog = ""
        for _ in 0..<5 {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("\(directoryPrefix)\(getpid())-\(UUID().uuidString.prefix(8))")
            if let server = try await attempt(directory: directory, extraConfig: extraConfig, log: &lastLog) {
                return server
            }
            try? FileManager.default.removeItem(at: directory)
            guard lastLog.contains("Address already in use") else { break }
        }
        throw TestServerError(message: "dovecot did not start: \(lastLog)")
    }

    private static func attempt(directory: URL, extraConfig: String, log: inout String) async throws -> DovecotServer? {
        let ca = try TestCA.shared.get()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("start.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        var arguments = [script.path, directory.path, ca.serverCert, ca.serverKey]
        if !extraConfig.isEmpty {
            let extra = directory.appendingPathComponent("extra.conf")
            try extraConfig.write(to: extra, atomically: true, encoding: .utf8)
            arguments.append(extra.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        let sink = try FileHandle(forWritingTo: output)
        process.standardOutput = sink
        process.standardError = sink
        try process.run()

        let deadline = ContinuousClock.now + .seconds(60)
        var ports: (Int, Int)?
        // Liveness by the pid, not only `isRunning`: a loaded machine has shown `isRunning` false for a live server.
        while ContinuousClock.now < deadline, process.isRunning || kill(process.processIdentifier, 0) == 0 {
            if ports == nil {
                let lines = ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n")
                func value(_ key: String) -> Int? {
                    lines.first { $0.hasPrefix(key + " ") }.flatMap { Int($0.dropFirst(key.count + 1)) }
                }
                if let port = value("PORT"), let imapsPort = value("IMAPS_PORT") { ports = (port, imapsPort) }
            }
            if let (port, imapsPort) = ports, greets(port: port) {
                return DovecotServer(port: port, imapsPort: imapsPort, directory: directory, process: process)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        log =
            ((try? String(contentsOf: output, encoding: .utf8)) ?? "")
            + ((try? String(contentsOf: directory.appendingPathComponent("dovecot.log"), encoding: .utf8)) ?? "")
        return nil
    }

    /// Whether a Dovecot greeting (`* OK … Dovecot … ready.`) comes from 127.0.0.1:port.
    private static func greets(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 0 else { return false }
        let greeting = String(decoding: buffer[..<count], as: UTF8.self)
        return greeting.hasPrefix("* OK") && greeting.contains("Dovecot")
    }

    /// Stops Dovecot by its master's pid (SIGTERM: it stops its children; it takes about a second) and removes
    /// the directory.
    func stop() async {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Servers of test runs that died before stopping them: killed by their master's pid (checked to be
    /// that server's Dovecot) and removed.
    private static func removeLeftovers() {
        let temporary = FileManager.default.temporaryDirectory
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix(directoryPrefix) {
            guard let owner = Int32(name.dropFirst(directoryPrefix.count).prefix { $0 != "-" }), kill(owner, 0) != 0
            else { continue }
            let directory = temporary.appendingPathComponent(name)
            let pidText = try? String(contentsOf: directory.appendingPathComponent("run/master.pid"), encoding: .utf8)
            if let pid = Int32((pidText ?? "").trimmingCharacters(in: .whitespacesAndNewlines)),
                let command = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
                command.contains(directory.path + "/dovecot.conf")
            {
                kill(pid, SIGKILL)
            }
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Settings for this server's INBOX (or `mailbox`), trusting the test CA, with short timeouts.
    func settings(
        mailbox: String = "INBOX", scheme: String = "imap", password: String = "secret"
    ) throws -> IMAPSettings {
        let port = scheme == "imaps" ? imapsPort : port
        var settings = IMAPSettings(
            url: "\(scheme)://127.0.0.1:\(port)/\(mailbox)", username: "roster", password: password)
        settings.caFile = try TestCA.shared.get().caFile
        if mailbox == settings.processedMailbox || mailbox == settings.quarantineMailbox {
            // Reading Processed or Quarantine: they may not be their own targets.
            settings.processedMailbox = "Elsewhere/Processed"
            settings.quarantineMailbox = "Elsewhere/Quarantine"
        }
        settings.connectTimeout = 5
        settings.timeout = 10
        return settings
    }

    /// The UIDs in `mailbox` (through a second IMAPMailbox, which is what the tests check anyway).
    func uids(in mailbox: String) async throws -> [UInt32] {
        let reader = try IMAPMailbox(settings: settings(mailbox: mailbox))
        let uids = try await reader.newMessages(since: nil).uids
        await reader.close()
        return uids
    }

    /// Runs `doveadm -c CONFIG arguments…` (mailbox admin: change UIDVALIDITY, kick sessions, read flags).
    @discardableResult
    func doveadm(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/doveadm")
        process.arguments = ["-c", directory.appendingPathComponent("dovecot.conf").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerError(
                message: "doveadm \(arguments.joined(separator: " ")) exited "
                    + "\(process.terminationStatus): \(output)")
        }
        return output
    }

    /// Ends every IMAP session open now from the server side, as an idle timeout or a restart would: SIGTERM to
    /// each session's imap process (the `mpid` of its login line), checked to belong to this server.
    func dropSessions() {
        for line in log.split(separator: "\n") where line.contains("Login: user=") {
            guard let range = line.firstRange(of: "mpid="),
                let pid = Int32(line[range.upperBound...].prefix { $0.isNumber }),
                let title = try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8),
                title.contains("rostermail-test-\(port)/imap")
            else { continue }
            kill(pid, SIGTERM)
        }
    }

    /// Dovecot's log so far.
    var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("dovecot.log"), encoding: .utf8)) ?? ""
    }

    /// Waits until the log has a line containing `text`.
    func waitForLog(_ text: String, timeout: Duration = .seconds(5)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !log.contains(text) {
            guard ContinuousClock.now < deadline else {
                throw TestServerError(message: "no \"\(text)\" in the log:\n\(log)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
