import Foundation
import Testing

@testable import Disclosure

/// `min_count` is as small as a withheld count's range allows: [0, 1] still holds two values when zeros are
/// suppressed; [1, 1] does not.
@Suite struct PolicyThresholdTests {
    @Test func minCountTwoIsAllowedOnlyWhenZerosAreSuppressed() throws {
        try Policy(minCount: 2, zeros: .suppress).validate()
        try Policy(minCount: 3).validate()
        let published = #expect(throws: DisclosureError.self) { try Policy(minCount: 2).validate() }
        #expect(published?.field == "min_count")
        #expect(published?.message.contains("must be at least 3") == true)
        #expect(published?.message.contains("suppress zeros to allow 2") == true)
        let suppressed = #expect(throws: DisclosureError.self) {
            try Policy(minCount: 1, zeros: .suppress).validate()
        }
        #expect(suppressed?.message.contains("must be at least 2") == true)
    }

    @Test func aMinCountOfTwoWithSuppressedZerosProtectsTheCountOfOne() throws {
        let json = #"""
            {"cells": {"a": 1, "b": 20, "c": 25, "t": 46}, "sums": [{"total": "t", "of": ["a", "b", "c"]}],
             "min_count": 2, "zeros": "suppress"}
            """#
        let response = try JSONDecoder().decode(
            SuppressResponse.self, from: try PrivacyCommand.suppress(Data(json.utf8)))
        #expect(response.reasons["a"] == "count<10")
        #expect(response.published["b"] == .some(20) || response.published["c"] == .some(25))
        // Something else is hidden with it, and the attacker's interval for `a` keeps both 0 and 1.
        #expect(response.suppressed.count >= 2)
        let interval = try #require(response.intervals["a"])
        #expect(interval[0] == 0)
        #expect((interval[1] ?? 99) >= 1)
    }
}
