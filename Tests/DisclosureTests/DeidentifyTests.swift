import Disclosure
import Foundation
import Testing

/// k-anonymity, ℓ-diversity and minimal redaction of de-identified rows.
@Suite struct DeidentifyTests {
    static let quasi = ["school", "gender", "grade", "race"]
    static let outcomes = ["attendance", "benchmark"]

    static func rows(_ count: Int, _ rng: inout SplitMix64) -> [[String: JSONValue]] {
        let schools = Int.random(in: 1...5, using: &rng)
        let races = Int.random(in: 1...6, using: &rng)
        return (0..<count).map { index in
            [
                "id": .integer(index),
                "school": .string("S\(Int.random(in: 0..<schools, using: &rng))"),
                "gender": .string(["F", "M", "X"][Int.random(in: 0..<(index % 9 == 0 ? 3 : 2), using: &rng)]),
                "grade": .integer(Int.random(in: 3...5, using: &rng)),
                "race": .string("R\(Int.random(in: 0..<races, using: &rng))"),
                "attendance": .string(Int.random(in: 0..<5, using: &rng) == 0 ? "chronic" : "ok"),
                "benchmark": .bool(Int.random(in: 0..<10, using: &rng) < 7),
            ]
        }
    }

    /// Released groups: rows with equal quasi-identifier values (including `*`).
    static func groups(_ rows: [[String: JSONValue]]) -> [[JSONValue?]: [[String: JSONValue]]] {
        Dictionary(grouping: rows) { row in quasi.map { row[$0] } }
    }

    /// Cells the best whole-column redaction needs, computed independently of the library.
    static func bestWholeColumnCost(_ rows: [[String: JSONValue]], k: Int, l: Int) -> Int {
        var best = Int.max
        for mask in 0..<(1 << quasi.count) {
            let kept = quasi.indices.filter { mask & (1 << $0) == 0 }.map { quasi[$0] }
            let groups = Dictionary(grouping: rows) { row in kept.map { row[$0] } }
            guard groups.values.allSatisfy({ $0.count >= k }) else { continue }
            var cost = mask.nonzeroBitCount * rows.count
            for group in groups.values {
                for field in outcomes where Set(group.map { $0[field] }).count < l { cost += group.count }
            }
            best = min(best, cost)
        }
        return best
    }

    @Test func kAndLHoldOnRandomInputs() throws {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<150 {
            let k = [2, 3, 5, 11][trial % 4]
            let l = trial % 3 == 0 ? 1 : 2
            let input = Self.rows(Int.random(in: k...(k * 12), using: &rng), &rng)
            let output = try Deidentifier(
                policy: Policy(k: k, l: l), quasiIdentifiers: Self.quasi, outcomes: Self.outcomes
            ).run(input, using: &rng)
            #expect(output.rows.count == input.count)
            for group in Self.groups(output.rows).values {
                #expect(group.count >= k, "trial \(trial): a group of \(group.count) < k = \(k)")
                for field in Self.outcomes {
                    let values = Set(group.map { $0[field] })
                    #expect(values == [.redacted] || values.count >= l, "trial \(trial): \(field) has \(values)")
                }
            }
            #expect(output.redactedCells <= Self.bestWholeColumnCost(input, k: k, l: l), "trial \(trial)")
            let stars = output.rows.reduce(0) { total, row in total + row.values.filter { $0 == .redacted }.count }
            #expect(stars == output.redactedCells, "trial \(trial)")
        }
    }

    @Test func rowsAreLabelledInAFreshRandomOrderWithoutOtherFields() throws {
        var rng = SplitMix64(seed: 11)
        let input = Self.rows(60, &rng)
        let deidentifier = try Deidentifier(quasiIdentifiers: Self.quasi, outcomes: Self.outcomes)
        var first = SplitMix64(seed: 1)
        var second = SplitMix64(seed: 2)
        let a = try deidentifier.run(input, using: &first)
        let b = try deidentifier.run(input, using: &second)
        #expect(a.rows.map { $0["label"] } == (1...60).map { .string("Student \($0)") })
        #expect(a.rows.allSatisfy { Set($0.keys) == Set(["label"] + Self.quasi + Self.outcomes) })
        // Same rows (as a multiset), different order.
        let strip = { (rows: [[String: JSONValue]]) in
            rows.map { row in
                row.filter { $0.key != "label" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            }
        }
        #expect(strip(a.rows) != strip(b.rows))
        #expect(
            strip(a.rows).sorted { $0.lexicographicallyPrecedes($1) }
                == strip(b.rows).sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func fiveHundredRowsThroughJSON() throws {
        var rng = SplitMix64(seed: 3)
        let request = DeidentifyRequest(
            k: 11, l: 2, quasiIdentifiers: Self.quasi, outcomes: Self.outcomes, rows: Self.rows(500, &rng))
        let output = try PrivacyCommand.deidentify(try JSONEncoder().encode(request), using: &rng)
        let response = try JSONDecoder().decode(DeidentifyResponse.self, from: output)
        #expect(response.rows.count == 500)
        #expect(Self.groups(response.rows).values.allSatisfy { $0.count >= 11 })
        #expect(String(decoding: output, as: UTF8.self).contains("\"redacted_cells\""))
    }

    @Test func tooFewRowsReleaseNothing() throws {
        var rng = SplitMix64(seed: 5)
        let deidentifier = try Deidentifier(quasiIdentifiers: Self.quasi, outcomes: Self.outcomes)
        #expect(throws: DisclosureError.self) { try deidentifier.run(Self.rows(10, &rng), using: &rng) }
    }
}
