import GRDB
import GRDBSQLite

/// Binds text values straight to a prepared statement and steps it: the import's hot path, where
/// building GRDB `StatementArguments` for every one of 500 000 rows costs more than SQLite itself.
///
/// The values of a row are copied once into one reused byte buffer and bound from there with
/// `SQLITE_STATIC` (SQLite reads them in place during the step), instead of `SQLITE_TRANSIENT`, which
/// makes SQLite allocate and copy each of the 11 fields of every row.
struct BulkInsert {
    let statement: Statement
    let database: Database
    /// One row's UTF-8 bytes, field after field; reused from row to row.
    private var buffer: [UInt8] = []
    /// The end offset of each field in `buffer`, or -1 for NULL.
    private var ends: [Int] = []

    init(statement: Statement, database: Database) {
        self.statement = statement
        self.database = database
        buffer.reserveCapacity(1024)
    }

    /// SQLite copies the bytes: only for the no-storage corner case below.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Executes the statement once with `values` (nil → NULL), in parameter order.
    mutating func run(_ values: [String?]) throws {
        buffer.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        for value in values {
            if let value {
                buffer.append(contentsOf: value.utf8)
                ends.append(buffer.count)
            } else {
                ends.append(-1)
            }
        }
        let stmt = statement.sqliteStatement
        sqlite3_reset(stmt)
        // The bindings point into `buffer`, which is neither changed nor freed before the step below
        // returns; the next `run` rebinds every parameter before stepping again.
        let rc: Int32 = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                var start = 0
                for (i, end) in ends.enumerated() {
                    let index = Int32(i + 1)
                    let rc: Int32
                    if end < 0 {
                        rc = sqlite3_bind_null(stmt, index)
                    } else if let base = chars.baseAddress {
                        // A nil destructor is SQLITE_STATIC (the macro is not imported into Swift).
                        rc = sqlite3_bind_text(stmt, index, base + start, Int32(end - start), nil)
                        start = end
                    } else {
                        rc = sqlite3_bind_text(stmt, index, "", 0, Self.transient)
                    }
                    guard rc == SQLITE_OK else { return rc }
                }
                return sqlite3_step(stmt)
            }
        }
        guard rc == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc),
                message: String(cString: sqlite3_errmsg(database.sqliteConnection)),
                sql: statement.sql)
        }
    }
}
