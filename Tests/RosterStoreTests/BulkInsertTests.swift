import Foundation
import GRDB
import Testing

@testable import RosterStore

/// `BulkInsert`: values bound in place (SQLITE_STATIC), rows encoded on a helper thread in chunks.
@Suite("BulkInsert into a real SQLite file")
struct BulkInsertTests {
    static func table(_ dir: TempDir) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: dir.file("bulk.sqlite"))
        try queue.write {
            try $0.execute(sql: "CREATE TABLE t (k TEXT PRIMARY KEY NOT NULL, a TEXT, b TEXT) WITHOUT ROWID")
        }
        return queue
    }

    static func values(_ k: Int) -> (String, String?, String?) {
        ("key-\(k)", k % 3 == 0 ? nil : "ä\(k)", k % 5 == 0 ? "" : String(repeating: "x", count: k % 40))
    }

    @Test(
        "every row, with NULLs and empty strings; encoded inline or on the helper thread",
        arguments: [1, 7, 5000])
    func rows(rowsPerChunk: Int) throws {
        let dir = TempDir()
        let queue = try Self.table(dir)
        let count = 1000
        try queue.write { db in
            let insert = BulkInsert(
                statement: try db.makeStatement(sql: "INSERT INTO t (k, a, b) VALUES (?, ?, ?)"), database: db)
            try insert.run(count: count, rowsPerChunk: rowsPerChunk) { k, rows in
                let (key, a, b) = Self.values(k)
                rows.add(key)
                rows.add(a)
                rows.add(b)
            }
        }
        let stored = try queue.read { try Row.fetchAll($0, sql: "SELECT k, a, b FROM t") }
        #expect(stored.count == count)
        for row in stored {
            let k = Int((row["k"] as String).dropFirst(4))!
            let (_, a, b) = Self.values(k)
            #expect(row["a"] as String? == a)
            #expect(row["b"] as String? == b)
        }
    }

    @Test("a failing row stops the insert with SQLite's error, and the helper thread stops too")
    func failure() throws {
        let dir = TempDir()
        let queue = try Self.table(dir)
        let error = #expect(throws: DatabaseError.self) {
            try queue.write { db in
                let insert = BulkInsert(
                    statement: try db.makeStatement(sql: "INSERT INTO t (k, a, b) VALUES (?, ?, ?)"), database: db)
                // Row 150 repeats key 0; 100 000 rows would keep the helper busy long after the failure.
                try insert.run(count: 100_000, rowsPerChunk: 64) { k, rows in
                    rows.add(k == 150 ? "key-0" : "key-\(k)")
                    rows.add(nil)
                    rows.add(nil)
                }
            }
        }
        #expect(error?.resultCode == .SQLITE_CONSTRAINT)
        // The transaction rolled back: nothing was written.
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM t") } == 0)
    }
}
