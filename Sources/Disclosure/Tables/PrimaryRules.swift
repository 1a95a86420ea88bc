/// The threshold rules of item 1 applied to the cells of a table.
///
/// Every cell that is the total of a relation is a group. In order of precedence:
/// - `group<11`: a total below `minGroup`, and every term of that total;
/// - `count<10`: a count in [1, minCount − 1] ([0, minCount − 1] when zeros are suppressed);
/// - `complement<10`: a term x of a total n with n − x in that same range.
struct PrimaryRules: Sendable {
    let table: Table
    let policy: Policy

    /// The threshold primaries of the table, with their reasons.
    func primaries() -> [Int: SuppressionReason] {
        var result: [Int: SuppressionReason] = [:]
        for relation in table.relations where table.values[relation.total] < policy.minGroup {
            result[relation.total] = .smallGroup
            for term in relation.terms { result[term] = .smallGroup }
        }
        for cell in table.values.indices where result[cell] == nil {
            if isSmallCount(table.values[cell]) {
                result[cell] = .smallCount
            } else if !complementRelations(of: cell).isEmpty {
                result[cell] = .smallComplement
            }
        }
        return result
    }

    /// Whether a value falls in the coded range [smallest, minCount − 1].
    func isSmallCount(_ value: Int) -> Bool {
        value >= policy.smallestSuppressedCount && value < policy.minCount
    }

    /// Relations in which `cell` is a term whose complement (total − cell) is a small count.
    func complementRelations(of cell: Int) -> [Table.Relation] {
        table.relations.filter { relation in
            relation.terms.contains(cell) && isSmallCount(table.values[relation.total] - table.values[cell])
        }
    }
}
