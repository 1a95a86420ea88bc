/// Every threshold of the disclosure rules, with the district defaults.
///
/// See `docs/privacy-rules.md` for why each default is what it is.
public struct Policy: Hashable, Sendable {
    /// What the attacker is assumed to know about complementary (secondary) suppressed cells.
    public enum Attacker: String, Hashable, Sendable, Codable {
        /// Complementary cells are only known to be ≥ 0.
        case weak
        /// Complementary cells are known to be ≥ `minCount` (they were not small).
        case strong
    }

    /// How much uncertainty every primary cell must keep.
    public enum Protection: String, Hashable, Sendable, Codable {
        /// No primary cell is exactly determined (its interval has two or more integers).
        case exact
        /// Every small-count primary's interval covers the whole range [1, minCount − 1]
        /// ([0, minCount − 1] when zeros are suppressed); other primaries are not exact.
        case full
    }

    /// Whether a zero count is published or suppressed like a small count.
    public enum Zeros: String, Hashable, Sendable, Codable {
        case publish
        case suppress
    }

    /// Smallest group (denominator) about which anything is released. Default 11 ("more than 10").
    public var minGroup: Int
    /// Smallest count released exactly; also the smallest complement n − x. Default 10.
    public var minCount: Int
    /// k of k-anonymity for de-identified rows. Default 11, like the group rule.
    public var k: Int
    /// ℓ of ℓ-diversity: distinct values of each outcome within a released group. Default 2.
    public var l: Int
    public var zeros: Zeros
    public var protection: Protection
    public var attacker: Attacker

    /// The district defaults: groups of 11, counts of 10, k = 11, ℓ = 2, zeros published,
    /// exact protection against the weak attacker.
    public static let `default` = Policy()

    public init(
        minGroup: Int = 11,
        minCount: Int = 10,
        k: Int = 11,
        l: Int = 2,
        zeros: Zeros = .publish,
        protection: Protection = .exact,
        attacker: Attacker = .weak
    ) {
        self.minGroup = minGroup
        self.minCount = minCount
        self.k = k
        self.l = l
        self.zeros = zeros
        self.protection = protection
        self.attacker = attacker
    }

    /// Checks every threshold; throws naming the first one out of range.
    public func validate() throws(DisclosureError) {
        // A withheld count lies in [smallest, minCount − 1]; it must hold two values or it is known exactly.
        if minCount < smallestSuppressedCount + 2 {
            let why =
                zeros == .suppress
                ? "a withheld count lies in [0, min_count − 1], which needs min_count ≥ 2 to hold two values"
                : "with zeros published a withheld count lies in [1, min_count − 1]; with 2 it would be known to "
                    + "be 1 (suppress zeros to allow 2)"
            throw DisclosureError(
                .thresholdTooSmall, field: "min_count",
                "must be at least \(smallestSuppressedCount + 2): \(why); got \(minCount)")
        }
        if minGroup < 2 {
            throw DisclosureError(.thresholdTooSmall, field: "min_group", "must be at least 2, got \(minGroup)")
        }
        if k < 2 {
            throw DisclosureError(.thresholdTooSmall, field: "k", "must be at least 2, got \(k)")
        }
        if l < 1 {
            throw DisclosureError(.thresholdTooSmall, field: "l", "must be at least 1, got \(l)")
        }
    }

    /// Smallest value a threshold-primary count can have: 0 when zeros are suppressed, else 1.
    var smallestSuppressedCount: Int { zeros == .suppress ? 0 : 1 }
}
