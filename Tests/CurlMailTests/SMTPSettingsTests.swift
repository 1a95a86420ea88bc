import Testing

@testable import CurlMail

@Suite struct SMTPSettingsTests {
    @Test(arguments: [
        ("smtp://mail.district.example:587", "smtp://mail.district.example:587/", Int(3)),
        ("smtps://mail.district.example:465", "smtps://mail.district.example:465/", 0),
        ("smtp://mail.district.example", "smtp://mail.district.example/", 3),
        ("SMTP://Mail.District.Example:25", "smtp://Mail.District.Example:25/", 3),
        ("smtp://127.0.0.1:2525?tls=none", "smtp://127.0.0.1:2525/", 0),
        ("smtp://127.9.8.7:25?tls=none", "smtp://127.9.8.7:25/", 0),
        ("smtp://localhost:25?tls=none", "smtp://localhost:25/", 0),
        ("smtp://[::1]:25?tls=none", "smtp://[::1]:25/", 0),
        ("smtp://[0:0:0:0:0:0:0:1]:25?tls=none", "smtp://[::1]:25/", 0),  // CURLU normalises
    ])
    func accepts(_ url: String, _ curlURL: String, _ useSSL: Int) throws {
        let resolved = try SMTPSettings(url: url).resolve()
        #expect(resolved.curlURL == curlURL)
        #expect(resolved.useSSL == useSSL)  // 3 = CURLUSESSL_ALL: STARTTLS required
    }

    @Test(arguments: [
        ("smtp://mail.example.org:25?tls=none", SMTPError.Code.insecureTransport),
        ("smtp://10.0.0.1:25?tls=none", .insecureTransport),
        ("smtp://128.0.0.1:25?tls=none", .insecureTransport),
        ("smtp://localhost.example.org:25?tls=none", .insecureTransport),
        ("smtp://[::2]:25?tls=none", .insecureTransport),
        ("smtp://127.0.0.1.nip.io:25?tls=none", .insecureTransport),
        ("smtps://127.0.0.1:465?tls=none", .invalidURL),
        ("smtp://127.0.0.1:25?tls=off", .invalidURL),
        ("http://mail.example.org", .invalidURL),
        ("mail.example.org:25", .invalidURL),
        ("smtp://user:pass@mail.example.org", .invalidURL),
        ("smtp://mail.example.org/ehlo.example", .invalidURL),
        ("smtp://mail.example.org#x", .invalidURL),
        ("smtp://mail.example.org\r\n", .invalidSetting),
        ("", .invalidURL),
    ])
    func refuses(_ url: String, _ code: SMTPError.Code) {
        #expect {
            try SMTPSettings(url: url).validate()
        } throws: { error in
            (error as? SMTPError)?.code == code
        }
    }

    @Test func ehloNameGoesInThePath() throws {
        var settings = SMTPSettings(url: "smtp://mail.example.org:587")
        settings.ehloName = "rostermail.district.example"
        #expect(try settings.resolve().curlURL == "smtp://mail.example.org:587/rostermail.district.example")
        settings.ehloName = "[IPv6:2001:db8::1]"
        #expect(try settings.resolve().curlURL == "smtp://mail.example.org:587/%5BIPv6%3A2001%3Adb8%3A%3A1%5D")
    }

    @Test(arguments: ["bad name", "a/b", "x\r\nMAIL FROM:<a@b>", "", "[]", "[IPv6:zz]"])
    func refusesBadEHLOName(_ name: String) {
        var settings = SMTPSettings(url: "smtp://mail.example.org")
        settings.ehloName = name
        #expect(throws: SMTPError.self) { try settings.validate() }
    }

    @Test func refusesUnreadableCAFileAndBadTimeouts() {
        var settings = SMTPSettings(url: "smtp://mail.example.org")
        settings.caFile = "/nonexistent/ca.pem"
        #expect(throws: SMTPError.self) { try settings.validate() }
        settings.caFile = nil
        settings.serverResponseTimeout = 0
        #expect(throws: SMTPError.self) { try settings.validate() }
        settings.serverResponseTimeout = 600
        settings.connectTimeout = .nan
        #expect(throws: SMTPError.self) { try settings.validate() }
    }

    @Test func passwordNeverAppearsInErrors() {
        var settings = SMTPSettings(url: "smtp://mail.example.org")
        settings.password = "hunter2\nMAIL"
        #expect {
            try settings.validate()
        } throws: { error in
            !String(describing: error).contains("hunter2")
        }
    }

    @Test func initValidates() {
        #expect(throws: SMTPError.self) {
            _ = try SMTPSubmission(settings: SMTPSettings(url: "smtp://mail.example.org?tls=none"))
        }
    }
}

@Suite struct SMTPSettingsRedactionTests {
    @Test func printingNeverShowsThePassword() {
        var settings = SMTPSettings(url: "smtp://mail.example.org")
        settings.username = "roster"
        settings.password = "hunter2"
        var dumped = ""
        dump(settings, to: &dumped)
        for text in [String(describing: settings), String(reflecting: settings), "\(settings)", dumped] {
            #expect(!text.contains("hunter2"))
            #expect(text.contains("roster"))
        }
    }
}
