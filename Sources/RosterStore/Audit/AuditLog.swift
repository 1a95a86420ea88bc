import Foundation
import GRDB

/// Append-only record of what changed, by whom, from which input. Details are JSON without student names.
public struct AuditEntry: Sendable, Codable, Equatable {
    public var at: String
    public var actor: String
    public var action: String
    public var subject: String
    public var detail: String
}

enum AuditLog {
    static func append(
        _ db: Database, actor: String, action: String, subject: String, detail: [String: String], now: Date
    ) throws {
        let json = try JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys])
        try db.execute(
            sql: "INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [Timestamp.string(now), actor, action, subject, String(decoding: json, as: UTF8.self)])
    }
}

/// UTC timestamps as ISO 8601 text, `2026-11-30T14:05:09Z` (sortable in SQL).
///
/// Written and read by hand for that one form (whole seconds, UTC, `Z`): the delivery state machine stamps
/// and reads several per message, and Foundation's ISO 8601 format style cost more than the SQL around
/// them. Any other ISO 8601 form is read by Foundation.
enum Timestamp {
    static func string(_ date: Date) -> String {
        let t = date.timeIntervalSince1970.rounded(.down)
        guard t.magnitude < 253_402_300_800 else { return date.formatted(.iso8601) }  // beyond year 9999
        let seconds = Int(t)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (y, m, d) = civil(fromDays: days)
        guard (0...9999).contains(y) else { return date.formatted(.iso8601) }
        var bytes = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, at offset: Int, width: Int) {
            var v = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[i] = UInt8(0x30 + v % 10)
                v /= 10
            }
        }
        put(y, at: 0, width: 4)
        bytes[4] = 0x2D
        put(m, at: 5, width: 2)
        bytes[7] = 0x2D
        put(d, at: 8, width: 2)
        bytes[10] = 0x54
        put(secondOfDay / 3600, at: 11, width: 2)
        bytes[13] = 0x3A
        put(secondOfDay / 60 % 60, at: 14, width: 2)
        bytes[16] = 0x3A
        put(secondOfDay % 60, at: 17, width: 2)
        bytes[19] = 0x5A
        return String(decoding: bytes, as: UTF8.self)
    }

    static func date(_ text: String) -> Date? {
        if let fast = fastDate(text) { return fast }
        return try? Date(text, strategy: .iso8601)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly, with valid fields; nil for anything else.
    static func fastDate(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b.count == 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
                b[19] == 0x5A
            else { return nil }
            func number(_ from: Int, _ width: Int) -> Int? {
                var v = 0
                for i in from..<(from + width) {
                    let digit = Int(b[i]) - 0x30
                    guard (0...9).contains(digit) else { return nil }
                    v = v * 10 + digit
                }
                return v
            }
            guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2), let h = number(11, 2),
                let mi = number(14, 2), let s = number(17, 2), (1...12).contains(m), (1...daysIn(m, y)).contains(d),
                h < 24, mi < 60, s < 60
            else { return nil }
            let days = daysFromCivil(y, m, d)
            return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + h * 3600 + mi * 60 + s))
        }
    }

    static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The inverse of ``daysFromCivil(_:_:_:)``.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

extension Int {
    /// Quotient and remainder rounded toward minus infinity (the remainder is never negative).
    fileprivate func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
