import Disclosure

/// `deidentified.csv`: one row per student, labelled `Student 1…N` in a fresh random order, with school,
/// gender, grade and race/ethnicity redacted (`*`) until every combination is shared by k students, and an
/// outcome redacted in a group where it would not take ℓ different values (the `Deidentifier` of the
/// Disclosure engine).
public struct DeidentifiedRows: Sendable {
    public static let quasiIdentifiers = ["school", "gender", "grade", "race_ethnicity"]
    public let policy: Policy
    public let columns: [MeasureColumn]
    /// Columns shown as `*` in every row (the release ledger refused them).
    public let withheld: Set<String>

    public init(policy: Policy, columns: [MeasureColumn], withheld: Set<String> = []) {
        self.policy = policy
        self.columns = columns
        self.withheld = withheld
    }

    public struct Output: Sendable {
        /// The CSV, sorted by label; nil when the roster has fewer than k students.
        public var csv: CSVText?
        public var rows: Int
        public var redactedCells: Int
    }

    /// `Y`, `N`, or empty where the student has no data for the measure.
    static func mark(_ value: Bool?) -> String { value.map { $0 ? "Y" : "N" } ?? "" }

    public func run(
        _ students: [StudentRecord], using rng: inout some RandomNumberGenerator
    ) throws(DisclosureError) -> Output {
        guard students.count >= policy.k else { return Output(csv: nil, rows: 0, redactedCells: 0) }
        let names = columns.map(\.name)
        let input: [[String: JSONValue]] = students.sorted { $0.id < $1.id }.map { s in
            var row: [String: JSONValue] = [
                "school": .string(s.school), "gender": .string(s.gender), "grade": .string(s.grade),
                "race_ethnicity": .string(s.raceEthnicity),
            ]
            for column in columns {
                row[column.name] = withheld.contains(column.name) ? .redacted : .string(Self.mark(column.value(s)))
            }
            return row
        }
        var output = try Deidentifier(policy: policy, quasiIdentifiers: Self.quasiIdentifiers, outcomes: names)
            .run(input, using: &rng)
        output.redactedCells += Self.diversifyKnownValues(&output.rows, outcomes: names, l: policy.l)
        var csv = CSVText(header: ["student"] + Self.quasiIdentifiers + names)
        for row in output.rows {
            let fields = ["label"] + Self.quasiIdentifiers + names
            csv.append(fields.map { row[$0].map(Self.text) ?? "" })
        }
        return Output(csv: csv, rows: output.rows.count, redactedCells: output.redactedCells)
    }

    /// ℓ-diversity over the values a student actually has: "no data" (empty) is not a value that protects the
    /// others. In each group of rows sharing the released quasi-identifiers, a measure whose non-empty values
    /// take fewer than ℓ distinct values is replaced by `*` for the whole group. Only adds redactions to the
    /// engine's output (which counted empty as a value). Returns how many cells it redacted.
    static func diversifyKnownValues(_ rows: inout [[String: JSONValue]], outcomes: [String], l: Int) -> Int {
        var groups: [[JSONValue]: [Int]] = [:]
        for (i, row) in rows.enumerated() {
            groups[quasiIdentifiers.map { row[$0] ?? .null }, default: []].append(i)
        }
        var redacted = 0
        for members in groups.values {
            for name in outcomes {
                let values = Set(members.compactMap { rows[$0][name] })
                guard !values.contains(.redacted) else { continue }
                let known = values.subtracting([.string("")])
                guard !known.isEmpty, known.count < l else { continue }
                for i in members {
                    rows[i][name] = .redacted
                    redacted += 1
                }
            }
        }
        return redacted
    }

    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.description
    }
}
