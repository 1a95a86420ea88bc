import Foundation

/// An SMTP server from scripts/testservers, run under /usr/bin/python3 on 127.0.0.1 for one test.
///
/// The script binds a free port itself and prints `PORT <n>` once it accepts connections, so there is no
/// race for a port. ``stop()`` kills it by its pid and removes its directory; call it with `defer`.
final class TestServer {
    let port: Int
    /// A fresh directory for this server: its log and the messages it received.
    let directory: URL
    private let process: Process

    static let scripts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/testservers")

    private init(port: Int, directory: URL, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    /// Starts `script` with `arguments` (`{dir}` is replaced by the server's directory) and waits until it
    /// listens.
    static func start(_ script: String, _ arguments: [String]) async throws -> TestServer {
        let ca = try TestCA.shared.get()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curlmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("server.out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments =
            [scripts.appendingPathComponent(script).path, "--cert", ca.serverCert, "--key", ca.serverKey]
            + arguments.map { $0.replacingOccurrences(of: "{dir}", with: directory.path) }
        let sink = try FileHandle(forWritingTo: output)
        process.standardOutput = sink
        process.standardError = sink
        try process.run()

        // Generous: on 2 cores under the whole suite, the test process itself may be slow to look.
        let deadline = ContinuousClock.now + .seconds(120)
        // The PORT line is checked before `isRunning`: under a loaded machine Foundation has been seen to report a
        // freshly started process as not running although it is listening.
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }),
                let port = Int(line.dropFirst(5))
            {
                return TestServer(port: port, directory: directory, process: process)
            }
            if !process.isRunning && kill(process.processIdentifier, 0) != 0 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let running = process.isRunning
        if running { kill(process.processIdentifier, SIGKILL) }
        let how =
            running
            ? "still running"
            : "ended (\(process.terminationReason == .uncaughtSignal ? "signal" : "exit") \(process.terminationStatus))"
        throw TestServerError(message: "\(script) (pid \(process.processIdentifier), \(how)) did not start: \(text)")
    }

    deinit { stop() }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The lines of the file `name` in the server's directory (empty if there is none).
    func lines(of name: String) -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Waits until the file `name` has a line `line`.
    func waitFor(line: String, in name: String, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !lines(of: name).contains(line) {
            guard ContinuousClock.now < deadline else { throw TestServerError(message: "no \"\(line)\" in \(name)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

struct TestServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The test CA and the server certificate for 127.0.0.1/localhost, made once per test run by
/// scripts/testservers/make_ca.sh. Clients trust it through `SMTPSettings.caFile`; verification stays on.
struct TestCA: Sendable {
    var caFile: String
    var serverCert: String
    var serverKey: String

    static let shared: Result<TestCA, TestServerError> = {
        let temporary = FileManager.default.temporaryDirectory
        // Remove CAs left by earlier runs whose process is gone.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        where name.hasPrefix("curlmail-ca-") {
            if let pid = Int32(name.dropFirst("curlmail-ca-".count)), kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name))
            }
        }
        let directory = temporary.appendingPathComponent("curlmail-ca-\(getpid())")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [TestServer.scripts.appendingPathComponent("make_ca.sh").path, directory.path]
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(TestServerError(message: "make_ca.sh: \(error)"))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(TestServerError(message: "make_ca.sh exited \(process.terminationStatus)"))
        }
        return .success(
            TestCA(
                caFile: directory.appendingPathComponent("ca.pem").path,
                serverCert: directory.appendingPathComponent("server.pem").path,
                serverKey: directory.appendingPathComponent("server.key").path))
    }()
}
