/// The JSON fields shared by `suppress` and `audit`: the table and the policy knobs.
public struct TableRequest: Codable, Hashable, Sendable {
    /// `{"total": "NAME", "of": ["NAME", …]}`.
    public struct Sum: Codable, Hashable, Sendable {
        public var total: String
        public var of: [String]

        public init(total: String, of: [String]) {
            self.total = total
            self.of = of
        }
    }

    public var cells: [String: Int]
    public var sums: [Sum]?
    public var minCount: Int?
    public var minGroup: Int?
    public var zeros: String?
    public var protection: String?
    public var attacker: String?
    public var primary: [String]?

    enum CodingKeys: String, CodingKey {
        case cells, sums, zeros, protection, attacker, primary
        case minCount = "min_count"
        case minGroup = "min_group"
    }

    public init(cells: [String: Int], sums: [Sum] = []) {
        self.cells = cells
        self.sums = sums
    }

    /// Decodes like the synthesised decoder, but a cell that is not a whole number is reported
    /// with its name (Foundation's decoder reports a fractional Int without a path).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var cells: [String: Int] = [:]
        for (name, value) in try container.decode([String: JSONValue].self, forKey: .cells) {
            guard case .integer(let count) = value else {
                throw DecodingError.typeMismatch(
                    Int.self,
                    .init(
                        codingPath: container.codingPath + [CodingKeys.cells, CellKey(name)],
                        debugDescription: "a count must be a whole number, got \(value)"))
            }
            cells[name] = count
        }
        self.cells = cells
        sums = try container.decodeIfPresent([Sum].self, forKey: .sums)
        minCount = try container.decodeIfPresent(Int.self, forKey: .minCount)
        minGroup = try container.decodeIfPresent(Int.self, forKey: .minGroup)
        zeros = try container.decodeIfPresent(String.self, forKey: .zeros)
        protection = try container.decodeIfPresent(String.self, forKey: .protection)
        attacker = try container.decodeIfPresent(String.self, forKey: .attacker)
        primary = try container.decodeIfPresent([String].self, forKey: .primary)
    }

    private struct CellKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The validated table.
    func table() throws(DisclosureError) -> Table {
        try Table(cells: cells, sums: (sums ?? []).map { ($0.total, $0.of) })
    }

    /// The policy with this request's overrides of `base`, validated.
    func policy(base: Policy = .default) throws(DisclosureError) -> Policy {
        var policy = base
        if let minCount { policy.minCount = minCount }
        if let minGroup { policy.minGroup = minGroup }
        policy.zeros = try parseChoice(zeros, default: base.zeros, field: "zeros")
        policy.protection = try parseChoice(protection, default: base.protection, field: "protection")
        policy.attacker = try parseChoice(attacker, default: base.attacker, field: "attacker")
        try policy.validate()
        return policy
    }
}
