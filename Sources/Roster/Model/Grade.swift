/// A grade level as a CEDS entry-grade code (`KG`, `01` … `12`), the form OneRoster uses.
public struct Grade: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The CEDS code, e.g. `KG`, `04`.
    public let code: String

    /// All codes OneRoster 1.1/1.2 allow, in school order.
    public static let cedsCodes: [String] = [
        "IT", "PR", "PK", "TK", "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12",
        "13", "PS", "UG", "Other",
    ]

    private static let order: [String: Int] = Dictionary(
        uniqueKeysWithValues: cedsCodes.enumerated().map { ($1, $0) })

    /// Accepts a CEDS code exactly as OneRoster writes it; `nil` for anything else.
    public init?(ceds: String) {
        guard Self.order[ceds] != nil else { return nil }
        self.code = ceds
    }

    /// Short label for people: `K`, `4`, `PK`.
    public var label: String {
        switch code {
        case "KG": return "K"
        case "01", "02", "03", "04", "05", "06", "07", "08", "09":
            return String(code.dropFirst())
        default: return code
        }
    }

    public var description: String { code }

    public static func < (lhs: Grade, rhs: Grade) -> Bool {
        (order[lhs.code] ?? 0) < (order[rhs.code] ?? 0)
    }
}
