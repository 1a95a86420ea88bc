import Disclosure
import Foundation
import Testing

/// Bad input gives a specific error naming the field (the CLI exits 2 with it).
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var command: String
        var json: String
        var code: DisclosureError.Code
        var field: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "unknown name in sums", command: "suppress",
            json: #"{"cells": {"a": 12, "b": 20, "t": 32}, "sums": [{"total": "t", "of": ["a", "c"]}]}"#,
            code: .unknownCell, field: "sums[0].of[1]"),
        Case(
            name: "unknown total", command: "suppress",
            json: #"{"cells": {"a": 12}, "sums": [{"total": "x", "of": ["a"]}]}"#,
            code: .unknownCell, field: "sums[0].total"),
        Case(
            name: "negative count", command: "suppress",
            json: #"{"cells": {"a": -1, "b": 20}}"#, code: .negativeCount, field: "cells.a"),
        Case(
            name: "inconsistent total", command: "audit",
            json: #"{"cells": {"a": 12, "b": 20, "t": 33}, "sums": [{"total": "t", "of": ["a", "b"]}], "hidden": []}"#,
            code: .inconsistentTotal, field: "sums[0]"),
        Case(
            name: "k below 2", command: "deidentify",
            json: #"{"k": 1, "quasi_identifiers": [], "outcomes": [], "rows": []}"#,
            code: .thresholdTooSmall, field: "k"),
        Case(
            name: "min_count too small", command: "suppress",
            json: #"{"cells": {"a": 1}, "min_count": 2}"#, code: .thresholdTooSmall, field: "min_count"),
        Case(
            name: "unknown attacker", command: "suppress",
            json: #"{"cells": {"a": 1}, "attacker": "medium"}"#, code: .invalidValue, field: "attacker"),
        Case(
            name: "fractional count", command: "suppress",
            json: #"{"cells": {"a": 1.5}}"#, code: .malformedJSON, field: "cells.a"),
        Case(name: "not JSON", command: "ledger", json: "{", code: .malformedJSON, field: ""),
        Case(
            name: "missing candidate", command: "ledger", json: #"{"releases": []}"#,
            code: .missingField, field: "candidate"),
        Case(
            name: "primary not hidden", command: "audit",
            json: #"{"cells": {"a": 3, "b": 20}, "hidden": ["b"], "primary": ["a"]}"#,
            code: .invalidValue, field: "primary[0]"),
        Case(
            name: "hidden cell unknown", command: "audit",
            json: #"{"cells": {"a": 3}, "hidden": ["a", "z"]}"#, code: .unknownCell, field: "hidden[1]"),
        Case(
            name: "row without a quasi-identifier", command: "deidentify",
            json: #"{"k": 2, "quasi_identifiers": ["school"], "outcomes": [], "rows": [{"school": "A"}, {}]}"#,
            code: .missingField, field: "rows[1].school"),
    ]

    @Test(arguments: cases) func rejects(_ example: Case) throws {
        let data = Data(example.json.utf8)
        var rng = SplitMix64(seed: 1)
        let error = #expect(throws: DisclosureError.self) {
            switch example.command {
            case "suppress": _ = try PrivacyCommand.suppress(data)
            case "audit": _ = try PrivacyCommand.audit(data)
            case "deidentify": _ = try PrivacyCommand.deidentify(data, using: &rng)
            default: _ = try PrivacyCommand.ledger(data)
            }
        }
        #expect(error?.code == example.code, "\(String(describing: error))")
        #expect(error?.field == example.field, "\(String(describing: error))")
        if !example.field.isEmpty {
            #expect(error.map { "\($0)".contains(example.field) } == true)
        }
    }
}
