/// The rows of demographics.csv by user sourcedId (a later row for the same id replaces an earlier one).
///
/// A dictionary alone made the resolve step pay two cache misses per student (500 000 random probes
/// into a table of ~60 MB). SIS exports write demographics.csv in the order of users.csv, so the rows
/// are also kept in file order, and ``next(for:cursor:)`` walks them alongside users.csv, falling
/// back to the dictionary only when the two orders differ.
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
    /// sourcedId → index in `entries` of its latest row.
    private var index: [String: Int] = [:]

    var isEmpty: Bool { entries.isEmpty }

    mutating func reserveCapacity(_ n: Int) {
        entries.reserveCapacity(n)
        index.reserveCapacity(n)
    }

    /// Adds a row; an earlier row with the same id is superseded.
    mutating func add(id: String, _ demographics: Demographics, line: Int) {
        if let earlier = index.updateValue(entries.count, forKey: id) { entries[earlier].superseded = true }
        entries.append(Entry(id: id, demographics: demographics, line: line))
    }

    /// The demographics of `id`, or `nil`.
    subscript(id: String) -> Demographics? {
        index[id].map { entries[$0].demographics }
    }

    /// The demographics of `id` where `cursor` (an index into the rows, starting at 0) is the row expected
    /// next when users.csv and demographics.csv list people in the same order: then it costs one string
    /// comparison and the cursor moves on; otherwise a dictionary lookup, and the cursor resumes after
    /// the row found.
    func next(for id: String, cursor: inout Int) -> Demographics? {
        if cursor < entries.count, !entries[cursor].superseded, entries[cursor].id == id {
            cursor += 1
            return entries[cursor - 1].demographics
        }
        guard let i = index[id] else { return nil }
        cursor = i + 1
        return entries[i].demographics
    }

    /// The latest row of every id, in file order.
    var latest: some Sequence<Entry> { entries.lazy.filter { !$0.superseded } }
}
