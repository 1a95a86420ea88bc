import GRDB
import GRDBSQLite

/// Binds text values straight to a prepared statement and steps it: the import's hot path, where
/// building GRDB `StatementArguments` for every one of 500 000 rows costs more than SQLite itself.
struct BulkInsert {
    let statement: Statement
    let database: Database

    /// SQLite copies the bytes (SQLITE_TRANSIENT), so the Swift strings need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Executes the statement once with `values` (nil → NULL), in parameter order.
    func run(_ values: [String?]) throws {
        let stmt = statement.sqliteStatement
        sqlite3_reset(stmt)
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            if var v {
                rc = v.withUTF8 { buf in
                    buf.withMemoryRebound(to: CChar.self) { chars in
                        guard let base = chars.baseAddress else {
                            return sqlite3_bind_text(stmt, index, "", 0, Self.transient)
                        }
                        return sqlite3_bind_text(stmt, index, base, Int32(chars.count), Self.transient)
                    }
                }
            } else {
                rc = sqlite3_bind_null(stmt, index)
            }
            guard rc == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "bind", sql: statement.sql)
            }
        }
        let rc = sqlite3_step(stmt)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc),
                message: String(cString: sqlite3_errmsg(database.sqliteConnection)),
                sql: statement.sql)
        }
    }
}
