/// An error from the disclosure rules: what went wrong (`code`), where in the request (`field`,
/// a JSON path such as `sums[2].of[1]` or `cells.reading_fail`) and what to do (`message`).
///
/// The code is a struct around a private enum, so new codes can be added without breaking callers.
public struct DisclosureError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformedJSON = "malformed_json"
            case missingField = "missing_field"
            case invalidValue = "invalid_value"
            case unknownCell = "unknown_cell"
            case negativeCount = "negative_count"
            case inconsistentTotal = "inconsistent_total"
            case duplicateName = "duplicate_name"
            case thresholdTooSmall = "threshold_too_small"
            case tooFewRows = "too_few_rows"
            case unprotectable = "unprotectable"
            case solverFailure = "solver_failure"
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The input is not JSON, or a value has the wrong JSON type.
        public static let malformedJSON = Code(.malformedJSON)
        /// A required field is absent.
        public static let missingField = Code(.missingField)
        /// A field has a value outside its allowed set (e.g. `"attacker": "medium"`).
        public static let invalidValue = Code(.invalidValue)
        /// A name in `sums`, `hidden` or `primary` is not a cell of the table.
        public static let unknownCell = Code(.unknownCell)
        /// A count is below zero.
        public static let negativeCount = Code(.negativeCount)
        /// A total is not the sum of its parts.
        public static let inconsistentTotal = Code(.inconsistentTotal)
        /// A name appears twice where it must be unique.
        public static let duplicateName = Code(.duplicateName)
        /// A threshold (k, l, min_count, min_group) is below its minimum.
        public static let thresholdTooSmall = Code(.thresholdTooSmall)
        /// Fewer rows than k: no release is possible.
        public static let tooFewRows = Code(.tooFewRows)
        /// A primary cell cannot be protected even when every other cell is hidden.
        public static let unprotectable = Code(.unprotectable)
        /// The LP/MIP solver failed (should not happen on valid input).
        public static let solverFailure = Code(.solverFailure)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// JSON path of the offending field, e.g. `sums[2].of[1]`; empty when the whole input is at fault.
    public let field: String
    public let message: String

    public init(_ code: Code, field: String, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(code): \(message)" : "\(code) at \(field): \(message)"
    }
}
