import Foundation
import GRDB

/// What operations tools read from the store: the schema version, and the counts the metrics publish.
extension RosterDatabase {
    /// The migrations this build knows, oldest first; the last one is the schema version it writes.
    public static var migrations: [String] { Migrations.migrator.migrations }

    /// The schema version this build creates and migrates to: its last migration's name.
    public static var schemaVersion: String { migrations.last ?? "none" }

    /// The migrations applied to this store, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// Outbox messages by state (every week).
    public func outboxCountsByState() throws -> [OutboxMessage.State: Int] {
        try read { db in
            var out: [OutboxMessage.State: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM outbox GROUP BY state") {
                if let s = OutboxMessage.State(rawValue: r[0]) { out[s] = r[1] }
            }
            return out
        }
    }

    /// Replies recorded by outcome (`applied`, `quarantined`, `ignored`).
    public func replyCountsByOutcome() throws -> [String: Int] {
        try read { db in
            var out: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM inbox GROUP BY state") {
                out[r[0]] = r[1]
            }
            return out
        }
    }

    /// How many messages a delivery run would send now: queued, or waiting for a retry that is due.
    public func dueCount(now: Date = Date()) throws -> Int {
        try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM outbox WHERE state = 'queued' OR (state IN ('deferred', 'unknown')
                        AND next_at <= ?)
                    """, arguments: [Timestamp.string(now)]) ?? 0
        }
    }

    /// The latest week whose full weekly mailing was composed (`2026-W49`), if any.
    public func lastWeekMailed() throws -> String? {
        try read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT subject FROM audit WHERE action = 'mailing.compose' AND detail LIKE '%"site_filter":""%'
                    ORDER BY subject DESC LIMIT 1
                    """)
        }
    }
}
