import Disclosure
import Foundation
import Testing

/// One named test per rule of item 1 of the issue.
@Suite struct RulesTests {
    @Test func groupBelowElevenIsNotEligible() throws {
        #expect(try CodedCount(count: 5, of: 10) == .notEligible(reason: .smallGroup))
        #expect(try CodedCount(count: 5, of: 10).description == "n/a")
        #expect(try CodedCount(count: 10, of: 11).reason != .smallGroup)
        // In a table, a total below 11 hides itself and every part of it.
        var builder = TableBuilder()
        builder.addList("school", [10, 0])
        let response = try SuppressResponse(request: builder.request)
        #expect(response.reasons == ["school.0": "group<11", "school.1": "group<11", "school.T": "group<11"])
    }

    @Test func countBelowTenIsCoded() throws {
        #expect(try CodedCount(count: 9, of: 40).description == "<10")
        #expect(try CodedCount(count: 10, of: 40) == .exact(10))
        #expect(try CodedCount(count: 9, of: 40).reason == .smallCount)
    }

    @Test func complementBelowTenIsCoded() throws {
        // 31 of 40 failing gives 9 not failing: coded as ">30".
        #expect(try CodedCount(count: 31, of: 40).description == ">30")
        #expect(try CodedCount(count: 31, of: 40).reason == .smallComplement)
        #expect(try CodedCount(count: 30, of: 40) == .exact(30))
    }

    @Test func zeroAndNAreAlwaysCoded() throws {
        #expect(try CodedCount(count: 0, of: 25).description == "<10")
        #expect(try CodedCount(count: 25, of: 25).description == ">15")
    }

    @Test func percentageNeverRecoversASuppressedCount() throws {
        // With n known, 12% of 25 is 3: a percentage of a coded count is never given.
        #expect(try CodedCount(count: 3, of: 25).percentage(of: 25) == nil)
        #expect(try CodedCount(count: 22, of: 25).percentage(of: 25) == nil)
        #expect(try CodedCount(count: 12, of: 25).percentage(of: 25) == 48)
        // "Not failing" by subtraction: failing 3 of 30 hides the 27 too, although 27 ≥ 10.
        var builder = TableBuilder()
        builder.addList("math", [3, 27])
        let response = try SuppressResponse(request: builder.request)
        #expect(response.published["math.0"] == .some(nil))
        #expect(response.published["math.1"] == .some(nil))
        #expect(response.reasons["math.1"] == "complement<10")
        #expect(response.published["math.T"] == .some(30))
        #expect(response.intervals["math.0"] == [1, 9])
    }

    @Test func everyCellIsPresentWithOneSymbolForSuppressed() throws {
        var builder = TableBuilder()
        builder.addGrid("t", [[4, 20, 30], [15, 12, 40], [25, 35, 18]])
        let output = try PrivacyCommand.suppress(try JSONEncoder().encode(builder.request))
        let object = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let published = try #require(object["published"] as? [String: Any])
        #expect(Set(published.keys) == Set(builder.cells.keys))
        let hidden = published.filter { $0.value is NSNull }.keys
        #expect(!hidden.isEmpty)
        #expect(published.values.allSatisfy { $0 is NSNull || $0 is NSNumber })
    }

    @Test func everySuppressionCarriesItsReason() throws {
        var builder = TableBuilder()
        builder.addGrid("t", [[4, 20, 30], [15, 12, 40], [25, 35, 18]])
        builder.addList("small", [6, 4])
        let response = try SuppressResponse(request: builder.request)
        let hidden = Set(response.published.filter { $0.value == nil }.keys)
        #expect(Set(response.reasons.keys) == hidden)
        #expect(Set(response.suppressed.keys) == hidden)
        let allowed = Set(SuppressionReason.allCases.map(\.rawValue))
        #expect(response.reasons.values.allSatisfy { allowed.contains($0) })
        #expect(response.reasons["t.r0.c0"] == "count<10")
        #expect(response.reasons["small.T"] == "group<11")
        #expect(response.reasons.values.contains("complementary"))
    }

    @Test func yearOverYearCountsOnlyStudentsInBothYears() throws {
        var before: [Int: Double] = [:]
        var after: [Int: Double] = [:]
        for student in 0..<30 { before[student] = 50 }
        for student in 5..<40 { after[student] = student < 20 ? 60 : 40 }
        let change = try YearOverYear(before: before, after: after)
        #expect(change.cohort == 25)  // students 5…29
        #expect(change.improved == .exact(15))  // students 5…19
        let tiny = try YearOverYear(before: [1: 1, 2: 1], after: [1: 2, 2: 2, 3: 2])
        #expect(tiny.improved == .notEligible(reason: .smallGroup))
    }

    @Test func zerosMayBeSuppressedLikeSmallCounts() throws {
        var builder = TableBuilder()
        builder.addList("l", [0, 20, 30])
        var request = builder.request
        #expect(try SuppressResponse(request: request).reasons["l.0"] == nil)
        request.zeros = "suppress"
        let response = try SuppressResponse(request: request)
        #expect(response.reasons["l.0"] == "count<10")
        #expect(response.intervals["l.0"]?.first == 0)
    }
}
