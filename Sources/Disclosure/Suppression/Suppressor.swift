/// Primary suppression by the rules, then complementary suppression until the audit finds every
/// primary protected.
///
/// Cost of a complementary cell: one per cell, plus its value divided by (1 + the sum of all
/// cells), so the search hides the fewest cells and, among equally few, the smallest total.
public struct Suppressor: Sendable {
    public let table: Table
    public let policy: Policy

    /// The result: which cells are hidden and why, and the attacker's interval for each.
    public struct Result: Hashable, Sendable {
        public var reasons: [Int: SuppressionReason]
        public var intervals: [Int: CellInterval]
        public var hidden: Set<Int> { Set(reasons.keys) }
    }

    public init(table: Table, policy: Policy) {
        self.table = table
        self.policy = policy
    }

    /// Suppresses the table. `primary`, when given, replaces the threshold rules.
    public func run(primary: Set<Int>? = nil) throws(DisclosureError) -> Result {
        var reasons: [Int: SuppressionReason] = [:]
        if let primary {
            for cell in primary { reasons[cell] = .requested }
        } else {
            reasons = PrimaryRules(table: table, policy: policy).primaries()
        }
        let primaries = Set(reasons.keys)
        let auditor = Auditor(table: table, policy: policy, primaries: primaries)
        let model = AttackerModel(table: table, policy: policy, primaries: primaries)
        let candidates = candidates(model: model)
        let cost = costs()
        let search = { (hidden: Set<Int>) in
            ProtectionSearch(table: table, model: model, hidden: hidden, candidates: candidates, cost: cost)
        }
        var hidden = primaries
        var pending = primaries.sorted()
        var rounds = 0
        while !pending.isEmpty {
            rounds += 1
            guard rounds <= 4 else {
                throw DisclosureError(
                    .unprotectable, field: "cells.\(table.names[pending[0]])",
                    "complementary suppression did not converge")
            }
            for cell in pending {
                let added = try protect(cell, search: search(hidden), model: model)
                hidden.formUnion(added)
            }
            pending = try auditor.violations(hidden: hidden)
        }
        for cell in hidden where reasons[cell] == nil { reasons[cell] = .complementary }
        return Result(reasons: reasons, intervals: try auditor.intervals(hidden: hidden))
    }

    /// The cells to add so that `cell` is protected, given the current hidden set.
    private func protect(
        _ cell: Int, search: ProtectionSearch, model: AttackerModel
    ) throws(DisclosureError) -> Set<Int> {
        let value = table.values[cell]
        let range = model.range(of: cell)
        let unprotectable = DisclosureError(
            .unprotectable, field: "cells.\(table.names[cell])",
            "no choice of complementary cells protects this cell; suppress its whole table")
        if let target = model.fullTarget(of: cell) {
            var cells: Set<Int> = []
            for shift in [target.upper - value, target.lower - value] where shift != 0 {
                guard let step = try search.step(for: cell, shift: shift) else { throw unprotectable }
                cells.formUnion(step.cells)
            }
            return cells
        }
        var best: ProtectionSearch.Step?
        for shift in [1, -1] {
            let moved = value + shift
            guard moved >= range.lower, range.upper.map({ moved <= $0 }) ?? true else { continue }
            guard let step = try search.step(for: cell, shift: shift) else { continue }
            if step.cells.isEmpty { return [] }
            if best.map({ step.cost < $0.cost }) ?? true { best = step }
        }
        guard let best else { throw unprotectable }
        return best.cells
    }

    /// Cells that may be hidden as complementary: every non-primary cell, except, under the
    /// strong attacker, cells below min_count (the attacker would wrongly assume ≥ min_count).
    private func candidates(model: AttackerModel) -> Set<Int> {
        Set(
            table.values.indices.filter { cell in
                !model.primaries.contains(cell)
                    && (policy.attacker == .weak || table.values[cell] >= policy.minCount)
            })
    }

    private func costs() -> [Int: Double] {
        let scale = 1 + Double(table.values.reduce(0, +))
        var cost: [Int: Double] = [:]
        for cell in table.values.indices { cost[cell] = 1 + Double(table.values[cell]) / scale }
        return cost
    }
}
