import Disclosure
import Roster

/// A valid release of a student for the requesting partner, as the identified rows rely on it (34 CFR 99.32).
public struct ReleaseCover: Sendable, Hashable {
    public var releaseID: Int64
    public var measures: Set<ReleaseMeasure>

    public init(releaseID: Int64, measures: Set<ReleaseMeasure>) {
        self.releaseID = releaseID
        self.measures = measures
    }
}

/// Everything an answer is computed from; the store gathers it, nothing here does I/O.
public struct AnswerInput: Sendable {
    /// The first line of the README (request number, site, period).
    public var title: String
    public var period: SchoolYear
    public var measures: [ReleaseMeasure]
    public var level: DataLevel
    /// The students in the site's program during the period.
    public var students: [StudentRecord]
    public var data: DataAvailability
    /// What earlier answers to the same partner for the same period published.
    public var earlier: [LedgerEntry]
    /// Student sourcedId → the valid releases of the student for the partner (identified level).
    public var releases: [String: [ReleaseCover]]
    /// Student sourcedId → name, for the students an identified answer may name.
    public var names: [String: String]

    public init(
        title: String, period: SchoolYear, measures: [ReleaseMeasure], level: DataLevel, students: [StudentRecord],
        data: DataAvailability, earlier: [LedgerEntry] = [], releases: [String: [ReleaseCover]] = [:],
        names: [String: String] = [:]
    ) {
        self.title = title
        self.period = period
        self.measures = measures
        self.level = level
        self.students = students
        self.data = data
        self.earlier = earlier
        self.releases = releases
        self.names = names
    }
}

/// A file of the answer.
public struct AnswerFile: Sendable, Hashable {
    public var filename: String
    public var contentType: String
    public var bytes: [UInt8]

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The computed answer: its files, plain-words lines for the email, and what the ledger must record.
public struct BuiltAnswer: Sendable {
    public var files: [AnswerFile]
    public var summary: [String]
    public var students: Int
    public var leftOut: Int
    /// Why nothing can be answered; files are empty then.
    public var refusal: String?
    /// Every published group count (and the de-identified rows' roster), per measure column.
    public var published: [LedgerEntry]
    /// Identified rows: the student's sourcedId and the release relied on.
    public var identified: [(student: String, release: Int64)]
    /// The aggregate tables as suppressed, for audits.
    public var tables: [AggregateTable.Output]
}

/// Builds the answer to one data request under the district's disclosure policy.
public struct DataAnswerBuilder: Sendable {
    public let policy: Policy

    public init(policy: Policy) throws(DisclosureError) {
        try policy.validate()
        self.policy = policy
    }

    public func build(_ input: AnswerInput, using rng: inout some RandomNumberGenerator) throws(DisclosureError)
        -> BuiltAnswer
    {
        let period = input.period.description
        var answer = BuiltAnswer(
            files: [], summary: [], students: input.students.count, leftOut: 0, refusal: nil, published: [],
            identified: [], tables: [])
        if input.students.isEmpty {
            answer.refusal = "nobody was in this site's program during \(period)"
            return answer
        }
        if input.data.current.isEmpty {
            answer.refusal =
                "no outcome data for \(period) has been imported yet; the data team will answer once it is"
            return answer
        }
        let (columns, unavailable) = MeasureColumn.columns(
            for: input.measures, students: input.students, data: input.data, period: input.period)
        if columns.isEmpty {
            answer.refusal = unavailable.map { "\($0.0.rawValue): \($0.1)" }.joined(separator: "; ")
            return answer
        }
        var readme = Readme(title: input.title, policy: policy)
        readme.intro(input, columns: columns, unavailable: unavailable)

        // What the answer discloses student by student is part of the ledger before any count is checked: the
        // identified rows (their values are exact), so no count can be subtracted from them to reveal a student
        // without a release.
        let released = input.level == .identified ? releasedStudents(input) : []
        var earlier = input.earlier
        if !released.isEmpty {
            for column in columns {
                let entry = LedgerEntry(
                    metric: column.name, grouping: "identified",
                    students: Set(released.map(\.student.id)).intersection(Self.withValue(column, input.students)))
                guard !entry.students.isEmpty else { continue }
                earlier.append(entry)
                answer.published.append(entry)
            }
        }

        // Aggregates, every level.
        var csv = CSVText(header: ["group", "students", "measure", "count", "percent", "shown_as", "withheld_reason"])
        var shown = 0
        var withheld = 0
        for column in columns {
            let table = try AggregateTable(policy: policy, column: column, period: period)
                .run(input.students, earlier: earlier)
            for row in table.rows {
                csv.append([
                    row.group, row.students.map(String.init) ?? "", row.measure, row.count.map(String.init) ?? "",
                    row.percent.map(String.init) ?? "", row.shownAs, row.withheldReason,
                ])
                if row.count == nil { withheld += 1 } else { shown += 1 }
            }
            answer.published += table.published
            answer.tables.append(table)
        }
        answer.files.append(AnswerFile(filename: "aggregates.csv", contentType: "text/csv", bytes: csv.bytes))
        answer.summary.append(
            "aggregates.csv: \(columns.count) measure(s), \(shown) count(s) shown, \(withheld) withheld "
                + "(small groups, small counts and what would reveal them)")
        readme.aggregates()

        switch input.level {
        case .aggregate: break
        case .deidentified:
            // The rows give each column's yes-count over the students with a value for it: checked against the
            // ledger like a count; a column it refuses is withheld (all `*`).
            var withheldColumns: Set<String> = []
            for column in columns {
                let set = Self.withValue(column, input.students)
                let ledger = ReleaseLedger(
                    policy: policy,
                    releases: earlier.filter { $0.metric == column.name }.map {
                        ReleaseLedger.Release(students: $0.students, metric: $0.metric, period: period)
                    })
                if !set.isEmpty, !ledger.check(.init(students: set, metric: column.name, period: period)).isAllowed {
                    withheldColumns.insert(column.name)
                }
            }
            let rows = try DeidentifiedRows(policy: policy, columns: columns, withheld: withheldColumns)
                .run(input.students, using: &rng)
            if let csv = rows.csv {
                answer.files.append(
                    AnswerFile(filename: "deidentified.csv", contentType: "text/csv", bytes: csv.bytes))
                answer.summary.append(
                    "deidentified.csv: \(rows.rows) rows (Student 1…\(rows.rows)), \(rows.redactedCells) value(s) "
                        + "redacted with *")
                for column in columns where !withheldColumns.contains(column.name) {
                    answer.published.append(
                        LedgerEntry(
                            metric: column.name, grouping: "deidentified",
                            students: Self.withValue(column, input.students)))
                }
                for name in withheldColumns.sorted() {
                    answer.summary.append(
                        "deidentified.csv: \(name) withheld (all *): with an earlier answer on this measure and "
                            + "period it would reveal the values of a few students")
                }
            } else {
                answer.summary.append(
                    "no de-identified rows: \(input.students.count) students are fewer than the \(policy.k) "
                        + "that de-identified rows need")
            }
            readme.deidentified(rows: rows.rows, students: input.students.count)
        case .identified:
            let named = identified(input, released: released, columns: columns, into: &answer)
            readme.identified(named: named, leftOut: answer.leftOut)
        }
        answer.files.append(AnswerFile(filename: "README.txt", contentType: "text/plain", bytes: readme.bytes))
        for (measure, reason) in unavailable { answer.summary.append("not answered: \(measure.rawValue): \(reason)") }
        return answer
    }

    /// The students with a valid release covering every requested measure (and a name on file), by number, each
    /// with the release relied on.
    func releasedStudents(_ input: AnswerInput) -> [(student: StudentRecord, release: Int64, name: String)] {
        let needed = Set(input.measures)
        return input.students.sorted(by: { $0.number < $1.number }).compactMap { s in
            let covering = (input.releases[s.id] ?? []).filter { needed.isSubset(of: $0.measures) }
            guard let release = covering.max(by: { $0.releaseID < $1.releaseID }), let name = input.names[s.id]
            else { return nil }
            return (s, release.releaseID, name)
        }
    }

    /// The students with a value for `column`.
    static func withValue(_ column: MeasureColumn, _ students: [StudentRecord]) -> Set<String> {
        Set(students.filter { column.value($0) != nil }.map(\.id))
    }

    /// `identified.csv` for the released students.
    func identified(
        _ input: AnswerInput, released: [(student: StudentRecord, release: Int64, name: String)],
        columns: [MeasureColumn], into answer: inout BuiltAnswer
    ) -> Int {
        var csv = CSVText(header: ["student_number", "name"] + columns.map(\.name))
        var named = 0
        for (s, release, name) in released {
            csv.append([s.number, name] + columns.map { DeidentifiedRows.mark($0.value(s)) })
            answer.identified.append((s.id, release))
            named += 1
        }
        answer.leftOut = input.students.count - named
        if named > 0 {
            answer.files.append(AnswerFile(filename: "identified.csv", contentType: "text/csv", bytes: csv.bytes))
            answer.summary.append("identified.csv: \(named) student(s) with a release on file covering these measures")
        } else {
            answer.summary.append(
                "no identified rows: no student in the program has a valid release for this partner covering "
                    + "these measures")
        }
        if answer.leftOut > 0 {
            answer.summary.append(
                "\(answer.leftOut) student(s) left out of the identified rows: no valid release on file covering "
                    + "these measures")
        }
        return named
    }
}
