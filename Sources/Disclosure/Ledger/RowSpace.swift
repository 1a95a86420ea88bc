/// The row space of a small real matrix, in reduced row echelon form, for membership tests.
struct RowSpace: Sendable {
    private var basis: [[Double]] = []
    private var pivots: [Int] = []
    private static let tolerance = 1e-9

    init(_ rows: [[Double]]) {
        for row in rows { insert(row) }
    }

    /// `vector` minus its projection onto the pivots of the basis.
    private func reduce(_ vector: [Double]) -> [Double] {
        var residual = vector
        for (row, pivot) in zip(basis, pivots) where abs(residual[pivot]) > Self.tolerance {
            let factor = residual[pivot]
            for index in residual.indices { residual[index] -= factor * row[index] }
        }
        return residual
    }

    private mutating func insert(_ vector: [Double]) {
        var residual = reduce(vector)
        guard let pivot = residual.indices.max(by: { abs(residual[$0]) < abs(residual[$1]) }),
            abs(residual[pivot]) > Self.tolerance
        else { return }
        let scale = residual[pivot]
        for index in residual.indices { residual[index] /= scale }
        for row in basis.indices where abs(basis[row][pivot]) > Self.tolerance {
            let factor = basis[row][pivot]
            for index in residual.indices { basis[row][index] -= factor * residual[index] }
        }
        basis.append(residual)
        pivots.append(pivot)
    }

    func contains(_ vector: [Double]) -> Bool {
        reduce(vector).allSatisfy { abs($0) <= Self.tolerance }
    }
}
