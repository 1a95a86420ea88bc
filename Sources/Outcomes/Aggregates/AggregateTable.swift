import Disclosure

/// One line of `aggregates.csv`: a group's count of students with a measure, as it may be shown.
public struct AggregateRow: Sendable, Hashable {
    /// `all`, `school:<number>` or `grade:<grade>`.
    public var group: String
    /// Students of the group with data for the measure; nil when withheld.
    public var students: Int?
    public var measure: String
    /// Students with the measure (yes); nil when withheld.
    public var count: Int?
    /// Whole percent of `students`; only where both are shown.
    public var percent: Int?
    /// The count as shown: the number, `<10`, `>n-10`, `n/a` (group too small) or `withheld`.
    public var shownAs: String
    /// Plain words; empty when the count is shown.
    public var withheldReason: String
}

/// An earlier release of a group's count for one measure and period, from the answer ledger.
public struct LedgerEntry: Sendable, Hashable {
    public var metric: String
    /// The group as the answer named it (`all`, `school:101`, `deidentified`…).
    public var grouping: String
    /// The students' sourcedIds.
    public var students: Set<String>

    public init(metric: String, grouping: String, students: Set<String>) {
        self.metric = metric
        self.grouping = grouping
        self.students = students
    }
}

/// The aggregate table of one measure column: the whole roster, and by school and grade where the roster has
/// more than one of them, suppressed by the `Disclosure` engine and checked against the release ledger.
///
/// Cells are `G|n` (students with data), `G|yes`, `G|no` for every group G, with `G|n = G|yes + G|no` and each
/// breakdown summing to `all` (yes, no and n). Threshold primaries and complementary suppression come from
/// `Suppressor`; then every group whose yes-count would be published is checked by `ReleaseLedger` against the
/// earlier releases of the same partner, measure and period: a refused group's count becomes a primary and the
/// suppression runs again, until every published count passes.
public struct AggregateTable: Sendable {
    public let policy: Policy
    public let column: MeasureColumn
    public let period: String

    public init(policy: Policy, column: MeasureColumn, period: String) {
        self.policy = policy
        self.column = column
        self.period = period
    }

    public struct Output: Sendable {
        public var rows: [AggregateRow]
        /// Each published count's group and students: what the ledger records.
        public var published: [LedgerEntry]
        /// The table as suppressed, for an audit: every cell, its value, and the hidden cells with the reason.
        public var table: Table
        public var hidden: [String: String]
    }

    /// The groups of `students` (those with a value for the column), in display order.
    func groups(_ students: [StudentRecord]) -> [(name: String, members: [StudentRecord])] {
        var result: [(String, [StudentRecord])] = [("all", students)]
        let schools = Dictionary(grouping: students, by: \.school)
        if schools.count >= 2 {
            for school in schools.keys.sorted() { result.append(("school:\(school)", schools[school]!)) }
        }
        let grades = Dictionary(grouping: students, by: \.grade)
        if grades.count >= 2 {
            for grade in grades.keys.sorted(by: Self.gradeOrder) { result.append(("grade:\(grade)", grades[grade]!)) }
        }
        return result
    }

    /// Pre-kindergarten and kindergarten first, then grades by number, then anything else by name.
    static func gradeOrder(_ a: String, _ b: String) -> Bool {
        func key(_ g: String) -> (Int, String) {
            switch g.uppercased() {
            case "PK", "PREK", "P": return (-2, g)
            case "KG", "K", "00": return (-1, g)
            default: return (Int(g) ?? 100, g)
            }
        }
        return key(a) < key(b)
    }

    public func run(_ all: [StudentRecord], earlier: [LedgerEntry]) throws(DisclosureError) -> Output {
        let students = all.filter { column.value($0) != nil }
        let groups = groups(students)
        var cells: [String: Int] = [:]
        var sums: [(total: String, of: [String])] = []
        for (name, members) in groups {
            let yes = members.filter { column.value($0) == true }.count
            cells["\(name)|n"] = members.count
            cells["\(name)|yes"] = yes
            cells["\(name)|no"] = members.count - yes
            sums.append(("\(name)|n", ["\(name)|yes", "\(name)|no"]))
        }
        for prefix in ["school:", "grade:"] {
            let parts = groups.map(\.name).filter { $0.hasPrefix(prefix) }
            guard !parts.isEmpty else { continue }
            for cell in ["n", "yes", "no"] { sums.append(("all|\(cell)", parts.map { "\($0)|\(cell)" })) }
        }
        let table = try Table(cells: cells, sums: sums)
        let suppressor = Suppressor(table: table, policy: policy)
        var reasons = try primaries(table, groups: groups.map(\.name))
        var result: Suppressor.Result
        do { result = try suppressor.run(primary: Set(reasons.keys)) } catch  where error.code == .unprotectable {
            return withheldEntirely(table, groups: groups)
        }
        // Earlier answers, then each group of this answer as it passes: a group is checked against everything
        // published before it, this answer's own groups included (a combination of several groups here and an
        // earlier set could otherwise isolate a few students).
        var releases = earlier.filter { $0.metric == column.name }.map {
            ReleaseLedger.Release(students: $0.students, metric: $0.metric, period: period)
        }
        var checked: Set<Int> = []
        // Each round only adds primaries: a refused count becomes one. Stops when every published yes-count has
        // passed the ledger (at most one round per group).
        while true {
            var refused: [Int: String] = [:]
            for (name, members) in groups {
                let cell = try table.index(of: "\(name)|yes", field: "cells")
                guard !result.hidden.contains(cell), !checked.contains(cell) else { continue }
                let candidate = ReleaseLedger<String>.Release(
                    students: Set(members.map(\.id)), metric: column.name, period: period)
                let decision = ReleaseLedger(policy: policy, releases: releases).check(candidate)
                if decision.isAllowed {
                    checked.insert(cell)
                    releases.append(candidate)
                } else {
                    refused[cell] = decision.reason
                }
            }
            if refused.isEmpty { break }
            for (cell, reason) in refused { reasons[cell] = "ledger: \(reason)" }
            do { result = try suppressor.run(primary: Set(reasons.keys)) } catch  where error.code == .unprotectable {
                return withheldEntirely(table, groups: groups)
            }
        }
        var rows: [AggregateRow] = []
        var published: [LedgerEntry] = []
        var hidden: [String: String] = [:]
        for cell in result.hidden { hidden[table.names[cell]] = reasons[cell] ?? "complementary" }
        for (name, members) in groups {
            let n = try table.index(of: "\(name)|n", field: "cells")
            let yes = try table.index(of: "\(name)|yes", field: "cells")
            let nShown = result.hidden.contains(n) ? nil : table.values[n]
            let countShown = result.hidden.contains(yes) ? nil : table.values[yes]
            let (shownAs, why) = describe(
                reason: hidden[table.names[yes]], count: table.values[yes], of: table.values[n], shown: nShown)
            var percent: Int?
            if let c = countShown, let total = nShown, total > 0 { percent = (c * 200 + total) / (total * 2) }
            rows.append(
                AggregateRow(
                    group: name,
                    students: hidden[table.names[yes]] == SuppressionReason.smallGroup.rawValue
                        ? nil : nShown,
                    measure: column.name, count: countShown, percent: percent, shownAs: shownAs, withheldReason: why))
            if countShown != nil {
                published.append(
                    LedgerEntry(metric: column.name, grouping: name, students: Set(members.map(\.id))))
            }
        }
        return Output(rows: rows, published: published, table: table, hidden: hidden)
    }

    /// The threshold primaries, group by group: a group under `minGroup` hides its size and counts; otherwise a
    /// yes-count is hidden when it is small (`count<10`, zero included when zeros are suppressed) or within
    /// `minCount` of the group's size (`complement<10`). The `no` cells are never shown (n − yes would give
    /// them), so they are primaries only with their small group.
    func primaries(_ table: Table, groups: [String]) throws(DisclosureError) -> [Int: String] {
        var reasons: [Int: String] = [:]
        let smallest = policy.zeros == .suppress ? 0 : 1
        func small(_ v: Int) -> Bool { v >= smallest && v < policy.minCount }
        for name in groups {
            let n = try table.index(of: "\(name)|n", field: "cells")
            let yes = try table.index(of: "\(name)|yes", field: "cells")
            let no = try table.index(of: "\(name)|no", field: "cells")
            if table.values[n] < policy.minGroup {
                for cell in [n, yes, no] { reasons[cell] = SuppressionReason.smallGroup.rawValue }
            } else if small(table.values[yes]) {
                reasons[yes] = SuppressionReason.smallCount.rawValue
            } else if small(table.values[no]) {
                reasons[yes] = SuppressionReason.smallComplement.rawValue
            }
        }
        return reasons
    }

    /// A table no choice of complementary cells can protect: nothing of it is shown.
    func withheldEntirely(_ table: Table, groups: [(name: String, members: [StudentRecord])]) -> Output {
        let why = "the table of this measure could not be protected as a whole, so none of it is shown"
        return Output(
            rows: groups.map {
                AggregateRow(
                    group: $0.name, students: nil, measure: column.name, count: nil, percent: nil,
                    shownAs: "withheld", withheldReason: why)
            }, published: [], table: table,
            hidden: Dictionary(uniqueKeysWithValues: table.names.map { ($0, "unprotectable") }))
    }

    /// The coded text and the plain-words reason of a yes-count `count` out of `group` students (`shown` when
    /// the group's size is published).
    func describe(reason: String?, count: Int, of group: Int, shown: Int?) -> (String, String) {
        guard let reason else { return ("\(count)", "") }
        switch reason {
        case SuppressionReason.smallGroup.rawValue:
            return ("n/a", "not eligible without a release: fewer than \(policy.minGroup) students in this group")
        case SuppressionReason.smallCount.rawValue:
            let zero = policy.zeros == .suppress ? " (possibly none)" : " (at least 1)"
            return ("<\(policy.minCount)", "fewer than \(policy.minCount) students\(zero)")
        case SuppressionReason.smallComplement.rawValue:
            if let n = shown, group - count < policy.minCount {
                return (">\(n - policy.minCount)", "fewer than \(policy.minCount) students of the group without it")
            }
            return ("withheld", "it would reveal a count of fewer than \(policy.minCount) students elsewhere")
        case "complementary":
            return ("withheld", "withheld so that a small count elsewhere in the table cannot be worked out")
        default:
            return (
                "withheld",
                "together with an earlier answer on this measure and period it would reveal the values of a few "
                    + "students"
            )
        }
    }
}
