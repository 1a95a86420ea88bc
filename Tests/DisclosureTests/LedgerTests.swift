import Disclosure
import Foundation
import Testing

/// The release ledger refuses differencing attacks, allows disjoint large groups, and decides
/// on student sets alone.
@Suite struct LedgerTests {
    typealias Ledger = ReleaseLedger<Int>

    func release(_ students: some Sequence<Int>, metric: String = "chronic_absence", period: String = "2024-Q1")
        -> Ledger.Release
    {
        Ledger.Release(students: Set(students), metric: metric, period: period)
    }

    @Test func refusesEveryConstructedDifferencingAttack() {
        var rng = SplitMix64(seed: 99)
        for trial in 0..<500 {
            let size = Int.random(in: 11...60, using: &rng)
            let base = Array(0..<size)
            let change = Int.random(in: 1...9, using: &rng)
            let candidate: [Int]
            switch trial % 3 {
            case 0: candidate = base + (1000..<(1000 + change))  // students added
            case 1: candidate = Array(base.dropLast(min(change, size - 11)))  // students dropped
            default: candidate = Array(base.dropFirst(change / 2 + 1)) + (1000..<(1000 + change / 2 + 1))  // swapped
            }
            if Set(candidate) == Set(base) { continue }
            let decision = Ledger(releases: [release(base)]).check(release(candidate))
            #expect(!decision.isAllowed, "trial \(trial): \(decision.reason)")
        }
    }

    @Test func refusesAThreeReleaseDifference() {
        // S(A∪B) + S(B∪C) − S(A∪B∪C) = S(B), a group of 4 students.
        let a = Array(0..<20)
        let b = Array(100..<104)
        let c = Array(200..<220)
        let ledger = Ledger(releases: [release(a + b), release(b + c)])
        let decision = ledger.check(release(a + b + c))
        #expect(!decision.isAllowed)
        #expect(decision.reason.contains("4 student"))
    }

    @Test func allowsDisjointLargeGroups() {
        var rng = SplitMix64(seed: 5)
        for trial in 0..<200 {
            var next = 0
            var releases: [Ledger.Release] = []
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let size = Int.random(in: 11...40, using: &rng)
                releases.append(release(next..<(next + size)))
                next += size
            }
            let candidate = release(next..<(next + Int.random(in: 11...40, using: &rng)))
            #expect(Ledger(releases: releases).check(candidate).isAllowed, "trial \(trial)")
        }
    }

    @Test func refusesSmallGroupsAndAllowsOtherMetricsAndRepeats() {
        #expect(!Ledger(releases: []).check(release(0..<10)).isAllowed)
        let earlier = [release(0..<30)]
        #expect(Ledger(releases: earlier).check(release(0..<31, metric: "benchmark")).isAllowed)
        #expect(Ledger(releases: earlier).check(release(0..<31, period: "2024-Q2")).isAllowed)
        #expect(Ledger(releases: earlier).check(release(0..<30)).isAllowed)
        #expect(Ledger(releases: earlier).check(release(0..<45)).isAllowed)
    }

    @Test func decisionIgnoresReleasedValues() throws {
        func decide(_ value: Int) throws -> Data {
            let json = """
                {"min_count": 10, "releases": [{"students": [\((0..<20).map(String.init).joined(separator: ","))],
                "metric": "m", "period": "p", "value": \(value)}],
                "candidate": {"students": [\((0..<21).map(String.init).joined(separator: ","))], "metric": "m", "period": "p"}}
                """
            return try PrivacyCommand.ledger(Data(json.utf8))
        }
        let refused = try decide(3)
        #expect(try decide(17) == refused)
        let response = try JSONDecoder().decode(LedgerResponse.self, from: refused)
        #expect(response.allowed == false)
        #expect(String(decoding: refused, as: UTF8.self).hasPrefix("{\"allowed\":false,\"reason\":"))
    }
}
