import GRDB
import GRDBSQLite

/// Binds text values straight to a prepared statement and steps it: the import's hot path, where
/// building GRDB `StatementArguments` for every one of 500 000 rows costs more than SQLite itself.
///
/// The values of a row are copied once into one reused byte buffer and bound from there with
/// `SQLITE_STATIC` (SQLite reads them in place during the step), instead of `SQLITE_TRANSIENT`, which
/// makes SQLite allocate and copy each of the 11 fields of every row. The caller adds the values through
/// ``Row`` rather than passing an array, which would be allocated and freed for every row.
struct BulkInsert {
    /// One row's values, in parameter order.
    struct Row {
        /// The UTF-8 bytes of the values, one after the other.
        fileprivate var bytes: [UInt8] = []
        /// The end offset of each value in `bytes`, or -1 for NULL.
        fileprivate var ends: [Int] = []

        /// Appends the next value (nil → NULL).
        mutating func add(_ value: String?) {
            if let value {
                bytes.append(contentsOf: value.utf8)
                ends.append(bytes.count)
            } else {
                ends.append(-1)
            }
        }
    }

    let statement: Statement
    let database: Database
    /// Reused from row to row.
    private var row = Row()

    init(statement: Statement, database: Database) {
        self.statement = statement
        self.database = database
        row.bytes.reserveCapacity(1024)
        row.ends.reserveCapacity(16)
    }

    /// SQLite copies the bytes: only for the no-storage corner case below.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Executes the statement once with the values `fill` adds.
    mutating func run(_ fill: (inout Row) -> Void) throws {
        row.bytes.removeAll(keepingCapacity: true)
        row.ends.removeAll(keepingCapacity: true)
        fill(&row)
        let stmt = statement.sqliteStatement
        sqlite3_reset(stmt)
        let ends = row.ends
        // The bindings point into `row.bytes`, which is neither changed nor freed before the step below
        // returns; the next `run` rebinds every parameter before stepping again.
        let rc: Int32 = row.bytes.withUnsafeBufferPointer { bytes in
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
