/// The rows of demographics.csv by user sourcedId (a later row for the same id replaces an earlier one).
///
/// SIS exports write demographics.csv in the order of users.csv, so the rows are kept in file order and
/// ``next(for:cursor:)`` walks them alongside users.csv: one string comparison a student. A dictionary
/// of all 500 000 ids (a cache miss per row to build, two per lookup) is built only if the two orders
/// differ; repeated ids are found by sorting (``finish()``).
struct DemographicsTable {
    struct Entry {
        var id: String
        var demographics: Demographics
        /// demographics.csv line.
        var line: Int
        /// A later row has the same id (and wins).
        var superseded = false
    }

    private(set) var entries: [Entry] = []
    private var finished = true
    /// sourcedId → index in `entries` of its latest row; built on the first lookup out of order.
    private var index: [String: Int]?

    var isEmpty: Bool { entries.isEmpty }

    mutating func reserveCapacity(_ n: Int) { entries.reserveCapacity(n) }

    /// Adds a row.
    mutating func add(id: String, _ demographics: Demographics, line: Int) {
        entries.append(Entry(id: id, demographics: demographics, line: line))
        finished = false
        index = nil
    }

    /// Marks every row that a later row with the same id supersedes. Lookups do it when needed; the
    /// parser calls it on its own thread so that the writer's thread does not have to.
    mutating func finish() {
        guard !finished else { return }
        let repeated = KeyOrder.duplicates(count: entries.count) { entries[$0].id }
        for group in repeated {
            for i in group.dropLast() { entries[i].superseded = true }
        }
        finished = true
    }

    /// The demographics of `id`, or `nil`.
    mutating func demographics(of id: String) -> Demographics? {
        finish()
        if index == nil {
            var byID: [String: Int] = [:]
            byID.reserveCapacity(entries.count)
            for (i, e) in entries.enumerated() where !e.superseded { byID[e.id] = i }
            index = byID
        }
        return index?[id].map { entries[$0].demographics }
    }

    /// The demographics of `id` where `cursor` (an index into the rows, starting at 0) is the row expected
    /// next when users.csv and demographics.csv list people in the same order: then it costs one string
    /// comparison and the cursor moves on; otherwise a dictionary lookup, and the cursor resumes after
    /// the row found.
    mutating func next(for id: String, cursor: inout Int) -> Demographics? {
        nextIndex(for: id, cursor: &cursor).map { entries[$0].demographics }
    }

    /// ``next(for:cursor:)`` as an index into ``entries``.
    mutating func nextIndex(for id: String, cursor: inout Int) -> Int? {
        finish()
        if cursor < entries.count, !entries[cursor].superseded, entries[cursor].id == id {
            cursor += 1
            return cursor - 1
        }
        guard demographics(of: id) != nil, let found = index?[id] else { return nil }
        cursor = found + 1
        return found
    }

    /// The latest row of every id, in file order.
    var latest: [Entry] {
        mutating get {
            finish()
            return entries.filter { !$0.superseded }
        }
    }
}
