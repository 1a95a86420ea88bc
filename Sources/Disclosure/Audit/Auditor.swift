/// The attack: for each hidden cell, the smallest and largest value consistent with the published
/// cells, the sum relations and what the attacker knows (`AttackerModel`).
///
/// Each bound is an LP solved with GLPK's simplex. The LP relaxation is a valid outer bound; when
/// the optimal vertex is not integral, branch-and-bound (glp_intopt) gives the integer optimum, so
/// the interval is exact for integer counts. For 1-D and 2-D tables with margins the constraint
/// matrix is totally unimodular, the vertices are integral and branch-and-bound never runs.
public struct Auditor: Sendable {
    public let table: Table
    public let policy: Policy
    let model: AttackerModel

    public init(table: Table, policy: Policy, primaries: Set<Int>) {
        self.table = table
        self.policy = policy
        self.model = AttackerModel(table: table, policy: policy, primaries: primaries)
    }

    /// Intervals of the `cells` (default: every hidden cell) when `hidden` cells are withheld.
    public func intervals(hidden: Set<Int>, cells: Set<Int>? = nil) throws(DisclosureError) -> [Int: CellInterval] {
        let columns = hidden.sorted()
        var columnOf: [Int: Int] = [:]
        for (column, cell) in columns.enumerated() { columnOf[cell] = column }
        let program = LinearProgram(columns: columns.map(bounds(of:)), rows: rows(columnOf: columnOf))
        var result: [Int: CellInterval] = [:]
        for cell in (cells ?? hidden).sorted() {
            guard let column = columnOf[cell] else { continue }
            let lower = try program.optimize([column: 1], maximize: false, integer: true)
            let upper = try program.optimize([column: 1], maximize: true, integer: true)
            guard case .optimal(let low, _) = lower else {
                throw DisclosureError(
                    .solverFailure, field: "cells.\(table.names[cell])",
                    "the audit found no table consistent with the published values")
            }
            var high: Int?
            if case .optimal(let value, _) = upper { high = Int((value + 1e-6).rounded(.down)) }
            result[cell] = CellInterval(lower: Int((low - 1e-6).rounded(.up)), upper: high)
        }
        return result
    }

    /// Primary cells whose interval does not meet the protection of the policy.
    public func violations(hidden: Set<Int>) throws(DisclosureError) -> [Int] {
        let found = try intervals(hidden: hidden, cells: model.primaries)
        return model.primaries.sorted().filter { cell in
            guard let interval = found[cell] else { return true }
            return !model.isProtected(cell, interval)
        }
    }

    func isProtected(_ cell: Int, _ interval: CellInterval) -> Bool {
        model.isProtected(cell, interval)
    }

    private func bounds(of cell: Int) -> LinearProgram.Bounds {
        let range = model.range(of: cell)
        return LinearProgram.Bounds(lower: Double(range.lower), upper: range.upper.map(Double.init))
    }

    private func rows(columnOf: [Int: Int]) -> [LinearProgram.Row] {
        var rows: [LinearProgram.Row] = []
        for relation in table.relations {
            var coefficients: [Int: Double] = [:]
            var constant = 0
            for (cell, sign) in [(relation.total, 1)] + relation.terms.map({ ($0, -1) }) {
                if let column = columnOf[cell] {
                    coefficients[column, default: 0] += Double(sign)
                } else {
                    constant += sign * table.values[cell]
                }
            }
            let side = Double(-constant)
            rows.append(.init(coefficients: coefficients, bounds: .init(lower: side, upper: side)))
        }
        for fact in model.facts() {
            var coefficients: [Int: Double] = [:]
            var published = 0
            for cell in fact.cells {
                if let column = columnOf[cell] { coefficients[column] = 1 } else { published += table.values[cell] }
            }
            let bounds = LinearProgram.Bounds(
                lower: Double(fact.lower - published), upper: Double(fact.upper - published))
            rows.append(.init(coefficients: coefficients, bounds: bounds))
        }
        return rows
    }
}
