import Foundation
import GRDB

/// What a backup (or a file offered for a restore) holds, after `PRAGMA integrity_check` passed on it.
public struct BackupReport: Sendable, Equatable {
    public var path: String
    public var bytes: Int64
    /// The last migration applied to the copy.
    public var schemaVersion: String
    public var outboxMessages: Int
    public var students: Int
}

/// Backups and restores through SQLite's online backup API (GRDB's `backup(to:)`): a consistent copy of
/// the store taken from one read transaction while `serve` goes on writing, checked before it counts.
extension RosterDatabase {
    /// Copies the store to `destination` (a single file, rollback journal, mode 0600): into a temporary
    /// file next to it, checked with `PRAGMA integrity_check`, then renamed, so `destination` is either the
    /// old file or a complete checked copy, never a partial one.
    public func backup(to destination: String) throws(StoreError) -> BackupReport {
        let fm = FileManager.default
        let dir = (destination as NSString).deletingLastPathComponent
        let temp = destination + ".partial-\(getpid())"
        do {
            if !dir.isEmpty {
                try fm.createDirectory(
                    atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            try? fm.removeItem(atPath: temp)
            guard fm.createFile(atPath: temp, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError(
                    .cannotOpen, location: temp, "cannot create the backup file; check the directory's permissions")
            }
            let copy = try DatabaseQueue(path: temp)
            try pool.backup(to: copy)
            try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try copy.close()
        } catch {
            try? fm.removeItem(atPath: temp)
            if let e = error as? StoreError { throw e }
            throw StoreError(
                .cannotOpen, location: destination, "the backup failed: \(error); check free space and permissions")
        }
        var report: BackupReport
        do {
            report = try Self.verify(path: temp)
        } catch {
            try? fm.removeItem(atPath: temp)
            throw error
        }
        guard rename(temp, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(atPath: temp)
            throw StoreError(.cannotOpen, location: destination, "cannot rename the checked copy into place: \(reason)")
        }
        Self.syncDirectory(dir.isEmpty ? "." : dir)
        report.path = destination
        return report
    }

    /// Opens the store file at `path` read-only and checks it: `PRAGMA integrity_check` must say `ok`, and
    /// every applied migration must be one this build knows (a newer build's store is refused).
    public static func verify(path: String) throws(StoreError) -> BackupReport {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StoreError(.notFound, location: path, "no readable file here; check the path")
        }
        do {
            var config = Configuration()
            config.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db throws -> BackupReport in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else {
                    throw StoreError(
                        .inconsistent, location: path,
                        "PRAGMA integrity_check failed; this copy cannot be used, take another one",
                        problems: Array(check.prefix(20)))
                }
                let applied = try Migrations.migrator.appliedMigrations(db)
                let known = Set(migrations)
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw StoreError(
                        .inconsistent, location: path,
                        "made by a newer rostermail (schema “\(unknown)”, this build knows up to “\(schemaVersion)”); "
                            + "install that version or newer first")
                }
                guard let last = applied.last, try db.tableExists("outbox") else {
                    throw StoreError(.inconsistent, location: path, "not a RosterMail store (no schema in it)")
                }
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.int64Value
                return BackupReport(
                    path: path, bytes: size ?? 0, schemaVersion: last,
                    outboxMessages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0,
                    students: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM student") ?? 0)
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw StoreError(.inconsistent, location: path, "cannot read it as a SQLite store: \(error)")
        }
    }

    /// Replaces the store at `storePath` with the checked copy `backup`, then migrates it forward. Refused
    /// (``StoreError/Code/busy``) while `serve` runs or another process delivers: both locks are held for
    /// the whole restore, so neither can start in the middle. The store as it was is first saved to
    /// `previous` (when a store exists).
    public static func restore(from backup: String, into storePath: String, savingPreviousTo previous: String)
        throws(StoreError) -> BackupReport
    {
        guard let daemon = try DaemonLock.acquire(storePath: storePath) else {
            throw StoreError(
                .busy, location: storePath,
                "rostermail serve is running on this store; stop it first (systemctl stop rostermail), then restore")
        }
        guard let sender = try SenderLock.acquire(storePath: storePath) else {
            throw StoreError(
                .busy, location: storePath,
                "another rostermail process (mail or outbox send) is delivering from this store; "
                    + "let it finish, then restore")
        }
        defer { withExtendedLifetime((daemon, sender)) {} }
        let report = try verify(path: backup)
        let store = try RosterDatabase(path: storePath)
        let holdsData = (try? store.counts().values.contains(where: { $0 > 0 })) ?? true
        if holdsData {
            _ = try store.backup(to: previous)
        }
        do {
            var config = Configuration()
            config.readonly = true
            let source = try DatabaseQueue(path: backup, configuration: config)
            try source.backup(to: store.pool)
            try source.close()
        } catch {
            throw StoreError(
                .cannotOpen, location: storePath, "the restore failed: \(error); the saved copy is \(previous)")
        }
        // Migrations up to this build's schema (a copy made by an older build is upgraded here).
        _ = try RosterDatabase(path: storePath)
        return report
    }

    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
