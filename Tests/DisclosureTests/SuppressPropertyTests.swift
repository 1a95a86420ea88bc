import Disclosure
import Foundation
import Testing

/// Properties checked by an independent audit (scipy's linprog/milp in scripts/disclosure_check.py),
/// all in one batch so the checker starts once:
/// - after `suppress` on random tables, no primary cell breaks the protection, published values
///   are the true ones and the intervals equal ours;
/// - `audit` on random hidden sets gives the same intervals, exact cells and verdict;
/// - planted bad results are caught (the checker itself can fail).
@Suite struct SuppressPropertyTests {
    static let tableCount = 1200
    static let auditCount = 300

    @Test func randomTablesPassTheIndependentAudit() throws {
        var rng = SplitMix64(seed: 20_240_904)
        var cases: [[String: Any]] = []
        var unprotectable = 0
        for index in 0..<Self.tableCount {
            var request = RandomTables.request(&rng)
            if Int.random(in: 0..<8, using: &rng) == 0 {
                let names = request.cells.keys.sorted()
                request.primary = [names[Int.random(in: 0..<names.count, using: &rng)]]
            }
            let input = try JSONEncoder().encode(request)
            do {
                let output = try PrivacyCommand.suppress(input)
                cases.append(try Self.entry("suppress-\(index)", "suppress", input, output))
            } catch let error as DisclosureError {
                #expect(error.code == .unprotectable, "table \(index): \(error)")
                unprotectable += 1
            }
        }
        for index in 0..<Self.auditCount {
            let table = RandomTables.request(&rng)
            let hidden = table.cells.keys.sorted().filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }
            var request = AuditRequest(table: table, hidden: hidden)
            request.table.primary = hidden.filter { _ in Bool.random(using: &rng) }
            let input = try JSONEncoder().encode(request)
            cases.append(try Self.entry("audit-\(index)", "audit", input, try PrivacyCommand.audit(input)))
        }
        cases += try Self.plantedMistakes()
        let report = try IndependentChecker.check(cases)
        #expect(report.cases == cases.count)
        let unexpected = report.failures.filter { !$0.id.hasPrefix("planted-") }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(10).map { "\($0.id): \($0.message)" })")
        let caught = Set(report.failures.map(\.id).filter { $0.hasPrefix("planted-") })
        #expect(caught == ["planted-exact-primary", "planted-wrong-value", "planted-wrong-interval"])
        #expect(unprotectable < Self.tableCount / 20, "\(unprotectable) tables could not be protected")
    }

    static func entry(_ id: String, _ kind: String, _ input: Data, _ output: Data) throws -> [String: Any] {
        [
            "id": id, "kind": kind, "request": try JSONSerialization.jsonObject(with: input),
            "response": try JSONSerialization.jsonObject(with: output),
        ]
    }

    /// Results a broken suppressor could produce; the checker must flag each.
    static func plantedMistakes() throws -> [[String: Any]] {
        var builder = TableBuilder()
        builder.addList("l", [3, 15, 22])
        let request = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(builder.request))
        let good: [String: Any] = [
            "published": ["l.0": NSNull(), "l.1": NSNull(), "l.2": 22, "l.T": 40],
            "suppressed": ["l.0": "primary", "l.1": "complementary"],
            "intervals": ["l.0": [1, 9], "l.1": [9, 17]],
        ]
        var exact = good
        exact["published"] = ["l.0": NSNull(), "l.1": 15, "l.2": 22, "l.T": 40]
        exact["suppressed"] = ["l.0": "primary"]
        exact["intervals"] = ["l.0": [3, 3]]
        var wrongValue = good
        wrongValue["published"] = ["l.0": NSNull(), "l.1": NSNull(), "l.2": 23, "l.T": 40]
        var wrongInterval = good
        wrongInterval["intervals"] = ["l.0": [1, 9], "l.1": [8, 17]]
        return [
            ["id": "good-list", "kind": "suppress", "request": request, "response": good],
            ["id": "planted-exact-primary", "kind": "suppress", "request": request, "response": exact],
            ["id": "planted-wrong-value", "kind": "suppress", "request": request, "response": wrongValue],
            ["id": "planted-wrong-interval", "kind": "suppress", "request": request, "response": wrongInterval],
        ]
    }
}
