import Disclosure

/// Builds test tables: 1-D lists with a total, 2-D tables with margins, and linked 2-D tables
/// sharing their row margin.
struct TableBuilder {
    var cells: [String: Int] = [:]
    var sums: [TableRequest.Sum] = []

    /// A 2-D table `prefix` with the given interior; margins `prefix.rI.T`, `prefix.T.cJ`, `prefix.T`.
    /// When `rowTotals` is given, the row margins reuse those names (linked tables).
    @discardableResult
    mutating func addGrid(_ prefix: String, _ grid: [[Int]], rowTotals: [String]? = nil) -> [String] {
        let columns = grid.first?.count ?? 0
        var rowNames: [String] = []
        for (i, row) in grid.enumerated() {
            let names = (0..<columns).map { "\(prefix).r\(i).c\($0)" }
            for (name, value) in zip(names, row) { cells[name] = value }
            let total = rowTotals?[i] ?? "\(prefix).r\(i).T"
            cells[total] = row.reduce(0, +)
            sums.append(.init(total: total, of: names))
            rowNames.append(total)
        }
        let grand = rowTotals == nil ? "\(prefix).T" : "\(prefix).T.linked"
        var columnNames: [String] = []
        for j in 0..<columns {
            let name = "\(prefix).T.c\(j)"
            cells[name] = grid.reduce(0) { $0 + $1[j] }
            sums.append(.init(total: name, of: (0..<grid.count).map { "\(prefix).r\($0).c\(j)" }))
            columnNames.append(name)
        }
        let grandTotal = grid.reduce(0) { $0 + $1.reduce(0, +) }
        if rowTotals == nil {
            cells[grand] = grandTotal
            sums.append(.init(total: grand, of: rowNames))
            sums.append(.init(total: grand, of: columnNames))
        } else {
            // The linked table's grand total is the first table's grand total.
            let shared = String(rowTotals![0].split(separator: ".").first!) + ".T"
            sums.append(.init(total: shared, of: columnNames))
        }
        return rowNames
    }

    /// A 1-D list `prefix.i` with total `prefix.T`.
    mutating func addList(_ prefix: String, _ values: [Int]) {
        let names = values.indices.map { "\(prefix).\($0)" }
        for (name, value) in zip(names, values) { cells[name] = value }
        cells["\(prefix).T"] = values.reduce(0, +)
        sums.append(.init(total: "\(prefix).T", of: names))
    }

    var request: TableRequest { TableRequest(cells: cells, sums: sums) }
}
