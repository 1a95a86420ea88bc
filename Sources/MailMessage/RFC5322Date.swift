import Foundation

/// The RFC 5322 `date-time` of a Date in a time zone, computed by hand (no DateFormatter).
enum RFC5322Date {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// E.g. "Mon, 30 Nov 2026 07:00:00 -0600".
    static func string(_ date: Date, in zone: TimeZone) -> String {
        var out: [UInt8] = []
        append(date, in: zone, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func append(_ date: Date, in zone: TimeZone, to out: inout [UInt8]) {
        let offsetMinutes = zone.secondsFromGMT(for: date) / 60
        let utcSeconds = Int(date.timeIntervalSince1970.rounded(.down))
        let local = utcSeconds + offsetMinutes * 60
        let day = floorDiv(local, 86_400)
        let secondOfDay = local - day * 86_400
        let (year, month, dayOfMonth) = civil(fromDays: day)
        let weekday = floorMod(day + 4, 7)  // 1970-01-01 was a Thursday

        out.append(contentsOf: days[weekday].utf8)
        out.append(contentsOf: ", ".utf8)
        appendDigits(dayOfMonth, width: 2, to: &out)
        out.append(ByteRules.space)
        out.append(contentsOf: months[month - 1].utf8)
        out.append(ByteRules.space)
        if year < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(abs(year), width: 4, to: &out)
        out.append(ByteRules.space)
        appendDigits(secondOfDay / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &out)
        out.append(ByteRules.space)
        out.append(UInt8(ascii: offsetMinutes < 0 ? "-" : "+"))
        appendDigits(abs(offsetMinutes) / 60, width: 2, to: &out)
        appendDigits(abs(offsetMinutes) % 60, width: 2, to: &out)
    }

    /// Proleptic Gregorian (year, month 1...12, day 1...31) of a day count from 1970-01-01.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var v = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        for _ in digits.count..<max(width, digits.count) { out.append(UInt8(ascii: "0")) }
        out.append(contentsOf: digits.reversed())
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    private static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }
}
