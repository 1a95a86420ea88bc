import CurlMail

enum Fixtures {
    /// STARTTLS to 127.0.0.1:port, trusting the test CA, with the test servers' credentials and short
    /// timeouts so failure cases finish quickly.
    static func settings(port: Int, scheme: String = "smtp", password: String = "secret") throws -> SMTPSettings {
        var settings = SMTPSettings(url: "\(scheme)://127.0.0.1:\(port)")
        settings.caFile = try TestCA.shared.get().caFile
        settings.username = "roster"
        settings.password = password
        settings.ehloName = "client.rostermail.test"
        settings.connectTimeout = 2
        settings.serverResponseTimeout = 2
        settings.lowSpeedTime = 2
        return settings
    }

    /// A small CRLF message.
    static func message(_ subject: String, body: String = "Hello.\r\n") -> [UInt8] {
        Array("From: rosters@district.test\r\nTo: partner@example.test\r\nSubject: \(subject)\r\n\r\n\(body)".utf8)
    }
}
