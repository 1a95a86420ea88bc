/// Linear-algebra test: can the total over some small group of students be written as a linear
/// combination of released totals?
///
/// Students are partitioned into atoms (students in exactly the same released sets). A group's
/// total is derivable when its indicator over atoms lies in the span of the released sets'
/// indicators. Unions of small atoms with fewer than `minCount` students are tested, up to
/// `maxUnions` of them; beyond that the answer is "derivable" (refuse: safe, and depends on
/// the sets only).
struct DerivableGroups: Sendable {
    let minCount: Int
    var maxUnions = 4096

    /// The size of a small group derivable with the candidate but not without it, or nil.
    func newlyDerivableGroup<ID: Hashable>(candidate: Set<ID>, earlier: [Set<ID>]) -> Int? {
        let sets = [candidate] + earlier
        var atomOf: [[Bool]: Int] = [:]
        var atomSizes: [Int] = []
        var atomSignatures: [[Bool]] = []
        for student in sets.reduce(into: Set<ID>(), { $0.formUnion($1) }) {
            let signature = sets.map { $0.contains(student) }
            if let atom = atomOf[signature] {
                atomSizes[atom] += 1
            } else {
                atomOf[signature] = atomSizes.count
                atomSizes.append(1)
                atomSignatures.append(signature)
            }
        }
        let rows = sets.indices.map { set in atomSignatures.map { $0[set] ? 1.0 : 0.0 } }
        let withCandidate = RowSpace(rows)
        let withoutCandidate = RowSpace(Array(rows.dropFirst()))
        let smallAtoms = atomSizes.indices.filter { atomSizes[$0] < minCount }
        var unions = 0
        var result: Int?
        func visit(_ start: Int, _ chosen: [Int], _ size: Int) {
            guard result == nil else { return }
            if !chosen.isEmpty {
                unions += 1
                if unions > maxUnions {
                    result = size
                    return
                }
                var vector = Array(repeating: 0.0, count: atomSizes.count)
                for atom in chosen { vector[atom] = 1 }
                if withCandidate.contains(vector) && !withoutCandidate.contains(vector) {
                    result = size
                    return
                }
            }
            for next in start..<smallAtoms.count where size + atomSizes[smallAtoms[next]] < minCount {
                visit(next + 1, chosen + [smallAtoms[next]], size + atomSizes[smallAtoms[next]])
            }
        }
        visit(0, [], 0)
        return result
    }
}
