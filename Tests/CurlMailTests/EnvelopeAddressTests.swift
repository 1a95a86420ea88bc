import Testing

@testable import CurlMail

@Suite struct EnvelopeAddressTests {
    @Test(arguments: [
        "partner@example.org", "first.last+tag@sub.example.org", "\"quoted@local\"@example.org",
        String(repeating: "l", count: 64) + "@" + String(repeating: "d", count: 189),
        "user@[192.0.2.1]", "josé@exämple.org",
    ])
    func accepts(_ address: String) throws {
        try SMTPSubmission.validateEnvelope(from: address, to: address)
    }

    @Test func nullReversePathIsAllowedOnlyForFrom() throws {
        try SMTPSubmission.validateEnvelope(from: "", to: "partner@example.org")
        #expect(throws: SMTPError.self) { try SMTPSubmission.validateEnvelope(from: "a@example.org", to: "") }
    }

    @Test(arguments: [
        "victim@example.org\r\nRCPT TO:<attacker@evil.example>", "a@example.org\n", "a\r@example.org",
        "a\0@example.org", "a\t@example.org", "a@exam\u{7F}ple.org", "a b@example.org", "<a@example.org>",
        "no-at-sign", "@example.org", "local@",
        String(repeating: "l", count: 65) + "@example.org",
        "l@" + String(repeating: "d", count: 256),
        String(repeating: "l", count: 64) + "@" + String(repeating: "d", count: 190),
    ])
    func refuses(_ address: String) {
        #expect {
            try SMTPSubmission.validateEnvelope(from: "rosters@district.example", to: address)
        } throws: { error in
            (error as? SMTPError)?.code == .invalidAddress
        }
        #expect(throws: SMTPError.self) { try SMTPSubmission.validateEnvelope(from: address, to: "a@example.org") }
    }

    @Test func errorNamesTheCharacterAndPosition() {
        #expect {
            try SMTPSubmission.validateEnvelope(from: "a@example.org", to: "b@example.org\r\nDATA")
        } throws: { error in
            String(describing: error).contains("to address has a CR at byte 13")
        }
    }

    /// A CR/LF in the recipient is refused before anything is sent: the server never sees a connection.
    @Test func injectionNeverReachesTheServer() async throws {
        let server = try await TestServer.start("fault_smtp_server.py", ["--scenario", "ok", "--log", "{dir}/log"])
        defer { server.stop() }
        let smtp = try SMTPSubmission(settings: Fixtures.settings(port: server.port))
        await #expect(throws: SMTPError.self) {
            try await smtp.send(
                from: "rosters@district.test", to: "partner@example.test\r\nRCPT TO:<attacker@evil.test>",
                message: Fixtures.message("x"))
        }
        await #expect(throws: SMTPError.self) {
            try await smtp.send(
                from: "rosters@district.test\n", to: "partner@example.test", message: Fixtures.message("x"))
        }
        #expect(await smtp.connectionsOpened == 0)
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.lines(of: "log").isEmpty)
    }
}
