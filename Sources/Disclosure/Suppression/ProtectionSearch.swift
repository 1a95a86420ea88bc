/// Finds the cheapest published cells to hide so that one primary cell can move by a required
/// amount: the LP heuristic of Fischetti and Salazar-González (also behind τ-ARGUS' optimal and
/// modular methods), solved as a MIP when its LP optimum is fractional.
///
/// Variables are deviations d from the true table. Hidden cells move freely within the
/// attacker's a-priori range; a candidate cell may move at a cost per unit (split into d⁺, d⁻);
/// every other cell stays put. The sum relations and the attacker's facts must still hold. The
/// cells that move in the optimum are the ones to hide: once hidden, the moved table is a
/// feasible integer table for the audit, so the primary's interval reaches a_p + d_p.
struct ProtectionSearch {
    let table: Table
    let model: AttackerModel
    let hidden: Set<Int>
    let candidates: Set<Int>
    /// Cost of one unit of deviation per candidate cell.
    let cost: [Int: Double]

    /// Result for one direction: the cells to hide (empty when already protected) and its cost.
    struct Step {
        var cells: Set<Int>
        var cost: Double
    }

    /// Cheapest cells letting `cell` take the value `value + shift`; nil when impossible.
    func step(for cell: Int, shift: Int) throws(DisclosureError) -> Step? {
        var columns: [LinearProgram.Bounds] = []
        var columnOf: [Int: [(column: Int, sign: Double)]] = [:]
        var objective: [Int: Double] = [:]
        for current in hidden.sorted() {
            let value = table.values[current]
            let range = model.range(of: current)
            var bounds = LinearProgram.Bounds(
                lower: Double(range.lower - value), upper: range.upper.map { Double($0 - value) })
            if current == cell { bounds = .init(lower: Double(shift), upper: Double(shift)) }
            columnOf[current] = [(columns.count, 1)]
            columns.append(bounds)
        }
        for candidate in candidates.sorted() where !hidden.contains(candidate) {
            let value = table.values[candidate]
            let range = model.range(of: candidate)
            let rise = LinearProgram.Bounds(lower: 0, upper: range.upper.map { Double($0 - value) })
            let fall = LinearProgram.Bounds(lower: 0, upper: Double(value - range.lower))
            columnOf[candidate] = [(columns.count, 1), (columns.count + 1, -1)]
            objective[columns.count] = cost[candidate] ?? 1
            objective[columns.count + 1] = cost[candidate] ?? 1
            columns.append(rise)
            columns.append(fall)
        }
        let program = LinearProgram(columns: columns, rows: rows(columnOf: columnOf))
        let outcome = try program.optimize(objective, maximize: false, integer: true)
        guard case .optimal(let value, let solution) = outcome else { return nil }
        var cells: Set<Int> = []
        for (candidate, parts) in columnOf where !hidden.contains(candidate) {
            if parts.contains(where: { abs(solution[$0.column]) > 1e-7 }) { cells.insert(candidate) }
        }
        return Step(cells: cells, cost: value)
    }

    private func rows(columnOf: [Int: [(column: Int, sign: Double)]]) -> [LinearProgram.Row] {
        func add(_ cell: Int, _ sign: Double, to coefficients: inout [Int: Double]) {
            for part in columnOf[cell] ?? [] { coefficients[part.column, default: 0] += sign * part.sign }
        }
        var rows: [LinearProgram.Row] = []
        for relation in table.relations {
            var coefficients: [Int: Double] = [:]
            add(relation.total, 1, to: &coefficients)
            for term in relation.terms { add(term, -1, to: &coefficients) }
            rows.append(.init(coefficients: coefficients, bounds: .init(lower: 0, upper: 0)))
        }
        for fact in model.facts() {
            var coefficients: [Int: Double] = [:]
            for cell in fact.cells { add(cell, 1, to: &coefficients) }
            let current = fact.cells.reduce(0) { $0 + table.values[$1] }
            rows.append(
                .init(
                    coefficients: coefficients,
                    bounds: .init(lower: Double(fact.lower - current), upper: Double(fact.upper - current))))
        }
        return rows
    }
}
