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

/// UTC timestamps as ISO 8601 text (sortable in SQL).
enum Timestamp {
    static func string(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
