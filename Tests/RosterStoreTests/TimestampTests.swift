import Foundation
import Testing

@testable import RosterStore

@Suite("Timestamp: hand-written ISO 8601 agrees with Foundation")
struct TimestampTests {
    @Test("written like Foundation's .iso8601 and read back, over 20 000 random instants 1900–2200")
    func randomInstants() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let t =
                Double(Int64.random(in: -2_208_988_800...7_258_118_400, using: &rng))
                + Double.random(in: 0..<1, using: &rng)
            let date = Date(timeIntervalSince1970: t)
            let text = Timestamp.string(date)
            #expect(text == date.formatted(.iso8601), "\(t)")
            #expect(Timestamp.date(text) == (try? Date(text, strategy: .iso8601)), "\(text)")
        }
    }

    @Test("edges: epoch, leap days, century rules, last second of a year")
    func edges() {
        for text in [
            "1970-01-01T00:00:00Z", "2000-02-29T12:00:00Z", "2024-02-29T23:59:59Z", "1900-03-01T00:00:00Z",
            "2026-12-31T23:59:59Z", "1969-12-31T23:59:59Z", "2100-02-28T00:00:00Z",
        ] {
            let date = Timestamp.date(text)
            #expect(date != nil && date == (try? Date(text, strategy: .iso8601)), "\(text)")
            #expect(date.map(Timestamp.string) == text)
        }
    }

    @Test("an invalid field is not read by the fast path; other ISO 8601 forms still are, by Foundation")
    func invalidAndOtherForms() {
        for bad in [
            "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
            "2026-01-01T00:60:00Z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:0xZ", "2026-01-01T00:00:00+",
        ] {
            #expect(Timestamp.fastDate(bad) == nil, "\(bad)")
        }
        #expect(
            Timestamp.date("2026-11-30T14:05:09.250Z") == (try? Date("2026-11-30T14:05:09.250Z", strategy: .iso8601)))
        #expect(Timestamp.date("not a date") == nil)
    }
}
