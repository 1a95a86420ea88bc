import Foundation
import GRDB
import Roster

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
/// Written and read by hand for that one form (whole seconds, UTC, `Z`), with ``CalendarDay``'s day
/// arithmetic: the delivery state machine stamps and reads several per message, and Foundation's ISO 8601
/// format style cost more than the SQL around them. Any other ISO 8601 form is read by Foundation.
enum Timestamp {
    static func string(_ date: Date) -> String {
        let t = date.timeIntervalSince1970.rounded(.down)
        guard t.magnitude < 253_402_300_800 else { return date.formatted(.iso8601) }  // beyond year 9999
        let seconds = Int(t)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let day = CalendarDay(dayNumber: days)
        guard (0...9999).contains(day.year) else { return date.formatted(.iso8601) }
        var bytes = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, at offset: Int, width: Int) {
            var v = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[i] = UInt8(0x30 + v % 10)
                v /= 10
            }
        }
        put(day.year, at: 0, width: 4)
        bytes[4] = 0x2D
        put(day.month, at: 5, width: 2)
        bytes[7] = 0x2D
        put(day.day, at: 8, width: 2)
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
        guard text.utf8.count == 20, let day = CalendarDay(iso: text.prefix(10)) else { return nil }
        var text = text
        return text.withUTF8 { b -> Date? in
            guard b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A, b[19] == 0x5A else { return nil }
            func number(_ from: Int) -> Int? {
                let high = Int(b[from]) - 0x30, low = Int(b[from + 1]) - 0x30
                guard (0...9).contains(high), (0...9).contains(low) else { return nil }
                return high * 10 + low
            }
            guard let h = number(11), let mi = number(14), let s = number(17), h < 24, mi < 60, s < 60 else {
                return nil
            }
            let seconds: Int = day.dayNumber * 86_400 + h * 3600 + mi * 60 + s
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
    }
}

extension Int {
    /// Quotient and remainder rounded toward minus infinity (the remainder is never negative).
    fileprivate func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
