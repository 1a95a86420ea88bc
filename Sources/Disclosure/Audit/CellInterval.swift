/// The values an attacker can prove a hidden cell lies between.
public struct CellInterval: Hashable, Sendable, CustomStringConvertible {
    public let lower: Int
    /// nil when the cell is unbounded above.
    public let upper: Int?

    public init(lower: Int, upper: Int?) {
        self.lower = lower
        self.upper = upper
    }

    /// Exactly determined: the attacker knows the value.
    public var isExact: Bool { upper == lower }

    public var description: String { "[\(lower), \(upper.map(String.init) ?? "∞")]" }
}
