/// The order in which to insert rows into a table whose primary key is TEXT (`student` is WITHOUT ROWID,
/// so its rows live in the primary-key B-tree).
///
/// Inserted in ascending key order, every row goes to the rightmost leaf: SQLite then appends to a cached
/// page and splits it with its cheap "quick balance", and the pages end up full. In file order (SIS
/// exports list `stu-1, stu-2, … stu-10, …`, which is not byte order) rows land all over the tree, each
/// insert shifts cells inside a page and splits leave pages ~2/3 full: more CPU, a larger file, more WAL to
/// write and checkpoint. The order is only a hint: any order stores the same rows.
enum KeyOrder {
    /// `0..<count` sorted by the first 16 UTF-8 bytes of `key(i)` (SQLite's BINARY collation compares
    /// bytes), ties in index order. Comparing two integers instead of two `String`s keeps the sort of
    /// 500 000 keys at a few tens of milliseconds; keys longer than 16 bytes are ordered by their prefix,
    /// which is still mostly sequential.
    static func ascending(count: Int, key: (Int) -> String) -> [Int] {
        var prefixes: [(high: UInt64, low: UInt64, index: Int)] = []
        prefixes.reserveCapacity(count)
        for i in 0..<count {
            var high: UInt64 = 0, low: UInt64 = 0, k = 0
            for byte in key(i).utf8.prefix(16) {
                if k < 8 {
                    high |= UInt64(byte) << (56 - 8 * k)
                } else {
                    low |= UInt64(byte) << (56 - 8 * (k - 8))
                }
                k += 1
            }
            prefixes.append((high, low, i))
        }
        prefixes.sort { ($0.high, $0.low, $0.index) < ($1.high, $1.low, $1.index) }
        return prefixes.map(\.index)
    }
}
