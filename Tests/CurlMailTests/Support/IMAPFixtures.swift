import CurlMail

enum IMAPFixtures {
    /// A partner's reply, CRLF, with a unique Message-ID.
    static func reply(_ number: Int, body: String = "Add: Ana Lopez, grade 4\r\n") -> [UInt8] {
        Array(
            ("From: partner\(number)@example.test\r\nTo: rosters@district.test\r\n"
                + "Subject: Re: Roster week \(number)\r\nMessage-ID: <reply-\(number)@example.test>\r\n"
                + "Date: Mon, 2 Jun 2025 09:00:00 -0400\r\n\r\n\(body)").utf8)
    }

    /// Appends `messages` to `mailbox` of `server` over one connection.
    static func deliver(_ messages: [[UInt8]], to server: DovecotServer, mailbox: String = "INBOX") throws {
        let appender = try IMAPAppender(server: server)
        for message in messages {
            try appender.append(message, to: mailbox)
        }
    }

}
