import CurlMail
import Foundation
import Testing

/// Settings are checked in full before anything reaches libcurl; the password never shows.
@Suite struct IMAPSettingsTests {
    static func settings(_ url: String) -> IMAPSettings {
        IMAPSettings(url: url, username: "roster", password: "s3cret-pass")
    }

    @Test(arguments: [
        "imap://mail.example.test/INBOX", "imaps://mail.example.test:993/INBOX", "imap://127.0.0.1:1143",
        "imaps://[::1]:993/Partner%20Replies", "imap://mail.example.test/Replies/2025",
    ])
    func acceptsImapAndImapsURLs(url: String) throws {
        try Self.settings(url).validate()
    }

    @Test(arguments: [
        "smtp://mail.example.test/INBOX",  // not IMAP
        "http://mail.example.test/",
        "imap://user:pw@mail.example.test/INBOX",  // credentials belong in the settings
        "imap://mail.example.test/INBOX;UID=5",  // a message, not a mailbox
        "imap://mail.example.test/INBOX?x=1",
        "imap://mail.example.test/INBOX#top",
        "imap://mail.example.test/IN%0D%0ABOX",  // CR LF: command injection
        "imap://mail.example.test/Spam*",  // wildcard
        "imap://mail.example.test/Processed",  // its own processed mailbox
        "imap://mail.example.test/INBOX\r\nA1 LOGOUT",
    ])
    func refusesBadURLs(url: String) {
        #expect(throws: IMAPError.self) { try Self.settings(url).validate() }
    }

    @Test func refusesBadCredentialsTimeoutsAndMailboxes() {
        var settings = Self.settings("imaps://mail.example.test/INBOX")
        settings.password = "a\r\nb"
        #expect(throws: IMAPError.self) { try settings.validate() }
        settings = Self.settings("imaps://mail.example.test/INBOX")
        settings.username = "roster\n"
        #expect(throws: IMAPError.self) { try settings.validate() }
        settings = Self.settings("imaps://mail.example.test/INBOX")
        settings.timeout = 0
        #expect(throws: IMAPError.self) { try settings.validate() }
        settings = Self.settings("imaps://mail.example.test/INBOX")
        settings.connectTimeout = .infinity
        #expect(throws: IMAPError.self) { try settings.validate() }
        settings = Self.settings("imaps://mail.example.test/INBOX")
        settings.quarantineMailbox = "inbox"
        #expect(throws: IMAPError.self) { try settings.validate() }
        settings = Self.settings("imaps://mail.example.test/INBOX")
        settings.processedMailbox = "Verarbeitet/Größe"  // would need modified UTF-7
        #expect(throws: IMAPError.self) { try settings.validate() }
        settings = Self.settings("imaps://mail.example.test/INBOX")
        settings.caFile = "/nonexistent/ca.pem"
        let error = #expect(throws: IMAPError.self) { try settings.validate() }
        #expect(error?.code == .invalidSetting)
    }

    @Test func passwordIsRedacted() {
        let settings = Self.settings("imaps://mail.example.test/INBOX")
        #expect(!settings.description.contains("s3cret-pass"))
        #expect(settings.description.contains("<redacted>"))
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains("s3cret-pass"))
        #expect(!String(reflecting: settings).contains("s3cret-pass"))
    }

    @Test func checkpointRoundTripsThroughCodable() throws {
        let checkpoint = IMAPCheckpoint(uidValidity: 1_795_913_855, lastUID: 42)
        let data = try JSONEncoder().encode(checkpoint)
        #expect(try JSONDecoder().decode(IMAPCheckpoint.self, from: data) == checkpoint)
    }
}
