/// Why a value is withheld. The raw values are the words used in JSON output and in the docs.
public enum SuppressionReason: String, Hashable, Sendable, Codable, CaseIterable {
    /// The group (denominator) has fewer than `minGroup` students: not eligible without a release.
    case smallGroup = "group<11"
    /// The count is below `minCount` (or zero when zeros are suppressed).
    case smallCount = "count<10"
    /// The count's complement n − x in some total is below `minCount`.
    case smallComplement = "complement<10"
    /// The data owner named the cell as primary.
    case requested = "requested"
    /// Hidden only so that a primary cell cannot be recovered by arithmetic.
    case complementary = "complementary"

    /// Whether the reason makes the cell a primary (as opposed to complementary) suppression.
    public var isPrimary: Bool { self != .complementary }
}
