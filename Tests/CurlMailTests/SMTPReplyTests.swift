import Testing

@testable import CurlMail

@Suite struct SMTPReplyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var lines: [String]
        var expected: SMTPReply
        var testDescription: String { lines.joined(separator: " | ") }
    }

    @Test(arguments: [
        Case(
            lines: ["250 2.0.0 Ok: queued as 4XyZ12"],
            expected: SMTPReply(code: 250, enhancedStatus: "2.0.0", text: "Ok: queued as 4XyZ12", queueID: "4XyZ12")),
        Case(
            lines: ["451 4.7.1 Greylisted, try again later"],
            expected: SMTPReply(code: 451, enhancedStatus: "4.7.1", text: "Greylisted, try again later")),
        Case(
            lines: ["550-5.1.1 The email account that you tried to reach", "550 5.1.1 does not exist"],
            expected: SMTPReply(
                code: 550, enhancedStatus: "5.1.1", text: "The email account that you tried to reach does not exist")),
        Case(
            lines: ["250 OK id=1tGxyz-0003Ab-CD"],
            expected: SMTPReply(code: 250, text: "OK id=1tGxyz-0003Ab-CD", queueID: "1tGxyz-0003Ab-CD")),
        Case(
            lines: ["250 2.0.0 4BK9Ax1Q012345 Message accepted for delivery"],
            expected: SMTPReply(
                code: 250, enhancedStatus: "2.0.0", text: "4BK9Ax1Q012345 Message accepted for delivery",
                queueID: "4BK9Ax1Q012345")),
        Case(
            lines: ["250 Message accepted for delivery"],
            expected: SMTPReply(code: 250, text: "Message accepted for delivery")),
        Case(
            lines: ["354 End data with <CR><LF>.<CR><LF>"],
            expected: SMTPReply(code: 354, text: "End data with <CR><LF>.<CR><LF>")),
        // The enhanced status must have the reply's class (RFC 3463): 5.x.x after a 4xx is just text.
        Case(lines: ["421 5.0.0 closing"], expected: SMTPReply(code: 421, text: "5.0.0 closing")),
        Case(lines: ["220"], expected: SMTPReply(code: 220, text: "")),
        Case(lines: ["554 5.7.1"], expected: SMTPReply(code: 554, enhancedStatus: "5.7.1", text: "")),
        // No queue id is read from a failure.
        Case(
            lines: ["550 5.7.1 not queued as spam"],
            expected: SMTPReply(code: 550, enhancedStatus: "5.7.1", text: "not queued as spam")),
        Case(lines: ["garbage"], expected: SMTPReply(code: 0, text: "garbage")),
    ])
    func parses(_ testCase: Case) {
        #expect(SMTPReply(lines: testCase.lines) == testCase.expected)
    }

    @Test func descriptionIsOneLine() {
        let reply = SMTPReply(lines: ["452-4.5.3 Too many", "452 4.5.3 recipients"])
        #expect(reply.description == "452 4.5.3 Too many recipients")
        #expect(reply.isTransient && !reply.isPermanent && !reply.isPositive)
    }

    @Test("a session refusal at any stage pauses the channel; a message's own 4xx does not")
    func sessionRefusals() {
        func temporary(_ line: String, at stage: SMTPStage) -> SubmissionOutcome {
            .temporaryFailure(stage: stage, reply: SMTPReply(lines: [line]), detail: "")
        }
        #expect(temporary("432 4.3.2 Concurrent connections limit exceeded", at: .mailFrom).affectsAllMessages)
        #expect(temporary("421 4.7.0 Try again later, closing connection", at: .rcptTo).affectsAllMessages)
        #expect(!temporary("451 4.7.1 Greylisted, try again later", at: .rcptTo).affectsAllMessages)
        #expect(!temporary("452 4.5.3 Too many recipients", at: .rcptTo).affectsAllMessages)
    }
}
