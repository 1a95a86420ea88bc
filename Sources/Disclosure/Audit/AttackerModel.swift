/// What the attacker knows besides the published values and the sum relations.
///
/// The attacker knows the rules. Every fact used here is true of the real table, so adding a
/// fact can only make the audit stricter (intervals narrower), never unsound:
/// - a hidden primary whose value is a small count lies in [smallest, minCount − 1];
/// - a hidden primary that is a total below `minGroup` lies in [0, minGroup − 1];
/// - a hidden primary whose complement n − x in a relation is small: the other terms of that
///   relation add up to a value in [smallest, minCount − 1];
/// - any other hidden cell is ≥ 0; under the strong attacker a complementary cell is ≥ minCount.
///
/// A primary named explicitly by the data owner gets the facts above when they hold of its
/// value (a stronger attacker than "only ≥ 0", hence safe); otherwise it is only ≥ 0.
struct AttackerModel: Sendable {
    let table: Table
    let policy: Policy
    let primaries: Set<Int>

    /// An a-priori range; `upper == nil` means unbounded above.
    struct Range: Hashable, Sendable {
        var lower: Int
        var upper: Int?
    }

    /// Σ cells ∈ [lower, upper]: a fact about a group of cells.
    struct Fact: Hashable, Sendable {
        var cells: [Int]
        var lower: Int
        var upper: Int
    }

    private var rules: PrimaryRules { PrimaryRules(table: table, policy: policy) }

    /// The range the attacker knows for `cell` if it is hidden.
    func range(of cell: Int) -> Range {
        let value = table.values[cell]
        if primaries.contains(cell) {
            var range = Range(lower: 0, upper: nil)
            if rules.isSmallCount(value) {
                range = Range(lower: policy.smallestSuppressedCount, upper: policy.minCount - 1)
            }
            if table.isTotal(cell), value < policy.minGroup {
                range.upper = min(range.upper ?? Int.max, policy.minGroup - 1)
            }
            return range
        }
        if policy.attacker == .strong, value >= policy.minCount {
            return Range(lower: policy.minCount, upper: nil)
        }
        return Range(lower: 0, upper: nil)
    }

    /// Facts about groups of cells (complements of hidden primaries).
    func facts() -> [Fact] {
        var facts: [Fact] = []
        for cell in primaries.sorted() {
            for relation in rules.complementRelations(of: cell) {
                let others = relation.terms.filter { $0 != cell }
                guard !others.isEmpty else { continue }
                facts.append(Fact(cells: others, lower: policy.smallestSuppressedCount, upper: policy.minCount - 1))
            }
        }
        return facts
    }

    /// Whether the interval of a primary cell meets the policy's protection. `full` asks a
    /// small-count primary's interval to cover the whole range [smallest, minCount − 1]; every
    /// other primary (a complement, a small group, a named cell) only needs not to be exact.
    func isProtected(_ cell: Int, _ interval: CellInterval) -> Bool {
        guard let target = fullTarget(of: cell) else { return !interval.isExact }
        return interval.lower <= target.lower && (interval.upper.map { $0 >= target.upper } ?? true)
    }

    /// Under `full` protection, the range a small-count primary's interval must cover.
    func fullTarget(of cell: Int) -> (lower: Int, upper: Int)? {
        guard policy.protection == .full, primaries.contains(cell), rules.isSmallCount(table.values[cell]) else {
            return nil
        }
        return (policy.smallestSuppressedCount, policy.minCount - 1)
    }
}
