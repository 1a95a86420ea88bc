import Foundation
import Logging
import Synchronization
import Testing

@testable import Roster
@testable import RosterDaemon
@testable import RosterStore

/// The pieces of `serve`'s operations that need no process: liveness, the status line, metrics settings and
/// rendering, the metrics endpoint, daily backups, journald lines.
@Suite("operations: watchdog, status, metrics, backups, journald lines")
struct OperationsUnitTests {
    final class ManualClock: Sendable {
        let instant = Mutex(ContinuousClock.now)
        func advance(_ d: Duration) { instant.withLock { $0 += d } }
        var now: ContinuousClock.Instant { instant.withLock { $0 } }
    }

    static func config(_ extra: String = "") throws -> RosterMailConfig {
        let dir = ConfigDir(main: ConfigLoaderTests.goodMain + extra, partners: ConfigLoaderTests.goodPartners)
        return try withExtendedLifetime(dir) { try ConfigLoader.load(directory: dir.path) }
    }

    @Test("liveness: a service is overdue only once its allowance has passed; retired ones are not watched")
    func liveness() {
        let clock = ManualClock()
        let l = Liveness(now: { clock.now })
        l.beat("sender", within: .seconds(10))
        l.beat("poller", within: .seconds(30))
        clock.advance(.seconds(9))
        #expect(l.overdue().isEmpty)
        clock.advance(.seconds(2))
        #expect(l.overdue().map(\.part) == ["sender"])
        l.beat("sender", within: .seconds(10))
        #expect(l.overdue().isEmpty)
        clock.advance(.seconds(25))
        #expect(l.overdue().map(\.part) == ["poller", "sender"])
        l.retire("poller")
        l.retire("sender")
        #expect(l.overdue().isEmpty)
    }

    @Test("the sender's allowance is one whole SMTP transaction at the configured timeouts")
    func budget() throws {
        let defaults = LivenessBudget(config: try Self.config())
        // 30 s to connect, 9 replies of up to 600 s each, a minute of slack.
        #expect(defaults.deliveryAttempt == .seconds(30 + 9 * 600 + 60))
        let tight = LivenessBudget(
            config: try Self.config("delivery:\n  connect_timeout: 5\n  response_timeout: 20\n"))
        #expect(tight.deliveryAttempt == .seconds(5 + 9 * 20 + 60))
    }

    @Test("the status line: idle with the next mailing in the district's time, sending n/total, stalled")
    func statusLine() {
        let s = DaemonStatus()
        #expect(s.text == "idle; no mailing scheduled")
        let chicago = TimeZone(identifier: "America/Chicago")!
        let monday = CalendarDay(year: 2026, month: 12, day: 7)!.instant(hour: 6, minute: 0, in: chicago)
        s.nextMailing(monday, timeZone: chicago)
        #expect(s.text == "idle; next mailing Mon 2026-12-07 06:00")
        s.sending(total: 540)
        for _ in 0..<120 { s.sentOne() }
        #expect(s.text == "sending 120/540")
        s.stalled("sender made no progress")
        #expect(s.text == "stalled: sender made no progress")
        s.stalled(nil)
        s.sending(total: nil)
        #expect(s.text.hasPrefix("idle; next mailing Mon"))
    }

    @Test("metrics: and backup: settings, every problem with its position")
    func settings() throws {
        let c = try Self.config("metrics:\n  listen: \"[::1]:9464\"\nbackup:\n  dir: /srv/b\n  keep_days: 30\n")
        #expect(c.metrics.listen?.host == "::1" && c.metrics.listen?.port == 9464)
        #expect(c.backup == RosterMailConfig.Backup(directory: "/srv/b", keepDays: 30))
        let d = try Self.config()
        #expect(d.metrics.listen == nil && d.metrics.textfile == nil)
        #expect(d.backup == RosterMailConfig.Backup(directory: "backups", keepDays: 14))
        let bad = ConfigDir(
            main: ConfigLoaderTests.goodMain
                + "metrics:\n  listen: 0.0.0.0:9464\n  textfile: /nonexistent/x.prom\nbackup:\n  keep_days: -1\n",
            partners: ConfigLoaderTests.goodPartners)
        #expect {
            try ConfigLoader.load(directory: bad.path)
        } throws: { error in
            let problems = (error as! ConfigError).problems.map(\.description)
            return problems.count == 3
                && problems.contains {
                    $0.hasSuffix(
                        "rostermail.yaml:9:11: metrics.listen “0.0.0.0:9464” must be a loopback address and port, like 127.0.0.1:9464 or [::1]:9464 (the metrics are not for the network; put a proxy or node_exporter in front)"
                    )
                }
                && problems.contains { $0.contains("rostermail.yaml:10:13: metrics.textfile") }
                && problems.contains { $0.contains("rostermail.yaml:12:14: backup.keep_days") }
        }
    }

    @Test("metrics render through swift-prometheus: outbox by state, replies, latency, last week mailed")
    func metricsRender() throws {
        let dir = NSTemporaryDirectory() + "rostermail-metrics-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try RosterDatabase(path: dir + "/s.sqlite")
        let m = DaemonMetrics()
        let message = OutboxMessage(
            id: 1, kind: "roster", week: "2026-W49", siteID: "x", recipient: "a@b.example", messageID: "m@x",
            bytes: [], state: .sent, attempts: 1, createdAt: "2026-12-07T12:00:00Z")
        m.attempted(message, state: .sent, duration: .milliseconds(300), now: Date())
        m.polled(at: Date(timeIntervalSince1970: 1_800_000_000))
        let text = MetricsService.scrape(m, store: store)
        #expect(text.contains(#"rostermail_outbox_messages{state="queued"} 0"#))
        #expect(text.contains(#"rostermail_replies{outcome="applied"} 0"#))
        #expect(text.contains(#"rostermail_delivery_attempt_seconds_bucket{le="0.5"} 1"#))
        #expect(text.contains("rostermail_delivery_delay_seconds_count 1"))
        #expect(text.contains("rostermail_last_successful_poll_timestamp_seconds 1800000000"))
        let file = dir + "/rostermail.prom"
        try MetricsTextfile.write(text, to: file)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text)
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test("the metrics endpoint answers GET /metrics, 404 elsewhere, 405 to POST, and refuses a port in use")
    func endpoint() async throws {
        func open() -> (MetricsHTTPServer, Int)? {
            for candidate in (20_000..<20_100).shuffled() {
                if let s = try? MetricsHTTPServer(host: "127.0.0.1", port: candidate, render: { "up 1\n" }) {
                    return (s, candidate)
                }
            }
            return nil
        }
        let (s, port) = try #require(open())
        defer { s.stop() }
        #expect(throws: MetricsServerError.self) {
            _ = try MetricsHTTPServer(host: "127.0.0.1", port: port, render: { "" })
        }
        func ask(_ request: String) async throws -> String {
            try await withCheckedThrowingContinuation { c in
                DispatchQueue.global().async {
                    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                    defer { close(fd) }
                    var a = sockaddr_in()
                    a.sin_family = sa_family_t(AF_INET)
                    a.sin_port = in_port_t(UInt16(port).bigEndian)
                    a.sin_addr.s_addr = inet_addr("127.0.0.1")
                    _ = withUnsafePointer(to: &a) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                        }
                    }
                    _ = request.utf8CString.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count - 1, 0) }
                    var out: [UInt8] = []
                    var buffer = [UInt8](repeating: 0, count: 1024)
                    while true {
                        let n = recv(fd, &buffer, buffer.count, 0)
                        if n <= 0 { break }
                        out += buffer[..<n]
                    }
                    c.resume(returning: String(decoding: out, as: UTF8.self))
                }
            }
        }
        let ok = try await ask("GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n")
        #expect(ok.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(ok.contains("Content-Type: text/plain; version=0.0.4"))
        #expect(ok.hasSuffix("\r\n\r\nup 1\n"))
        #expect(try await ask("GET / HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 404"))
        #expect(try await ask("POST /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 405"))
        #expect(try await ask("nonsense\r\n\r\n").hasPrefix("HTTP/1.1 400"))
    }

    @Test("daily backup: one checked copy a day; copies older than keep_days (14) go, other files stay")
    func dailyBackup() throws {
        let dir = NSTemporaryDirectory() + "rostermail-daily-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try RosterDatabase(path: dir + "/state/rostermail.sqlite")
        let backups = dir + "/backups"
        let today = CalendarDay(year: 2026, month: 12, day: 7)!
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        for old in ["rostermail-2026-11-20.sqlite", "rostermail-2026-11-23.sqlite", "rostermail-2026-11-30.sqlite"] {
            _ = FileManager.default.createFile(atPath: backups + "/" + old, contents: Data("x".utf8))
        }
        _ = FileManager.default.createFile(atPath: backups + "/notes.txt", contents: Data())
        let first = try DailyBackup.run(store: store, directory: backups, keepDays: 14, today: today)
        #expect(first.made?.path == backups + "/rostermail-2026-12-07.sqlite")
        #expect(first.removed == ["rostermail-2026-11-20.sqlite"])
        let again = try DailyBackup.run(store: store, directory: backups, keepDays: 14, today: today)
        #expect(again.made == nil && again.removed.isEmpty)
        let left = try FileManager.default.contentsOfDirectory(atPath: backups).sorted()
        #expect(
            left == [
                "notes.txt", "rostermail-2026-11-23.sqlite", "rostermail-2026-11-30.sqlite",
                "rostermail-2026-12-07.sqlite",
            ])
    }

    @Test(
        "journald lines: the syslog priority first, metadata sorted, one prefix per line",
        arguments: [
            (Logger.Level.info, "<6>"), (.notice, "<5>"), (.warning, "<4>"), (.error, "<3>"), (.critical, "<2>"),
            (.debug, "<7>"),
        ])
    func journalLine(level: Logger.Level, prefix: String) {
        #expect(
            JournalLogHandler.line(level: level, message: "sent", metadata: ["b": "2", "a": "1"])
                == "\(prefix)sent a=1 b=2\n")
        #expect(JournalLogHandler.line(level: level, message: "x\ny", metadata: [:]) == "\(prefix)x\n\(prefix)y\n")
    }

    @Test("JOURNAL_STREAM counts only when it names this process's stderr")
    func journalStream() {
        var st = stat()
        fstat(2, &st)
        #expect(JournalLogHandler.standardErrorIsJournal(["JOURNAL_STREAM": "\(st.st_dev):\(st.st_ino)"]))
        #expect(!JournalLogHandler.standardErrorIsJournal(["JOURNAL_STREAM": "\(st.st_dev):\(st.st_ino + 1)"]))
        #expect(!JournalLogHandler.standardErrorIsJournal([:]))
    }
}
