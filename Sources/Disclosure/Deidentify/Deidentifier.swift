/// De-identified rows: quasi-identifiers replaced by `*` until every released combination is
/// shared by ≥ k rows; an outcome with fewer than ℓ distinct values in a group is replaced by
/// `*` for that group; rows labelled `Student 1…n` in a fresh random order.
///
/// Redaction is minimal in this sense: every whole-column redaction (all 2^q column subsets)
/// and a greedy local recoding are costed (stars in quasi-identifiers plus redacted outcome
/// cells) and the cheapest valid plan wins, so the result never redacts more cells than the
/// best whole-column redaction. Fields other than the quasi-identifiers and outcomes are dropped.
public struct Deidentifier: Sendable {
    /// At most this many quasi-identifiers (2^12 column subsets).
    public static let maxQuasiIdentifiers = 12

    public let policy: Policy
    public let quasiIdentifiers: [String]
    public let outcomes: [String]

    public struct Output: Hashable, Sendable {
        /// Each row: `label`, every quasi-identifier and every outcome (value or `*`).
        public var rows: [[String: JSONValue]]
        public var redactedCells: Int
    }

    public init(policy: Policy = .default, quasiIdentifiers: [String], outcomes: [String]) throws(DisclosureError) {
        try policy.validate()
        guard quasiIdentifiers.count <= Self.maxQuasiIdentifiers else {
            throw DisclosureError(
                .invalidValue, field: "quasi_identifiers",
                "at most \(Self.maxQuasiIdentifiers) quasi-identifiers are supported, got \(quasiIdentifiers.count)")
        }
        var seen: Set<String> = ["label"]
        for (field, names) in [("quasi_identifiers", quasiIdentifiers), ("outcomes", outcomes)] {
            for (position, name) in names.enumerated() where !seen.insert(name).inserted {
                throw DisclosureError(
                    .duplicateName, field: "\(field)[\(position)]",
                    "\"\(name)\" is used twice (or is \"label\", which the output reserves)")
            }
        }
        self.policy = policy
        self.quasiIdentifiers = quasiIdentifiers
        self.outcomes = outcomes
    }

    public func run(
        _ rows: [[String: JSONValue]], using rng: inout some RandomNumberGenerator
    ) throws(DisclosureError) -> Output {
        guard rows.count >= policy.k else {
            throw DisclosureError(
                .tooFewRows, field: "rows", "\(rows.count) rows cannot be \(policy.k)-anonymous: release nothing")
        }
        let codes = try numbered(rows, fields: quasiIdentifiers)
        let outcomeCodes = try numbered(rows, fields: outcomes)
        let plan = bestPlan(codes: codes, outcomes: outcomeCodes)
        var released = rows.map { _ in [String: JSONValue]() }
        for group in plan.groups() {
            let redacted = Set(plan.redactedOutcomes(in: group))
            for row in group {
                for (column, name) in quasiIdentifiers.enumerated() {
                    released[row][name] = plan.masks[row] & (1 << column) != 0 ? .redacted : rows[row][name]
                }
                for (field, name) in outcomes.enumerated() {
                    released[row][name] = redacted.contains(field) ? .redacted : rows[row][name]
                }
            }
        }
        released.shuffle(using: &rng)
        for index in released.indices { released[index]["label"] = .string("Student \(index + 1)") }
        return Output(rows: released, redactedCells: plan.cost)
    }

    private func bestPlan(codes: [[Int]], outcomes: [[Int]]) -> RecodingPlan {
        let (k, l) = (policy.k, policy.l)
        var best = LocalRecoding(codes: codes, outcomes: outcomes, k: k, l: l).plan()
        var bestCost = best.cost
        for mask in 0..<(1 << quasiIdentifiers.count) {
            let plan = RecodingPlan.wholeColumns(mask, codes: codes, outcomes: outcomes, k: k, l: l)
            guard plan.isKAnonymous else { continue }
            let cost = plan.cost
            if cost < bestCost {
                best = plan
                bestCost = cost
            }
        }
        return best
    }

    /// Numbers each field's distinct values; a missing field is an error naming the row.
    private func numbered(_ rows: [[String: JSONValue]], fields: [String]) throws(DisclosureError) -> [[Int]] {
        var numbers = fields.map { _ in [JSONValue: Int]() }
        var result: [[Int]] = []
        result.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            var codes: [Int] = []
            for (position, field) in fields.enumerated() {
                guard let value = row[field] else {
                    throw DisclosureError(.missingField, field: "rows[\(index)].\(field)", "every row needs this field")
                }
                let next = numbers[position].count
                codes.append(numbers[position][value, default: next])
                if numbers[position][value] == nil { numbers[position][value] = next }
            }
            result.append(codes)
        }
        return result
    }
}
