/// Output of `rostermail privacy suppress`.
///
/// `published` has every cell (a missing cell would itself tell something), suppressed ones as
/// null; `suppressed` says primary or complementary; `reasons` gives the precise rule
/// (`group<11`, `count<10`, `complement<10`, `requested`, `complementary`); `intervals` are the
/// attacker's intervals for hidden cells (upper bound null when unbounded).
public struct SuppressResponse: Codable, Hashable, Sendable {
    public var published: [String: Int?]
    public var suppressed: [String: String]
    public var reasons: [String: String]
    public var intervals: [String: [Int?]]

    /// Runs the suppression for a decoded request.
    public init(request: TableRequest, base: Policy = .default) throws(DisclosureError) {
        let table = try request.table()
        let policy = try request.policy(base: base)
        let primary = try request.primary.map { list throws(DisclosureError) in
            try table.indices(of: list, field: "primary")
        }
        let result = try Suppressor(table: table, policy: policy).run(primary: primary)
        var published: [String: Int?] = [:]
        var suppressed: [String: String] = [:]
        var reasons: [String: String] = [:]
        var intervals: [String: [Int?]] = [:]
        for (cell, name) in table.names.enumerated() {
            guard let reason = result.reasons[cell] else {
                published[name] = .some(table.values[cell])
                continue
            }
            published[name] = .some(nil)
            suppressed[name] = reason.isPrimary ? "primary" : "complementary"
            reasons[name] = reason.rawValue
            if let interval = result.intervals[cell] { intervals[name] = [interval.lower, interval.upper] }
        }
        self.published = published
        self.suppressed = suppressed
        self.reasons = reasons
        self.intervals = intervals
    }
}
