import Testing

@testable import Disclosure

/// The GLPK wrapper: LP bounds, unboundedness, and the integer fallback.
@Suite struct LinearProgramTests {
    /// x + y = 1, y + z = 1, x + z = 1 + w, w ∈ [0, 1], all ≥ 0. The LP lets x range over
    /// [0.5, 1] (y = (1 − w)/2); over integers y = 0, so x = 1 exactly.
    @Test func integerOptimumIsExactWhenTheRelaxationIsFractional() throws {
        let columns: [LinearProgram.Bounds] = [
            .init(lower: 0, upper: nil), .init(lower: 0, upper: nil), .init(lower: 0, upper: nil),
            .init(lower: 0, upper: 1),
        ]
        let one = LinearProgram.Bounds(lower: 1, upper: 1)
        let rows: [LinearProgram.Row] = [
            .init(coefficients: [0: 1, 1: 1], bounds: one),
            .init(coefficients: [1: 1, 2: 1], bounds: one),
            .init(coefficients: [0: 1, 2: 1, 3: -1], bounds: one),
            .init(coefficients: [3: 1, 1: 2], bounds: .init(lower: 0, upper: 1)),
        ]
        let program = LinearProgram(columns: columns, rows: rows)
        #expect(
            try program.optimize([0: 1], maximize: false, integer: false)
                == .optimal(value: 0.5, solution: [0.5, 0.5, 0.5, 0]))
        guard case .optimal(let value, _) = try program.optimize([0: 1], maximize: false, integer: true) else {
            Issue.record("no integer optimum")
            return
        }
        #expect(value == 1)
    }

    @Test func unboundedAndInfeasibleAreReported() throws {
        let free = LinearProgram(columns: [.init(lower: 0, upper: nil)], rows: [])
        #expect(try free.optimize([0: 1], maximize: true, integer: true) == .unbounded)
        let empty = LinearProgram(
            columns: [.init(lower: 0, upper: 1)],
            rows: [.init(coefficients: [0: 1], bounds: .init(lower: 2, upper: 3))])
        #expect(try empty.optimize([0: 1], maximize: true, integer: false) == .infeasible)
    }
}
