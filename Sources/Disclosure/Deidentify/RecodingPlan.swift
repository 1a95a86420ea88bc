/// Which quasi-identifier columns are replaced by `*` in each row (a bit mask per row), and what
/// that costs once ℓ-diversity has redacted outcomes in groups that lack it.
///
/// Rows whose masks and remaining values agree form one released group; a plan is valid when
/// every group has at least k rows.
struct RecodingPlan: Sendable {
    /// codes[row][column]: the quasi-identifier values, numbered per column.
    let codes: [[Int]]
    /// outcomes[row][field]: outcome values, numbered per field.
    let outcomes: [[Int]]
    let k: Int
    let l: Int
    var masks: [Int]

    var columnCount: Int { codes.first?.count ?? 0 }

    /// Released groups: row indices sharing a mask and the values it keeps.
    func groups() -> [[Int]] {
        var byKey: [[Int]: [Int]] = [:]
        for row in codes.indices { byKey[key(row, mask: masks[row]), default: []].append(row) }
        return byKey.values.sorted { $0[0] < $1[0] }
    }

    func key(_ row: Int, mask: Int) -> [Int] {
        var key = [mask]
        for column in 0..<columnCount where mask & (1 << column) == 0 { key.append(codes[row][column]) }
        return key
    }

    var isKAnonymous: Bool { groups().allSatisfy { $0.count >= k } }

    /// Outcome fields to redact per group (those with fewer than l distinct values).
    func redactedOutcomes(in group: [Int]) -> [Int] {
        guard let first = group.first else { return [] }
        return outcomes[first].indices.filter { field in
            Set(group.map { outcomes[$0][field] }).count < l
        }
    }

    /// Quasi-identifier stars plus redacted outcome cells.
    var cost: Int {
        let stars = masks.reduce(0) { $0 + $1.nonzeroBitCount }
        let outcomeStars = groups().reduce(0) { $0 + redactedOutcomes(in: $1).count * $1.count }
        return stars + outcomeStars
    }

    /// Every row with the same mask (whole-column redaction).
    static func wholeColumns(_ mask: Int, codes: [[Int]], outcomes: [[Int]], k: Int, l: Int) -> RecodingPlan {
        RecodingPlan(codes: codes, outcomes: outcomes, k: k, l: l, masks: Array(repeating: mask, count: codes.count))
    }
}
