import Testing

@testable import Outcomes

@Suite struct OutcomesPlaceholderTests {
    @Test func targetBuilds() { #expect(Bool(true)) }
}
