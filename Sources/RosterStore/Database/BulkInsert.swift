import Foundation
import GRDB
import GRDBSQLite

/// Binds text values straight to a prepared statement and steps it: the import's hot path, where
/// building GRDB `StatementArguments` for every one of 500 000 rows costs more than SQLite itself.
///
/// Rows are encoded into ``Rows`` (the UTF-8 bytes of the values back to back) and bound from there with
/// `SQLITE_STATIC` (SQLite reads them in place during the step) instead of `SQLITE_TRANSIENT`, which makes
/// SQLite allocate and copy every value. ``run(count:rowsPerChunk:fill:)`` encodes on another thread
/// while this one steps the statement: encoding is a fifth of the insert time, and the other core is
/// otherwise idle once parsing is over.
struct BulkInsert {
    /// The values of consecutive rows, in parameter order.
    struct Rows: Sendable {
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

    init(statement: Statement, database: Database) {
        self.statement = statement
        self.database = database
    }

    /// SQLite copies the bytes: only for the no-storage corner case below.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Executes the statement once per row of `rows`. With `onConstraint`, a row that breaks a constraint
    /// (a duplicate key) is reported by its index in `rows` and skipped, and the others are still inserted.
    func run(_ rows: Rows, onConstraint: ((Int) -> Void)? = nil) throws {
        let stmt = statement.sqliteStatement
        let parameters = Int(sqlite3_bind_parameter_count(stmt))
        precondition(parameters > 0 && rows.ends.count % parameters == 0, "rows do not match the statement")
        // The bindings point into `rows.bytes`, which is neither changed nor freed before each step
        // returns; every parameter is bound again before the next step.
        let rc: Int32 = rows.bytes.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                var start = 0
                var next = 0
                while next < rows.ends.count {
                    sqlite3_reset(stmt)
                    for index in 1...Int32(parameters) {
                        let end = rows.ends[next]
                        next += 1
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
                    let rc = sqlite3_step(stmt)
                    if rc & 0xFF == SQLITE_CONSTRAINT, let onConstraint {
                        onConstraint(next / parameters - 1)
                        continue
                    }
                    guard rc == SQLITE_DONE else { return rc }
                }
                return SQLITE_DONE
            }
        }
        guard rc == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: rc),
                message: String(cString: sqlite3_errmsg(database.sqliteConnection)),
                sql: statement.sql)
        }
    }

    /// Inserts `count` rows, row `k` encoded by `fill(k, &rows)`. The encoding runs on a helper thread,
    /// `rowsPerChunk` rows at a time, a few chunks ahead of this thread, which does all the SQLite calls.
    /// When this returns or throws, the helper has stopped.
    func run(count: Int, rowsPerChunk: Int = 2048, fill: @escaping @Sendable (Int, inout Rows) -> Void) throws {
        guard count > rowsPerChunk else {
            var rows = Rows()
            for k in 0..<count { fill(k, &rows) }
            return try run(rows)
        }
        let channel = BoundedChannel<Rows>(depth: 4)
        let stopped = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            defer {
                channel.finish()
                stopped.signal()
            }
            var rows = Rows()
            for k in 0..<count {
                fill(k, &rows)
                if (k + 1) % rowsPerChunk == 0 || k + 1 == count {
                    guard channel.put(rows) else { return }
                    rows = Rows()
                    rows.bytes.reserveCapacity(rowsPerChunk * 128)
                    rows.ends.reserveCapacity(rowsPerChunk * 16)
                }
            }
        }
        defer {
            channel.cancel()
            stopped.wait()
        }
        while let rows = channel.take() { try run(rows) }
    }
}

/// The hand-over of work from a helper thread to the inserting one: a bounded FIFO. All state is read and
/// written only with `condition` locked, which makes the class safe to share: hence `@unchecked Sendable`.
final class BoundedChannel<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Item] = []
    private var finished = false
    private var cancelled = false
    private let depth: Int

    init(depth: Int) { self.depth = depth }

    /// Waits for room and appends; `false` once the consumer has cancelled (the producer should stop).
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(item)
        condition.broadcast()
        return true
    }

    /// The producer is done (normally or not).
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The consumer stops taking (done or failed): a waiting producer returns.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item in order, waiting for it; `nil` when the producer has finished and all were taken.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        condition.broadcast()
        return queue.removeFirst()
    }
}
