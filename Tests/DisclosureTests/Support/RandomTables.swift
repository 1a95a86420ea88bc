import Disclosure

/// Random small tables for property tests: shapes, values (zeros, small and large counts) and
/// policy knobs all drawn from a seeded generator.
enum RandomTables {
    static func value(_ rng: inout SplitMix64, minCount: Int) -> Int {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: 0
        case 1...3: Int.random(in: 1..<minCount, using: &rng)
        default: Int.random(in: minCount...(4 * minCount), using: &rng)
        }
    }

    static func grid(_ rng: inout SplitMix64, rows: Int, columns: Int, minCount: Int) -> [[Int]] {
        (0..<rows).map { _ in (0..<columns).map { _ in value(&rng, minCount: minCount) } }
    }

    static func request(_ rng: inout SplitMix64) -> TableRequest {
        let minCount = [3, 5, 10, 10][Int.random(in: 0..<4, using: &rng)]
        var builder = TableBuilder()
        switch Int.random(in: 0..<4, using: &rng) {
        case 0:
            builder.addList("L", (0..<Int.random(in: 2...6, using: &rng)).map { _ in value(&rng, minCount: minCount) })
        case 1, 2:
            let rows = Int.random(in: 2...4, using: &rng)
            let columns = Int.random(in: 2...4, using: &rng)
            builder.addGrid("A", grid(&rng, rows: rows, columns: columns, minCount: minCount))
        default:
            // Two tables over the same rows (e.g. schools × gender and schools × grade band).
            let rows = Int.random(in: 2...3, using: &rng)
            let first = grid(&rng, rows: rows, columns: 2, minCount: minCount)
            let rowNames = builder.addGrid("A", first)
            var second: [[Int]] = []
            for row in first {
                let total = row.reduce(0, +)
                let cut = Int.random(in: 0...total, using: &rng)
                second.append([cut, total - cut])
            }
            builder.addGrid("B", second, rowTotals: rowNames)
        }
        var request = builder.request
        request.minCount = minCount
        request.minGroup = minCount + 1
        request.zeros = Bool.random(using: &rng) ? "publish" : "suppress"
        request.attacker = Int.random(in: 0..<3, using: &rng) == 0 ? "strong" : "weak"
        request.protection = Int.random(in: 0..<3, using: &rng) == 0 ? "full" : "exact"
        return request
    }
}
