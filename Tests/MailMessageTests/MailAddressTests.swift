import Testing

@testable import MailMessage

@Suite("Address validation")
struct MailAddressTests {
    @Test(
        "accepted addresses",
        arguments: [
            "a@example.org", "first.last+tag@sub.example.co", "x!#$%&'*+-/=?^_`{|}~@example.org",
            String(repeating: "l", count: 64) + "@example.org", "a@localhost",
        ])
    func good(_ address: String) throws {
        let mailbox = try MailAddress(address, displayName: "Name", field: "To")
        #expect(mailbox.address == address)
        #expect(mailbox.displayName == "Name")
    }

    static let bad: [String] = [
        "", "plain", "a@@example.org", "a@b@example.org", "@example.org", "a@", ".a@example.org",
        "a..b@example.org", "a.@example.org", "a@example..org", "a@.example.org", "a@example.org.",
        "a b@example.org", "a@ex ample.org", "<a@example.org>", "José@example.org", "a@exämple.org",
        "\"quoted\"@example.org", "a@[127.0.0.1]", "a,b@example.org", "a@example.org\r\nBcc: x@evil.example",
        "a\0@example.org", "a@example.org\n",
        String(repeating: "l", count: 65) + "@example.org",
        "a@" + String(repeating: "d", count: 256),
        String(repeating: "l", count: 64) + "@" + String(repeating: "d.", count: 94) + "org",
    ]

    @Test("rejected addresses name the field", arguments: bad)
    func rejected(_ address: String) {
        do {
            _ = try MailAddress(address, field: "Cc")
            Issue.record("accepted \(address.debugDescription)")
        } catch {
            #expect(error.code == .invalidAddress)
            #expect(error.field == "Cc")
            #expect(!error.message.isEmpty)
            #expect(error.description.hasPrefix("Cc: "))
        }
    }

    @Test("display names with CR, LF or NUL are rejected", arguments: ["A\rB", "A\nB", "A\r\nBcc: x@y.z", "A\0"])
    func badDisplayName(_ name: String) {
        #expect(
            throws: MailError(
                code: .invalidHeaderValue, field: "To display name",
                message: name.contains("\0")
                    ? "contains a NUL byte; remove it" : "contains a line break (CR or LF); remove it")
        ) {
            try MailAddress("a@example.org", displayName: name, field: "To")
        }
    }

    @Test("error description is field: message")
    func description() {
        let error = MailError(code: .invalidAddress, field: "From", message: "is empty")
        #expect(error.description == "From: is empty")
    }
}
