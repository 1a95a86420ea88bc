import Foundation
import GRDB

/// The roster store: one SQLite file (WAL, mode 0600) behind a GRDB pool. All SQL of the project lives in
/// this target, so the store can move to another database without touching the rest.
public final class RosterDatabase: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the store at `path` and runs the migrations.
    public init(path: String) throws(StoreError) {
        self.path = path
        let fm = FileManager.default
        let dir = (path as NSString).deletingLastPathComponent
        do {
            if !dir.isEmpty { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            if !fm.fileExists(atPath: path) {
                // Created 0600 before SQLite opens it; SQLite gives -wal and -shm the same mode.
                guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw StoreError(
                        .cannotOpen, location: path,
                        "cannot create the store file; check the state directory's permissions")
                }
            }
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            var config = Configuration()
            config.foreignKeysEnabled = true
            config.busyMode = .timeout(10)
            config.label = "rostermail"
            config.prepareDatabase { db in
                // Readers: up to 64 MB of page cache (the cache grows only as pages are used). The writer
                // keeps SQLite's default (2 MB) and gets 64 MB only inside `bulkWrite`: otherwise the
                // delivery loop, which reads every message body once through the writer, grows the cache
                // (page faults, mprotect, ~100 MB RSS for 5 000 messages) with pages it never reads again.
                if db.configuration.readonly {
                    try db.execute(sql: "PRAGMA cache_size = -65536")
                }
            }
            pool = try DatabasePool(path: path, configuration: config)
            try Migrations.migrator.migrate(pool)
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.cannotOpen, location: path, "cannot open the store: \(error)")
        }
    }

    /// Runs `body` in one write transaction.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }

    /// ``write(_:)`` with up to 64 MB of page cache for the transaction (imports, composing a mailing): a
    /// 500 000-student import then writes each page to the WAL once instead of spilling and rewriting it.
    /// The cache shrinks back to the writer's default afterwards.
    func bulkWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Row counts of the main tables (for status and summaries), and of active guardians (with an email).
    public func counts() throws -> [String: Int] {
        try read { db in
            var out: [String: Int] = [:]
            for t in [
                "school", "partner", "program", "site", "contact", "student", "guardian", "guardian_student",
                "participation", "outbox", "audit",
            ] {
                out[t] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)") ?? 0
            }
            // Guardians the SIS still lists, and those of them a release request can reach.
            out["guardian_active"] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM guardian WHERE active = 1") ?? 0
            out["guardian_active_with_email"] =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM guardian WHERE active = 1 AND email IS NOT NULL") ?? 0
            return out
        }
    }

    /// The audit log, newest last.
    public func auditEntries() throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, actor, action, subject, detail FROM audit ORDER BY id").map {
                AuditEntry(
                    at: $0["at"], actor: $0["actor"], action: $0["action"], subject: $0["subject"], detail: $0["detail"]
                )
            }
        }
    }
}
