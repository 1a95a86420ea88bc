/// Year-over-year improvement: only students present in both years count, so a student who
/// joined or left cannot be inferred from the change in a group's total.
public struct YearOverYear: Hashable, Sendable {
    /// Students present in both years (the denominator).
    public let cohort: Int
    /// Of those, students whose value improved (strictly greater this year).
    public let improved: CodedCount

    /// Compares per-student values (higher is better) between two years.
    public init<ID: Hashable>(
        before: [ID: Double],
        after: [ID: Double],
        policy: Policy = .default
    ) throws(DisclosureError) {
        var cohort = 0
        var improved = 0
        for (student, now) in after {
            guard let then = before[student] else { continue }
            cohort += 1
            if now > then { improved += 1 }
        }
        self.cohort = cohort
        self.improved = try CodedCount(count: improved, of: cohort, policy: policy)
    }
}
