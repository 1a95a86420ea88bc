import Foundation

/// Sorting and grouping of TEXT keys by their leading bytes, for the import's 500 000-row passes.
///
/// **Insert order.** `student` is WITHOUT ROWID, so its rows live in the primary-key B-tree. Inserted in
/// ascending key order, every row goes to the rightmost leaf: SQLite appends to a cached page and splits it
/// with its cheap "quick balance", and the pages end up full. In file order (SIS exports list `stu-1,
/// stu-2, … stu-10, …`, which is not byte order) rows land all over the tree, each insert shifts cells
/// inside a page and splits leave pages partly empty. The order is only a hint: any order stores the same rows.
///
/// **Duplicates.** Finding repeated sourcedIds and student numbers by sorting costs a few tens of
/// milliseconds; a `Dictionary` of 500 000 strings costs a cache miss per row (several times more).
enum KeyOrder {
    /// `0..<count` sorted by the first 16 UTF-8 bytes of `key(i)` (SQLite's BINARY collation compares
    /// bytes), ties in index order. Comparing two integers instead of two `String`s keeps the sort of
    /// 500 000 keys at a few tens of milliseconds; keys longer than 16 bytes are ordered by their prefix,
    /// which is still mostly sequential.
    static func ascending(count: Int, key: (Int) -> String) -> [Int] {
        sortedPrefixes(count: count) { key($0).utf8 }.map(\.index)
    }

    /// The groups of two or more indices whose keys are equal as Swift `String`s (canonical equivalence,
    /// as the `Dictionary` this replaces compared them), each group in ascending index order, groups in
    /// no particular order.
    static func duplicates(count: Int, key: (Int) -> String) -> [[Int]] {
        // Canonically equivalent strings have the same NFC bytes; ASCII is its own NFC.
        func normalized(_ i: Int) -> String {
            let k = key(i)
            return k.utf8.allSatisfy { $0 < 0x80 } ? k : k.precomposedStringWithCanonicalMapping
        }
        let sorted = sortedPrefixes(count: count) { normalized($0).utf8 }
        var groups: [[Int]] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end].high == sorted[start].high && sorted[end].low == sorted[start].low {
                end += 1
            }
            if end - start > 1 {
                // Same first 16 bytes: group by the whole key (rare; runs are short).
                var byKey: [String: [Int]] = [:]
                var firstSeen: [String] = []
                for k in start..<end {
                    let i = sorted[k].index
                    let text = normalized(i)
                    if byKey[text] == nil { firstSeen.append(text) }
                    byKey[text, default: []].append(i)
                }
                for text in firstSeen where byKey[text]!.count > 1 { groups.append(byKey[text]!) }
            }
            start = end
        }
        return groups
    }

    /// For each probe, whether some key has exactly its bytes (SQLite's BINARY equality, which a foreign
    /// key uses): both sides sorted by their 16-byte prefixes and merged, full keys compared only within a
    /// run of equal prefixes. For 800 000 guardian links against 500 000 students this is a few tens of
    /// milliseconds, where SQLite's `EXISTS` probe per row took seconds.
    static func found(probes: Int, probe: (Int) -> String, keys: Int, key: (Int) -> String) -> [Bool] {
        let p = sortedPrefixes(count: probes) { probe($0).utf8 }
        let k = sortedPrefixes(count: keys) { key($0).utf8 }
        var out = [Bool](repeating: false, count: probes)
        var j = 0
        for q in p {
            while j < k.count && (k[j].high, k[j].low) < (q.high, q.low) { j += 1 }
            var m = j
            while m < k.count && k[m].high == q.high && k[m].low == q.low {
                if key(k[m].index).utf8.elementsEqual(probe(q.index).utf8) {
                    out[q.index] = true
                    break
                }
                m += 1
            }
        }
        return out
    }

    private static func sortedPrefixes(
        count: Int, bytes: (Int) -> String.UTF8View
    ) -> [(high: UInt64, low: UInt64, index: Int)] {
        var prefixes: [(high: UInt64, low: UInt64, index: Int)] = []
        prefixes.reserveCapacity(count)
        for i in 0..<count {
            var high: UInt64 = 0
            var low: UInt64 = 0
            var k = 0
            for byte in bytes(i).prefix(16) {
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
        return prefixes
    }
}
