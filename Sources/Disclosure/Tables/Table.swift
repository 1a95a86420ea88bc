/// A table of non-negative counts and the linear relations between them: each relation says
/// that one cell (the total) is the sum of others. 1-D lists with a total, 2-D tables with
/// margins and linked tables are all tables in this sense.
///
/// Cells are kept in name order, so every computation on a table is deterministic.
public struct Table: Hashable, Sendable {
    /// `total = terms[0] + terms[1] + …`, by cell index.
    public struct Relation: Hashable, Sendable {
        public let total: Int
        public let terms: [Int]
    }

    /// Cell names, sorted.
    public let names: [String]
    /// Cell values, parallel to `names`.
    public let values: [Int]
    public let relations: [Relation]
    private let indexByName: [String: Int]

    /// Builds and validates a table: names in sums must be cells, counts non-negative, totals
    /// consistent. `field` paths in errors use the JSON names (`cells`, `sums[i].total`, …).
    public init(cells: [String: Int], sums: [(total: String, of: [String])]) throws(DisclosureError) {
        let names = cells.keys.sorted()
        var indexByName: [String: Int] = [:]
        for (index, name) in names.enumerated() { indexByName[name] = index }
        let values = names.map { cells[$0]! }
        for (name, value) in zip(names, values) where value < 0 {
            throw DisclosureError(.negativeCount, field: "cells.\(name)", "count \(value) is negative")
        }
        var relations: [Relation] = []
        for (position, sum) in sums.enumerated() {
            let path = "sums[\(position)]"
            guard let total = indexByName[sum.total] else {
                throw DisclosureError(.unknownCell, field: "\(path).total", "\"\(sum.total)\" is not a cell")
            }
            guard !sum.of.isEmpty else {
                throw DisclosureError(.missingField, field: "\(path).of", "a sum needs at least one term")
            }
            var terms: [Int] = []
            for (termPosition, name) in sum.of.enumerated() {
                guard let term = indexByName[name] else {
                    throw DisclosureError(
                        .unknownCell, field: "\(path).of[\(termPosition)]", "\"\(name)\" is not a cell")
                }
                guard term != total, !terms.contains(term) else {
                    throw DisclosureError(
                        .duplicateName, field: "\(path).of[\(termPosition)]",
                        "\"\(name)\" appears twice in this sum")
                }
                terms.append(term)
            }
            let computed = terms.reduce(0) { $0 + values[$1] }
            guard computed == values[total] else {
                throw DisclosureError(
                    .inconsistentTotal, field: path,
                    "\"\(sum.total)\" is \(values[total]) but its terms add up to \(computed)")
            }
            relations.append(Relation(total: total, terms: terms))
        }
        self.names = names
        self.values = values
        self.relations = relations
        self.indexByName = indexByName
    }

    /// The index of a cell, or a `unknownCell` error naming `field`.
    public func index(of name: String, field: String) throws(DisclosureError) -> Int {
        guard let index = indexByName[name] else {
            throw DisclosureError(.unknownCell, field: field, "\"\(name)\" is not a cell")
        }
        return index
    }

    /// Resolves a list of names (e.g. `hidden`), rejecting unknown and repeated names.
    public func indices(of list: [String], field: String) throws(DisclosureError) -> Set<Int> {
        var result: Set<Int> = []
        for (position, name) in list.enumerated() {
            let index = try index(of: name, field: "\(field)[\(position)]")
            guard result.insert(index).inserted else {
                throw DisclosureError(.duplicateName, field: "\(field)[\(position)]", "\"\(name)\" is listed twice")
            }
        }
        return result
    }

    /// Whether a cell is the total of at least one relation, i.e. a group (denominator).
    func isTotal(_ cell: Int) -> Bool {
        relations.contains { $0.total == cell }
    }
}
