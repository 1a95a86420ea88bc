import CurlMail
import Foundation
import Testing

/// Against a real SMTP server (Debian's aiosmtpd) with STARTTLS and AUTH required.
@Suite struct AiosmtpdSubmissionTests {
    static func startServer() async throws -> TestServer {
        try await TestServer.start(
            "aiosmtpd_server.py", ["--maildir", "{dir}", "--user", "roster", "--password", "secret"])
    }

    /// Bodies that exercise dot-stuffing, 8-bit text, long lines and empty lines.
    static let bodies: [String] = [
        "Hello.\r\n",
        ".starts with a dot\r\n..two dots\r\n.\r\nthe line above was a lone dot\r\n",
        "Grüße, José – ½ ✓\r\n\r\n\r\nafter empty lines\r\n",
        String(repeating: "x", count: 998) + "\r\n" + String(repeating: "y", count: 500) + "\r\n",
        "--boundary\r\nContent-Type: text/plain\r\n\r\n.\r\n..\r\n--boundary--\r\n",
    ]

    @Test func messagesArriveByteForByteOverOneConnection() async throws {
        let server = try await Self.startServer()
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port))
        var sent: [[UInt8]] = []
        for (index, body) in Self.bodies.enumerated() {
            let message = Fixtures.message("Roster \(index)", body: body)
            sent.append(message)
            let outcome = try await smtp.send(
                from: "rosters@district.test", to: "partner\(index)@example.test", message: message)
            let expectedQueueID = String(format: "Q%06d", index + 1)
            #expect(
                outcome
                    == .accepted(
                        SMTPReply(
                            code: 250, enhancedStatus: "2.0.0", text: "Ok: queued as \(expectedQueueID)",
                            queueID: expectedQueueID)))
        }
        #expect(await smtp.connectionsOpened == 1)
        await smtp.close()
        #expect(server.lines(of: "connections.log") == ["connect"])
        for (index, message) in sent.enumerated() {
            let base = server.directory.appendingPathComponent(String(format: "%06d", index + 1))
            let received = try Data(contentsOf: base.appendingPathExtension("eml"))
            #expect(Array(received) == message, "message \(index)")
            let envelope = try String(contentsOf: base.appendingPathExtension("env"), encoding: .utf8)
            #expect(envelope == "rosters@district.test\npartner\(index)@example.test\n")
        }
    }

    @Test func wrongPasswordIsAPermanentAuthFailureForTheServer() async throws {
        let server = try await Self.startServer()
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port, password: "wrong"))
        let outcome = try await smtp.send(
            from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
        guard case .permanentFailure(.auth, let reply, _) = outcome else {
            Issue.record("expected a permanent AUTH failure, got \(outcome)")
            return
        }
        #expect(reply.code == 535)
        #expect(reply.enhancedStatus == "5.7.8")
        #expect(outcome.affectsAllMessages)
        #expect(!FileManager.default.fileExists(atPath: server.directory.appendingPathComponent("000001.eml").path))
    }

    @Test func certificateIsVerified() async throws {
        let server = try await Self.startServer()
        defer { server.stop() }
        var settings = try Fixtures.settings(port: server.port)
        settings.caFile = nil  // the system CAs do not know the test CA
        let smtp = try SMTPSubmission(settings: settings)
        let outcome = try await smtp.send(
            from: "rosters@district.test", to: "p@example.test", message: Fixtures.message("x"))
        guard case .temporaryFailure(.tls, nil, let detail) = outcome else {
            Issue.record("expected a TLS failure, got \(outcome)")
            return
        }
        #expect(detail.contains("certificate"))
        #expect(outcome.affectsAllMessages)
    }
}
