/// Input of `rostermail privacy audit`: the table as the data owner knows it, which cells are
/// hidden and which of those are primary (the rest are complementary).
public struct AuditRequest: Codable, Hashable, Sendable {
    public var table: TableRequest
    public var hidden: [String]

    enum CodingKeys: String, CodingKey {
        case hidden
    }

    public init(table: TableRequest, hidden: [String]) {
        self.table = table
        self.hidden = hidden
    }

    public init(from decoder: any Decoder) throws {
        table = try TableRequest(from: decoder)
        hidden = try decoder.container(keyedBy: CodingKeys.self).decode([String].self, forKey: .hidden)
    }

    public func encode(to encoder: any Encoder) throws {
        try table.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hidden, forKey: .hidden)
    }
}

/// Output of `rostermail privacy audit`: `safe` is true when no primary cell breaks the
/// protection (`exact` by default: no primary cell exactly determined).
public struct AuditResponse: Codable, Hashable, Sendable {
    public var intervals: [String: [Int?]]
    public var exact: [String]
    public var safe: Bool

    public init(request: AuditRequest, base: Policy = .default) throws(DisclosureError) {
        let table = try request.table.table()
        let policy = try request.table.policy(base: base)
        let hidden = try table.indices(of: request.hidden, field: "hidden")
        let primaries = try table.indices(of: request.table.primary ?? [], field: "primary")
        for (position, name) in (request.table.primary ?? []).enumerated() {
            guard hidden.contains(try table.index(of: name, field: "primary[\(position)]")) else {
                throw DisclosureError(.invalidValue, field: "primary[\(position)]", "\"\(name)\" is not hidden")
            }
        }
        let auditor = Auditor(table: table, policy: policy, primaries: primaries)
        let found = try auditor.intervals(hidden: hidden)
        var intervals: [String: [Int?]] = [:]
        var exact: [String] = []
        var safe = true
        for (cell, interval) in found.sorted(by: { $0.key < $1.key }) {
            let name = table.names[cell]
            intervals[name] = [interval.lower, interval.upper]
            if interval.isExact { exact.append(name) }
            if primaries.contains(cell), !auditor.isProtected(cell, interval) { safe = false }
        }
        self.intervals = intervals
        self.exact = exact
        self.safe = safe
    }
}
