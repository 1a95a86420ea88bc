import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// Makes the store's schools, partners, programs, sites and contacts match the configured directory,
    /// in one transaction. Entities no longer configured are deactivated, never deleted (history stays).
    /// Returns whether anything changed; an audit entry is written when it did.
    @discardableResult
    public func sync(directory: Directory, now: Date = Date()) throws -> Bool {
        let digest = Self.digest(of: directory)
        let last = try read { db in
            try String.fetchOne(
                db, sql: "SELECT detail FROM audit WHERE action = 'config.sync' ORDER BY id DESC LIMIT 1")
        }
        // The same configuration as at the last sync: nothing to write (the common case on every command).
        if let last, last.contains("\"digest\":\"\(digest)\"") { return false }
        return try write { db in
            let before = try Self.directoryFingerprint(db)
            for s in directory.schools {
                try db.execute(
                    sql: """
                        INSERT INTO school (number, name, csc_name, csc_email) VALUES (?, ?, ?, ?)
                        ON CONFLICT(number) DO UPDATE SET csc_name = excluded.csc_name, csc_email = excluded.csc_email
                        """, arguments: [s.number, s.name, s.coordinator.name, s.coordinator.email])
            }
            try db.execute(
                sql: "UPDATE site SET active = 0; UPDATE program SET active = 0; UPDATE partner SET active = 0")
            for p in directory.partners {
                try db.execute(
                    sql: """
                        INSERT INTO partner (id, name) VALUES (?, ?)
                        ON CONFLICT(id) DO UPDATE SET name = excluded.name, active = 1
                        """, arguments: [p.id, p.name])
                for g in p.programs {
                    try db.execute(
                        sql: """
                            INSERT INTO program (id, partner_id, code, name) VALUES (?, ?, ?, ?)
                            ON CONFLICT(id) DO UPDATE SET partner_id = excluded.partner_id, code = excluded.code,
                                name = excluded.name, active = 1
                            """, arguments: [g.id, p.id, g.code, g.name])
                    for s in g.sites {
                        try db.execute(
                            sql: """
                                INSERT INTO site (id, program_id, school_number) VALUES (?, ?, ?)
                                ON CONFLICT(id) DO UPDATE SET active = 1
                                """, arguments: [s.id, g.id, s.schoolNumber])
                        try db.execute(sql: "DELETE FROM contact WHERE site_id = ?", arguments: [s.id])
                        for c in s.contacts {
                            try db.execute(
                                sql: "INSERT INTO contact (site_id, email, name) VALUES (?, ?, ?)",
                                arguments: [s.id, c.email, c.name])
                        }
                    }
                }
            }
            let after = try Self.directoryFingerprint(db)
            try AuditLog.append(
                db, actor: "config", action: "config.sync", subject: "directory",
                detail: [
                    "digest": digest, "fingerprint": after, "schools": String(directory.schools.count),
                    "partners": String(directory.partners.count), "sites": String(directory.sites.count),
                ], now: now)
            return before != after
        }
    }

    /// SHA-256 of a canonical text of the directory (every field, in configuration order).
    static func digest(of d: Directory) -> String {
        var t = ""
        for s in d.schools {
            t += "S\u{1F}\(s.number)\u{1F}\(s.name)\u{1F}\(s.coordinator.name)\u{1F}\(s.coordinator.email)\n"
        }
        for p in d.partners {
            t += "P\u{1F}\(p.id)\u{1F}\(p.name)\n"
            for g in p.programs {
                t += "G\u{1F}\(g.id)\u{1F}\(g.code)\u{1F}\(g.name)\n"
                for s in g.sites {
                    t += "T\u{1F}\(s.id)\u{1F}\(s.schoolNumber)\n"
                    for c in s.contacts { t += "C\u{1F}\(c.name)\u{1F}\(c.email)\n" }
                }
            }
        }
        return SHA256Digest.hex(Array(t.utf8))
    }

    static func directoryFingerprint(_ db: Database) throws -> String {
        var text = ""
        for (table, order) in [
            ("school", "number"), ("partner", "id"), ("program", "id"), ("site", "id"), ("contact", "site_id, email"),
        ] {
            let sql =
                table == "school"
                ? "SELECT number, csc_name, csc_email FROM school ORDER BY number"
                : "SELECT * FROM \(table) ORDER BY \(order)"
            for row in try Row.fetchAll(db, sql: sql) { text += row.description + "\n" }
        }
        return SHA256Digest.hex(Array(text.utf8))
    }
}
