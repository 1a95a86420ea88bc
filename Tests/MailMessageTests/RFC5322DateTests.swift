import Foundation
import Testing

@testable import MailMessage

@Suite("Date header")
struct RFC5322DateTests {
    @Test(
        "formats in the given zone, across DST changes",
        arguments: [
            (1_796_043_600.0, "America/Chicago", "Mon, 30 Nov 2026 07:00:00 -0600"),
            (1_783_339_200, "America/Chicago", "Mon, 06 Jul 2026 07:00:00 -0500"),
            (1_772_956_799, "America/Chicago", "Sun, 08 Mar 2026 01:59:59 -0600"),
            (1_772_956_800, "America/Chicago", "Sun, 08 Mar 2026 03:00:00 -0500"),
            (1_793_516_399, "America/Chicago", "Sun, 01 Nov 2026 01:59:59 -0500"),
            (1_793_516_400, "America/Chicago", "Sun, 01 Nov 2026 01:00:00 -0600"),
            (1_709_231_400, "Asia/Kolkata", "Fri, 01 Mar 2024 00:00:00 +0530"),
            (1_709_231_400, "UTC", "Thu, 29 Feb 2024 18:30:00 +0000"),
            (0, "UTC", "Thu, 01 Jan 1970 00:00:00 +0000"),
            (-1, "UTC", "Wed, 31 Dec 1969 23:59:59 +0000"),
            (0.999, "UTC", "Thu, 01 Jan 1970 00:00:00 +0000"),
        ])
    func fixed(_ seconds: Double, _ zone: String, _ expected: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(RFC5322Date.string(Date(timeIntervalSince1970: seconds), in: timeZone) == expected)
    }

    @Test("agrees with DateFormatter over many dates and zones")
    func sweep() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var state: UInt64 = 42
        for zone in [
            "America/Chicago", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Kiritimati", "America/St_Johns",
        ] {
            let timeZone = try #require(TimeZone(identifier: zone))
            formatter.timeZone = timeZone
            for _ in 0..<200 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let seconds = Double((state >> 31) % 4_000_000_000)  // 1970 … 2096
                let date = Date(timeIntervalSince1970: seconds)
                #expect(RFC5322Date.string(date, in: timeZone) == formatter.string(from: date))
            }
        }
    }

    @Test("the writer's Date header")
    func header() throws {
        var message = try MessageWriterTests.simpleMessage()
        message.timeZone = TimeZone(identifier: "Europe/Berlin")!
        let bytes = try MessageWriter.render(message, seed: "d")
        #expect(TestSupport.header("Date", in: bytes) == "Mon, 30 Nov 2026 14:00:00 +0100")
    }
}
