import CGLPK

/// A small owner of one GLPK problem object: columns with bounds, sparse rows with bounds,
/// and repeated optimisation of different objectives (warm-started from the last basis).
///
/// Not `Sendable` on purpose: GLPK problem objects must stay on one thread. It lives inside a
/// single function call of the audit or the search and is never shared. GLPK keeps its own
/// environment thread-local, so separate instances on separate threads are safe.
final class LinearProgram {
    /// A bound pair; nil means unbounded on that side.
    struct Bounds: Hashable, Sendable {
        var lower: Double?
        var upper: Double?
    }

    /// A sparse row: Σ coefficient · column, within `bounds`.
    struct Row: Hashable, Sendable {
        var coefficients: [Int: Double]
        var bounds: Bounds
    }

    enum Outcome: Equatable {
        case optimal(value: Double, solution: [Double])
        case unbounded
        case infeasible
    }

    private let problem: OpaquePointer
    let columnCount: Int
    private var objective: [Int: Double] = [:]

    init(columns: [Bounds], rows: [Row]) {
        problem = glp_create_prob()
        columnCount = columns.count
        if !columns.isEmpty { glp_add_cols(problem, Int32(columns.count)) }
        for (index, bounds) in columns.enumerated() {
            Self.apply(bounds, to: Int32(index + 1), using: glp_set_col_bnds, problem: problem)
        }
        let rows = rows.filter { !$0.coefficients.isEmpty }
        if !rows.isEmpty { glp_add_rows(problem, Int32(rows.count)) }
        var rowIndices: [Int32] = [0]
        var columnIndices: [Int32] = [0]
        var values: [Double] = [0]
        for (index, row) in rows.enumerated() {
            Self.apply(row.bounds, to: Int32(index + 1), using: glp_set_row_bnds, problem: problem)
            for (column, coefficient) in row.coefficients.sorted(by: { $0.key < $1.key }) where coefficient != 0 {
                precondition(column >= 0 && column < columns.count, "row refers to a missing column")
                rowIndices.append(Int32(index + 1))
                columnIndices.append(Int32(column + 1))
                values.append(coefficient)
            }
        }
        if values.count > 1 {
            glp_load_matrix(problem, Int32(values.count - 1), rowIndices, columnIndices, values)
        }
    }

    deinit { glp_delete_prob(problem) }

    private static func apply(
        _ bounds: Bounds, to index: Int32,
        using setter: (OpaquePointer?, Int32, Int32, Double, Double) -> Void,
        problem: OpaquePointer
    ) {
        switch (bounds.lower, bounds.upper) {
        case (nil, nil): setter(problem, index, Int32(GLP_FR), 0, 0)
        case (let lower?, nil): setter(problem, index, Int32(GLP_LO), lower, 0)
        case (nil, let upper?): setter(problem, index, Int32(GLP_UP), 0, upper)
        case (let lower?, let upper?) where lower == upper: setter(problem, index, Int32(GLP_FX), lower, upper)
        case (let lower?, let upper?):
            precondition(lower < upper, "empty bounds [\(lower), \(upper)]")
            setter(problem, index, Int32(GLP_DB), lower, upper)
        }
    }

    /// Changes the bounds of one column (0-based) before the next solve.
    func setBounds(_ bounds: Bounds, column: Int) {
        Self.apply(bounds, to: Int32(column + 1), using: glp_set_col_bnds, problem: problem)
    }

    /// Optimises Σ coefficient · column. When `integer` is set and the LP optimum is not an
    /// integral point, branch-and-bound (glp_intopt) gives the exact integer optimum.
    func optimize(
        _ coefficients: [Int: Double], maximize: Bool, integer: Bool
    ) throws(DisclosureError) -> Outcome {
        for (column, _) in objective { glp_set_obj_coef(problem, Int32(column + 1), 0) }
        for (column, coefficient) in coefficients { glp_set_obj_coef(problem, Int32(column + 1), coefficient) }
        objective = coefficients
        glp_set_obj_dir(problem, maximize ? Int32(GLP_MAX) : Int32(GLP_MIN))
        let relaxed = try solveRelaxation()
        guard integer, case .optimal(_, let solution) = relaxed, !Self.isIntegral(solution) else { return relaxed }
        return try solveInteger()
    }

    private func solveRelaxation() throws(DisclosureError) -> Outcome {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = Int32(GLP_MSG_OFF)
        parameters.meth = Int32(GLP_DUALP)
        var code = glp_simplex(problem, &parameters)
        if code != 0 {
            // A singular or ill-conditioned warm-start basis: start again from the standard basis.
            glp_std_basis(problem)
            parameters.presolve = Int32(GLP_ON)
            code = glp_simplex(problem, &parameters)
            if code == Int32(GLP_ENOPFS) { return .infeasible }
            if code == Int32(GLP_ENODFS) { return .unbounded }
            guard code == 0 else {
                throw DisclosureError(.solverFailure, field: "", "GLPK simplex failed with code \(code)")
            }
        }
        switch glp_get_status(problem) {
        case Int32(GLP_OPT):
            let solution = (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
            return .optimal(value: glp_get_obj_val(problem), solution: solution)
        case Int32(GLP_UNBND): return .unbounded
        case Int32(GLP_NOFEAS), Int32(GLP_INFEAS): return .infeasible
        case let status:
            if glp_get_prim_stat(problem) == Int32(GLP_NOFEAS) { return .infeasible }
            if glp_get_dual_stat(problem) == Int32(GLP_NOFEAS) { return .unbounded }
            throw DisclosureError(.solverFailure, field: "", "GLPK simplex ended with status \(status)")
        }
    }

    private func solveInteger() throws(DisclosureError) -> Outcome {
        for column in 0..<columnCount { glp_set_col_kind(problem, Int32(column + 1), Int32(GLP_IV)) }
        defer { for column in 0..<columnCount { glp_set_col_kind(problem, Int32(column + 1), Int32(GLP_CV)) } }
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = Int32(GLP_MSG_OFF)
        let code = glp_intopt(problem, &parameters)
        guard code == 0 else {
            throw DisclosureError(.solverFailure, field: "", "GLPK branch-and-bound failed with code \(code)")
        }
        switch glp_mip_status(problem) {
        case Int32(GLP_OPT):
            let solution = (0..<columnCount).map { glp_mip_col_val(problem, Int32($0 + 1)) }
            return .optimal(value: glp_mip_obj_val(problem), solution: solution)
        case Int32(GLP_NOFEAS): return .infeasible
        case let status:
            throw DisclosureError(.solverFailure, field: "", "GLPK branch-and-bound ended with status \(status)")
        }
    }

    static func isIntegral(_ solution: [Double]) -> Bool {
        solution.allSatisfy { abs($0 - $0.rounded()) <= 1e-7 }
    }
}
