/// Greedy local recoding: rows keep as many quasi-identifiers as their group allows.
///
/// Masks are visited by number of starred columns (0, 1, 2, …). Within one level the mask that
/// settles the most still-unsettled rows (in groups of ≥ k) is taken first, again and again. Rows
/// left at the end are fully starred; if they are fewer than k, rows are moved into that group
/// from groups with more than k rows, then whole smallest groups, until it has k.
struct LocalRecoding: Sendable {
    let codes: [[Int]]
    let outcomes: [[Int]]
    let k: Int
    let l: Int

    func plan() -> RecodingPlan {
        let columns = codes.first?.count ?? 0
        let full = (1 << columns) - 1
        var masks = Array(repeating: full, count: codes.count)
        var unsettled = Set(codes.indices)
        var settled: [[Int]] = []
        let template = RecodingPlan(codes: codes, outcomes: outcomes, k: k, l: l, masks: masks)
        for level in 0..<columns {
            var levelMasks = (0..<full).filter { $0.nonzeroBitCount == level }
            while !levelMasks.isEmpty {
                var best: (mask: Int, groups: [[Int]], rows: Int)?
                for mask in levelMasks {
                    var byKey: [[Int]: [Int]] = [:]
                    for row in unsettled { byKey[template.key(row, mask: mask), default: []].append(row) }
                    let groups = byKey.values.filter { $0.count >= k }
                    let rows = groups.reduce(0) { $0 + $1.count }
                    if rows > 0, rows > best?.rows ?? 0 || (rows == best?.rows && mask < best!.mask) {
                        best = (mask, groups, rows)
                    }
                }
                guard let chosen = best else { break }
                for group in chosen.groups {
                    for row in group {
                        masks[row] = chosen.mask
                        unsettled.remove(row)
                    }
                    settled.append(group.sorted())
                }
                levelMasks.removeAll { $0 == chosen.mask }
            }
        }
        var remainder = unsettled.sorted()
        if !remainder.isEmpty && remainder.count < k {
            settled.sort { $0.count > $1.count }
            for index in settled.indices where remainder.count < k {
                let spare = min(settled[index].count - k, k - remainder.count)
                guard spare > 0 else { continue }
                remainder += settled[index].suffix(spare)
                settled[index].removeLast(spare)
            }
            while remainder.count < k, let smallest = settled.popLast() { remainder += smallest }
        }
        for row in remainder { masks[row] = full }
        return RecodingPlan(codes: codes, outcomes: outcomes, k: k, l: l, masks: masks)
    }
}
