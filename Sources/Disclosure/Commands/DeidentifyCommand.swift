/// Input of `rostermail privacy deidentify`.
public struct DeidentifyRequest: Codable, Hashable, Sendable {
    public var k: Int?
    public var l: Int?
    public var quasiIdentifiers: [String]
    public var outcomes: [String]
    public var rows: [[String: JSONValue]]

    enum CodingKeys: String, CodingKey {
        case k, l, outcomes, rows
        case quasiIdentifiers = "quasi_identifiers"
    }

    public init(
        k: Int? = nil, l: Int? = nil, quasiIdentifiers: [String], outcomes: [String], rows: [[String: JSONValue]]
    ) {
        self.k = k
        self.l = l
        self.quasiIdentifiers = quasiIdentifiers
        self.outcomes = outcomes
        self.rows = rows
    }
}

/// Output of `rostermail privacy deidentify`: `{"rows": [{"label": "Student 1", …}], "redacted_cells": N}`.
public struct DeidentifyResponse: Codable, Hashable, Sendable {
    public var rows: [[String: JSONValue]]
    public var redactedCells: Int

    enum CodingKeys: String, CodingKey {
        case rows
        case redactedCells = "redacted_cells"
    }

    public init(
        request: DeidentifyRequest, base: Policy = .default, using rng: inout some RandomNumberGenerator
    ) throws(DisclosureError) {
        var policy = base
        if let k = request.k { policy.k = k }
        if let l = request.l { policy.l = l }
        let deidentifier = try Deidentifier(
            policy: policy, quasiIdentifiers: request.quasiIdentifiers, outcomes: request.outcomes)
        let output = try deidentifier.run(request.rows, using: &rng)
        rows = output.rows
        redactedCells = output.redactedCells
    }
}
