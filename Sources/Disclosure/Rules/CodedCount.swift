/// A count x of students with a property, out of a group of n, as it may be released.
///
/// `x` is released only when x ≥ minCount and n − x ≥ minCount; otherwise it is coded as a range
/// (`<10` or `>n-10`); 0 and n always fall in a coded range. Groups below `minGroup` get nothing.
public enum CodedCount: Hashable, Sendable, CustomStringConvertible {
    /// The group is too small: not eligible without a signed release.
    case notEligible(reason: SuppressionReason)
    /// Released as is.
    case exact(Int)
    /// x < bound (x may be 0): shown as `<bound`.
    case below(Int, reason: SuppressionReason)
    /// x > bound, i.e. n − x < minCount (x may be n): shown as `>bound`.
    case above(Int, reason: SuppressionReason)

    /// Codes `count` out of `group` under `policy`. Throws on negative numbers or count > group.
    public init(count: Int, of group: Int, policy: Policy = .default) throws(DisclosureError) {
        try policy.validate()
        guard group >= 0 else { throw DisclosureError(.negativeCount, field: "n", "group size is \(group)") }
        guard count >= 0 else { throw DisclosureError(.negativeCount, field: "count", "count is \(count)") }
        guard count <= group else {
            throw DisclosureError(.inconsistentTotal, field: "count", "count \(count) exceeds group size \(group)")
        }
        if group < policy.minGroup {
            self = .notEligible(reason: .smallGroup)
        } else if count < policy.minCount {
            self = .below(policy.minCount, reason: .smallCount)
        } else if group - count < policy.minCount {
            self = .above(group - policy.minCount, reason: .smallComplement)
        } else {
            self = .exact(count)
        }
    }

    /// The exact count, when it may be released.
    public var released: Int? {
        if case .exact(let value) = self { return value }
        return nil
    }

    /// Why it is withheld, or nil when released.
    public var reason: SuppressionReason? {
        switch self {
        case .exact: nil
        case .notEligible(let reason), .below(_, let reason), .above(_, let reason): reason
        }
    }

    /// The text shown in a report: `12`, `<10`, `>15`, or `n/a` for an ineligible group.
    public var description: String {
        switch self {
        case .exact(let value): "\(value)"
        case .below(let bound, _): "<\(bound)"
        case .above(let bound, _): ">\(bound)"
        case .notEligible: "n/a"
        }
    }

    /// A percentage is released only when the count itself is: with n known, any percentage
    /// (rounded or not) of a withheld count would narrow or recover it. Rounded to whole percent.
    public func percentage(of group: Int) -> Int? {
        guard let value = released, group > 0 else { return nil }
        return (value * 200 + group) / (group * 2)
    }
}
