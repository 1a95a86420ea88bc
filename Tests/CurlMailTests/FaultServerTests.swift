import CurlMail
import Foundation
import Testing

/// Against scripts/testservers/fault_smtp_server.py: every way an SMTP submission can end.
@Suite struct FaultServerTests {
    enum Expected: Sendable {
        case accepted(SMTPReply)
        case temporary(SMTPStage, SMTPReply?)
        case permanent(SMTPStage, SMTPReply)
        case unknown
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var scenario: String
        var expected: Expected
        /// Whether the server received the final dot.
        var bodySent: Bool
        var affectsAllMessages: Bool
        var testDescription: String { scenario }
    }

    static let cases: [Case] = [
        Case(
            scenario: "ok",
            expected: .accepted(SMTPReply(code: 250, enhancedStatus: "2.0.0", text: "Ok: queued as F1", queueID: "F1")),
            bodySent: true, affectsAllMessages: false),
        Case(
            scenario: "greeting421",
            expected: .temporary(
                .greeting,
                SMTPReply(code: 421, enhancedStatus: "4.3.2", text: "fault.test Service not available, closing channel")
            ),
            bodySent: false, affectsAllMessages: true),
        Case(scenario: "slowGreeting", expected: .temporary(.greeting, nil), bodySent: false, affectsAllMessages: true),
        Case(
            scenario: "rcpt451",
            expected: .temporary(
                .rcptTo, SMTPReply(code: 451, enhancedStatus: "4.7.1", text: "Greylisted, try again later")),
            bodySent: false, affectsAllMessages: false),
        Case(
            scenario: "rcpt452",
            expected: .temporary(.rcptTo, SMTPReply(code: 452, enhancedStatus: "4.5.3", text: "Too many recipients")),
            bodySent: false, affectsAllMessages: false),
        Case(
            scenario: "rcpt550",
            expected: .permanent(
                .rcptTo,
                SMTPReply(code: 550, enhancedStatus: "5.1.1", text: "<nobody@example.test>: Recipient address rejected")
            ),
            bodySent: false, affectsAllMessages: false),
        Case(
            scenario: "multiline550",
            expected: .permanent(
                .rcptTo,
                SMTPReply(
                    code: 550, enhancedStatus: "5.1.1", text: "The email account that you tried to reach does not exist"
                )),
            bodySent: false, affectsAllMessages: false),
        Case(
            scenario: "data554",
            expected: .permanent(
                .endOfData, SMTPReply(code: 554, enhancedStatus: "5.7.1", text: "Message rejected: spam score too high")
            ),
            bodySent: true, affectsAllMessages: false),
        Case(scenario: "dropAfterDot", expected: .unknown, bodySent: true, affectsAllMessages: false),
        Case(scenario: "slowReply", expected: .unknown, bodySent: true, affectsAllMessages: false),
        Case(scenario: "stallData", expected: .temporary(.data, nil), bodySent: false, affectsAllMessages: true),
        Case(scenario: "noStarttls", expected: .temporary(.tls, nil), bodySent: false, affectsAllMessages: true),
        Case(
            scenario: "auth535",
            expected: .permanent(
                .auth, SMTPReply(code: 535, enhancedStatus: "5.7.8", text: "Authentication credentials invalid")),
            bodySent: false, affectsAllMessages: true),
        Case(
            scenario: "auth454",
            expected: .temporary(
                .auth, SMTPReply(code: 454, enhancedStatus: "4.7.0", text: "Temporary authentication failure")),
            bodySent: false, affectsAllMessages: true),
    ]

    @Test(arguments: cases)
    func scenario(_ testCase: Case) async throws {
        let server = try await TestServer.start(
            "fault_smtp_server.py", ["--scenario", testCase.scenario, "--log", "{dir}/log", "--delay", "5"])
        defer { server.stop() }
        var settings = try Fixtures.settings(port: server.port)
        var message = Fixtures.message(testCase.scenario)
        if testCase.scenario == "stallData" {
            settings.lowSpeedTime = 1
            message += Array(repeating: UInt8(ascii: "a"), count: 16 << 20)  // more than the socket buffers hold
        }
        let smtp = try SMTPSubmission(settings: settings)
        let outcome = try await smtp.send(from: "rosters@district.test", to: "partner@example.test", message: message)
        await smtp.close()

        switch (testCase.expected, outcome) {
        case (.accepted(let expected), .accepted(let reply)):
            #expect(reply == expected)
        case (.temporary(let stage, let expected), .temporaryFailure(let actualStage, let reply, let detail)):
            #expect(actualStage == stage)
            #expect(reply == expected)
            #expect(!detail.isEmpty)
        case (.permanent(let stage, let expected), .permanentFailure(let actualStage, let reply, _)):
            #expect(actualStage == stage)
            #expect(reply == expected)
        case (.unknown, .unknown(let detail)):
            #expect(detail.contains("may have accepted"))
        default:
            Issue.record("expected \(testCase.expected), got \(outcome.summary)")
        }
        #expect(outcome.affectsAllMessages == testCase.affectsAllMessages)
        #expect(server.lines(of: "log").contains("dot") == testCase.bodySent)
    }

    @Test func specificDetails() async throws {
        let server = try await TestServer.start(
            "fault_smtp_server.py", ["--scenario", "noStarttls", "--log", "{dir}/log"])
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port))
        let outcome = try await smtp.send(
            from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
        #expect(outcome.summary.contains("does not offer STARTTLS"))
        #expect(!server.lines(of: "log").contains("mail"))
    }

    /// After a message whose reply never came, the connection is not reused: the late reply cannot be
    /// taken for the next message's.
    @Test func newConnectionAfterAnUnknownOutcome() async throws {
        let server = try await TestServer.start(
            "fault_smtp_server.py", ["--scenario", "slowFirst", "--log", "{dir}/log", "--delay", "4"])
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port))
        let first = try await smtp.send(
            from: "rosters@district.test", to: "a@example.test", message: Fixtures.message("1"))
        guard case .unknown = first else {
            Issue.record("expected unknown, got \(first)")
            return
        }
        let second = try await smtp.send(
            from: "rosters@district.test", to: "b@example.test", message: Fixtures.message("2"))
        guard case .accepted(let reply) = second else {
            Issue.record("expected accepted, got \(second)")
            return
        }
        #expect(reply.queueID != nil)
        #expect(await smtp.connectionsOpened == 2)
        #expect(server.lines(of: "log").filter { $0 == "connect" }.count == 2)
    }

    /// A kept connection that the server closed meanwhile costs nothing: the message goes on a new one.
    @Test func serverClosedTheKeptConnection() async throws {
        let server = try await TestServer.start(
            "fault_smtp_server.py", ["--scenario", "closeAfterEach", "--log", "{dir}/log"])
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port))
        for index in 1...3 {
            let outcome = try await smtp.send(
                from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("\(index)"))
            #expect(outcome.reply?.queueID == "F\(index)", "\(outcome.summary)")
        }
        #expect(server.lines(of: "log").filter { $0 == "dot" }.count == 3)
        #expect(await smtp.connectionsOpened == 3)
    }

    /// Failures at RCPT do not stop the next message (each envelope is on its own).
    @Test func nextMessageAfterARecipientFailure() async throws {
        let server = try await TestServer.start(
            "fault_smtp_server.py", ["--scenario", "rcpt550", "--log", "{dir}/log"])
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port))
        for _ in 0..<3 {
            let outcome = try await smtp.send(
                from: "rosters@district.test", to: "x@example.test", message: Fixtures.message("x"))
            #expect(outcome.reply?.code == 550)
        }
    }

    @Test func envelopeCommands() async throws {
        let server = try await TestServer.start("fault_smtp_server.py", ["--scenario", "ok", "--log", "{dir}/log"])
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port))
        let message = Fixtures.message("x")
        _ = try await smtp.send(from: "rosters@district.test", to: "partner@example.test", message: message)
        _ = try await smtp.send(from: "", to: "csc@district.test", message: message)  // null reverse-path
        #expect(
            server.lines(of: "log").filter { $0.hasPrefix("command ") } == [
                "command MAIL FROM:<rosters@district.test>",
                "command RCPT TO:<partner@example.test>",
                "command MAIL FROM:<>",
                "command RCPT TO:<csc@district.test>",
            ])
    }

    @Test func implicitTLS() async throws {
        let server = try await TestServer.start(
            "fault_smtp_server.py", ["--scenario", "ok", "--log", "{dir}/log", "--implicit-tls"])
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port, scheme: "smtps"))
        for index in 1...3 {
            let outcome = try await smtp.send(
                from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
            #expect(outcome.reply?.queueID == "F\(index)")
        }
        #expect(await smtp.connectionsOpened == 1)
    }

    @Test func clearTextOnLoopbackOnly() async throws {
        let server = try await TestServer.start("fault_smtp_server.py", ["--scenario", "plain", "--log", "{dir}/log"])
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: SMTPSettings(url: "smtp://127.0.0.1:\(server.port)?tls=none"))
        let outcome = try await smtp.send(
            from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
        #expect(outcome.reply?.queueID == "F1")
        // The same server refuses a STARTTLS-required client: it offers no STARTTLS.
        let strict = try SMTPSubmission(settings: Fixtures.settings(port: server.port))
        let refused = try await strict.send(
            from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
        #expect(refused.stage == .tls)
    }

    /// libcurl 7.88 skips AUTH silently when the server does not offer it; we stop before the body.
    @Test func credentialsButNoAuthOffered() async throws {
        let server = try await TestServer.start("fault_smtp_server.py", ["--scenario", "plain", "--log", "{dir}/log"])
        defer { server.stop() }
        var settings = SMTPSettings(url: "smtp://127.0.0.1:\(server.port)?tls=none")
        settings.username = "roster"
        settings.password = "secret"
        let smtp = try SMTPSubmission(settings: settings)
        let outcome = try await smtp.send(
            from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
        guard case .temporaryFailure(.auth, nil, let detail) = outcome else {
            Issue.record("expected a temporary AUTH failure, got \(outcome)")
            return
        }
        #expect(detail.contains("offered no AUTH"))
        #expect(outcome.affectsAllMessages)
        #expect(!server.lines(of: "log").contains("dot"))
    }

    @Test func cancelWhileWaitingForTheGreeting() async throws {
        let server = try await TestServer.start(
            "fault_smtp_server.py", ["--scenario", "slowGreeting", "--log", "{dir}/log"])
        defer { server.stop() }
        var settings = try Fixtures.settings(port: server.port)
        settings.connectTimeout = 30
        let smtp = try SMTPSubmission(settings: settings)
        let start = ContinuousClock.now
        let task = Task {
            try await smtp.send(from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
        }
        try await server.waitFor(line: "connect", in: "log")
        smtp.cancel()
        let outcome = try await task.value
        // Well before the 30 s connect timeout: cancelled, not timed out.
        #expect(ContinuousClock.now - start < .seconds(20))
        guard case .temporaryFailure(.greeting, nil, "cancelled") = outcome else {
            Issue.record("expected a cancelled temporary failure, got \(outcome)")
            return
        }
        // Cancellation sticks: nothing more is sent.
        let later = try await smtp.send(
            from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("y"))
        #expect(later.summary.contains("cancelled"))
        #expect(server.lines(of: "log") == ["connect"])
    }

    @Test func cancelAfterTheFinalDotIsUnknown() async throws {
        let server = try await TestServer.start(
            "fault_smtp_server.py", ["--scenario", "slowReply", "--log", "{dir}/log", "--delay", "30"])
        defer { server.stop() }
        var settings = try Fixtures.settings(port: server.port)
        settings.serverResponseTimeout = 60
        let smtp = try SMTPSubmission(settings: settings)
        let start = ContinuousClock.now
        let task = Task {
            try await smtp.send(from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
        }
        try await server.waitFor(line: "dot", in: "log")
        smtp.cancel()
        let outcome = try await task.value
        // Well before the 30 s server delay: cancelled.
        #expect(ContinuousClock.now - start < .seconds(20))
        guard case .unknown(let detail) = outcome else {
            Issue.record("expected unknown, got \(outcome)")
            return
        }
        #expect(detail.hasPrefix("cancelled"))
    }
}
