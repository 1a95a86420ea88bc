import Disclosure
import Foundation
import Testing

/// Worked examples from the statistical disclosure control literature, transcribed by hand with
/// the expected results worked out in the comments.
@Suite struct LiteratureExampleTests {
    /// The audit of a table as a JSON round trip, keyed by cell name.
    func audit(_ builder: TableBuilder, hidden: [String], primary: [String]) throws -> AuditResponse {
        var request = builder.request
        request.primary = primary
        return try AuditResponse(request: AuditRequest(table: request, hidden: hidden))
    }

    /// "At least two suppressions in every row and column" is not safe (Cox 1980; Willenborg and
    /// de Waal 2001; Hundepool et al. 2012): two separate 2×2 suppression cycles joined by one
    /// more suppressed cell. Every row and column with a suppression has two or more, but the
    /// joining cell lies on no cycle: rows 0–1 minus columns 0–1 of the margins isolate it.
    ///
    ///          c0  c1  c2  c3 | T
    ///     r0  [12][15][20]  18 | 65
    ///     r1  [14][11]  16  22 | 63
    ///     r2   19  17 [13][16] | 65
    ///     r3   21  23 [10][24] | 78
    ///     T    66  66  59  80 | 271
    ///
    /// r0.T + r1.T − T.c0 − T.c1 = (20 + 18 + 16 + 22) − (19 + 17 + 21 + 23), so r0.c2 = 20.
    @Test func twoSuppressionsPerRowAndColumnStillLeak() throws {
        var builder = TableBuilder()
        builder.addGrid("t", [[12, 15, 20, 18], [14, 11, 16, 22], [19, 17, 13, 16], [21, 23, 10, 24]])
        let hidden = [
            "t.r0.c0", "t.r0.c1", "t.r1.c0", "t.r1.c1", "t.r2.c2", "t.r2.c3", "t.r3.c2", "t.r3.c3", "t.r0.c2",
        ]
        let result = try audit(builder, hidden: hidden, primary: ["t.r0.c2"])
        #expect(result.exact == ["t.r0.c2"])
        #expect(result.intervals["t.r0.c2"] == [20, 20])
        #expect(result.safe == false)
        // The second cycle protects its cells: r2.c2 = 13 + t, r2.c3 = 16 − t, r3.c2 = 10 − t and
        // r3.c3 = 24 + t are all ≥ 0 for t ∈ [−13, 10], so r2.c2 ∈ [0, 23].
        #expect(result.intervals["t.r2.c2"] == [0, 23])
        // Suppression never produces such a pattern for the same primary.
        var request = builder.request
        request.primary = ["t.r0.c2"]
        let suppressed = try SuppressResponse(request: request)
        #expect(suppressed.intervals["t.r0.c2"].map { $0[0] != $0[1] } == true)
    }

    /// Complementary cells that are zero give no protection under non-negativity (the "zero
    /// cell" remark of the τ-ARGUS manual): in the cycle a, b / c, d with b = 0 and d = 0, a can go
    /// neither up (b would go negative) nor down (d would), so a is exact.
    ///
    ///          c0   c1  c2 | T
    ///     r0   [5]  [0]  30 | 35
    ///     r1  [20]  [0]  25 | 45
    ///     r2   12   14  16 | 42
    @Test func zeroComplementsDoNotProtect() throws {
        var builder = TableBuilder()
        builder.addGrid("t", [[5, 0, 30], [20, 0, 25], [12, 14, 16]])
        let result = try audit(builder, hidden: ["t.r0.c0", "t.r0.c1", "t.r1.c0", "t.r1.c1"], primary: ["t.r0.c0"])
        #expect(result.intervals["t.r0.c0"] == [5, 5])
        #expect(result.safe == false)
        let suppressed = try SuppressResponse(request: builder.request)
        #expect(suppressed.intervals["t.r0.c0"].map { $0[0]! < $0[1]! } == true)
    }

    /// One primary in a 1-D list with a published total needs exactly one complement, the
    /// smallest other cell: 3 + 15 + 22 = 40, hide 3 (count<10) and 15. The attacker knows
    /// 3 ∈ [1, 9] and 3 + 15 = 18, so the hidden 15 ∈ [9, 17].
    @Test func oneDimensionalListTakesTheSmallestComplement() throws {
        var builder = TableBuilder()
        builder.addList("l", [3, 15, 22])
        let response = try SuppressResponse(request: builder.request)
        #expect(response.suppressed == ["l.0": "primary", "l.1": "complementary"])
        #expect(response.intervals == ["l.0": [1, 9], "l.1": [9, 17]])
        #expect(response.published["l.2"] == .some(22))
        #expect(response.published["l.T"] == .some(40))
    }

    /// The textbook 2-D case: one sensitive cell is protected by the cheapest rectangle
    /// (three more cells). With cost "fewest cells, then smallest total", rows/columns 1 win:
    /// 20 + 15 + 12 = 47 against 85, 80 and 73 for the other rectangles. Moving t along the cycle:
    /// 4 + t ∈ [1, 9] gives t ∈ [−3, 5], hence 20 − t ∈ [15, 23], 15 − t ∈ [10, 18], 12 + t ∈ [9, 17].
    ///
    ///          c0  c1  c2 | T
    ///     r0   [4][20]  30 | 54
    ///     r1  [15][12]  40 | 67
    ///     r2   25  35  18 | 78
    @Test func twoDimensionalTableTakesTheCheapestRectangle() throws {
        var builder = TableBuilder()
        builder.addGrid("t", [[4, 20, 30], [15, 12, 40], [25, 35, 18]])
        let response = try SuppressResponse(request: builder.request)
        #expect(
            response.suppressed == [
                "t.r0.c0": "primary", "t.r0.c1": "complementary", "t.r1.c0": "complementary",
                "t.r1.c1": "complementary",
            ])
        #expect(
            response.intervals == [
                "t.r0.c0": [1, 9], "t.r0.c1": [15, 23], "t.r1.c0": [10, 18], "t.r1.c1": [9, 17],
            ])
    }

    /// The strong attacker knows complementary cells are ≥ min_count, which narrows intervals:
    /// in the rectangle above, 15 − t ≥ 10 and 12 + t ≥ 10 give t ∈ [−2, 5], so 4 + t ∈ [2, 9].
    @Test func strongAttackerNarrowsTheIntervals() throws {
        var builder = TableBuilder()
        builder.addGrid("t", [[4, 20, 30], [15, 12, 40], [25, 35, 18]])
        var request = builder.request
        request.attacker = "strong"
        let response = try SuppressResponse(request: request)
        #expect(response.intervals["t.r0.c0"] == [2, 9])
    }

    /// Full protection asks the interval to cover all of [1, 9]. The 2-D rectangle above already
    /// does; in the 1-D list 3 + 15 + 22 the complement 15 allows 3 + t ≤ 9 with 15 − t ≥ 0, so
    /// the full range is reached with the same cells.
    @Test func fullProtectionCoversTheWholeRange() throws {
        var builder = TableBuilder()
        builder.addGrid("t", [[4, 20, 30], [15, 12, 40], [25, 35, 18]])
        var request = builder.request
        request.protection = "full"
        request.attacker = "strong"
        // Under the strong attacker, t ≥ −2 keeps 4 + t ≥ 2: a further cycle must be added.
        let response = try SuppressResponse(request: request)
        #expect(response.intervals["t.r0.c0"] == [1, 9])
        #expect(response.suppressed.count > 4)
    }
}
