import Foundation
import GRDB
import Roster

/// What `import outcomes` did with one file.
public struct OutcomeImportReport: Sendable, CustomStringConvertible {
    public var kind: OutcomeKind
    public var path: String
    public var sha256: String
    /// Per school year in the file: rows written, rows of that year replaced, or unchanged (same file again).
    public var years: [(year: String, rows: Int, replaced: Int, unchanged: Bool)] = []

    public var description: String {
        let parts = years.map { y in
            y.unchanged
                ? "\(y.year) unchanged (\(y.rows) rows, same file as last time)"
                : "\(y.year) \(y.rows) rows (replaced \(y.replaced))"
        }
        return "outcomes \(kind.file) sha256 \(sha256.prefix(12)): " + parts.joined(separator: "; ")
    }
}

extension RosterDatabase {
    /// The most problems an import lists (it counts them all).
    static let listedProblems = 200

    /// Imports whichever of `attendance.csv`, `behavior.csv`, `course_marks.csv` and `assessments.csv` are in
    /// `directory`, all in one transaction: any bad row (reported `file:line: reason`) and nothing changes.
    /// A file replaces, for each school year it contains, that year's data of its kind; the same file again
    /// changes nothing. Each file is audited with its SHA-256.
    public func importOutcomes(directory: String, now: Date = Date()) throws -> [OutcomeImportReport] {
        var files: [(OutcomeKind, String, Data)] = []
        for kind in OutcomeKind.allCases {
            let path = (directory as NSString).appendingPathComponent(kind.file)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do { files.append((kind, path, try Data(contentsOf: URL(fileURLWithPath: path)))) } catch {
                throw StoreError(.unreadableInput, location: path, "cannot read: \(error.localizedDescription)")
            }
        }
        guard !files.isEmpty else {
            throw StoreError(
                .unreadableInput, location: directory,
                "no outcome file here; expected any of "
                    + OutcomeKind.allCases.map(\.file).joined(separator: ", "))
        }
        return try bulkWrite { db in
            var students = Set<String>()
            let cursor = try String.fetchCursor(db, sql: "SELECT number FROM student")
            while let n = try cursor.next() { students.insert(n) }
            let schools = Set(try String.fetchAll(db, sql: "SELECT number FROM school"))
            var problems: [String] = []
            var problemCount = 0
            var parsed: [(OutcomeKind, String, Data, OutcomeRows)] = []
            for (kind, path, data) in files {
                var rows = OutcomeRows(kind: kind, students: students, schools: schools)
                try rows.read(data, file: kind.file)
                problemCount += rows.problemCount
                problems += rows.problems.prefix(Self.listedProblems - problems.count)
                parsed.append((kind, path, data, rows))
            }
            guard problemCount == 0 else {
                let more = problemCount > problems.count ? " (the first \(problems.count) are listed)" : ""
                throw StoreError(
                    .importRejected, location: directory,
                    "\(problemCount) invalid row(s)\(more); nothing was imported. Fix them and import again",
                    problems: problems)
            }
            var reports: [OutcomeImportReport] = []
            for (kind, path, data, rows) in parsed {
                let sha = SHA256Digest.hex(Array(data))
                var report = OutcomeImportReport(kind: kind, path: path, sha256: sha)
                for year in rows.byYear.keys.sorted() {
                    let values = rows.byYear[year]!
                    let count = values.count / kind.tableColumns.count
                    let previous = try String.fetchOne(
                        db, sql: "SELECT sha256 FROM outcome_import WHERE kind = ? AND school_year = ?",
                        arguments: [kind.rawValue, year])
                    if previous == sha {
                        report.years.append((year, count, 0, true))
                        continue
                    }
                    try db.execute(sql: "DELETE FROM \(kind.table) WHERE school_year = ?", arguments: [year])
                    let replaced = db.changesCount
                    let columns = kind.tableColumns
                    let insert = try db.makeStatement(
                        sql: "INSERT INTO \(kind.table) (\(columns.joined(separator: ", "))) VALUES ("
                            + columns.map { _ in "?" }.joined(separator: ", ") + ")")
                    let width = columns.count
                    try BulkInsert(statement: insert, database: db).run(count: count) { k, out in
                        for i in 0..<width { out.add(values[k * width + i]) }
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO outcome_import (kind, school_year, sha256, rows, imported_at) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT(kind, school_year) DO UPDATE SET sha256 = excluded.sha256, rows = excluded.rows,
                                imported_at = excluded.imported_at
                            """, arguments: [kind.rawValue, year, sha, count, Timestamp.string(now)])
                    report.years.append((year, count, replaced, false))
                }
                try AuditLog.append(
                    db, actor: "import", action: "import.outcomes", subject: path,
                    detail: [
                        "kind": kind.rawValue, "hash": sha,
                        "years": report.years.map { "\($0.year):\($0.unchanged ? "unchanged" : String($0.rows))" }
                            .joined(separator: ","),
                    ], now: now)
                reports.append(report)
            }
            return reports
        }
    }

    /// The school years of each outcome kind in the store, with their row counts.
    public func outcomeYears() throws -> [(kind: OutcomeKind, year: String, rows: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT kind, school_year, rows FROM outcome_import ORDER BY kind, school_year")
                .compactMap { r in OutcomeKind(rawValue: r[0]).map { ($0, r[1], r[2]) } }
        }
    }
}

/// One outcome file read and checked: its rows' values in table column order, grouped by school year,
/// and every problem found (`file:line: reason`).
struct OutcomeRows {
    let kind: OutcomeKind
    let students: Set<String>
    let schools: Set<String>
    /// School year → the values of its rows, `kind.tableColumns.count` per row.
    var byYear: [String: [String?]] = [:]
    var problems: [String] = []
    var problemCount = 0
    private var seen: [String: Int] = [:]

    init(kind: OutcomeKind, students: Set<String>, schools: Set<String>) {
        self.kind = kind
        self.students = students
        self.schools = schools
    }

    private mutating func problem(_ text: String) {
        problemCount += 1
        if problems.count < RosterDatabase.listedProblems { problems.append(text) }
    }

    mutating func read(_ data: Data, file: String) throws {
        var header: CSVHeader?
        var columns: [Int] = []
        try CSVReader.forEachRecord(in: data, file: file) { rec in
            guard header != nil else {
                let h = CSVHeader(rec)
                let missing = kind.columns.filter { h.column($0) == nil }
                guard missing.isEmpty else {
                    throw StoreError(
                        .importRejected, location: "\(file):1",
                        "missing column(s) \(missing.joined(separator: ", ")); expected "
                            + kind.columns.joined(separator: ","))
                }
                header = h
                columns = kind.columns.map { h.column($0)! }
                return
            }
            var values: [String] = []
            values.reserveCapacity(columns.count)
            for c in columns {
                guard let v = rec.trimmed(c) else {
                    return problem("\(file):\(rec.line): not valid UTF-8; export the file as UTF-8")
                }
                values.append(v)
            }
            if let row = check(values, at: "\(file):\(rec.line)", line: rec.line) {
                byYear[values[1], default: []].append(contentsOf: row)
            }
        }
        if header == nil { throw StoreError(.importRejected, location: "\(file):1", "the file is empty") }
    }

    /// The row's table values, or nil after recording why it is wrong. `v` is in `kind.columns` order.
    private mutating func check(_ v: [String], at: String, line: Int) -> [String?]? {
        let number = v[0], yearText = v[1]
        guard !number.isEmpty else {
            problem("\(at): student_number is empty")
            return nil
        }
        guard students.contains(number) else {
            problem("\(at): unknown student number \(number) (not in the store; import OneRoster first)")
            return nil
        }
        guard let year = SchoolYear(yearText) else {
            problem("\(at): school_year “\(yearText)” is not a school year like 2026-2027")
            return nil
        }
        func count(_ name: String, _ text: String, max: Int) -> Int? {
            guard let n = Int(text), n >= 0, n <= max else {
                problem("\(at): \(name) “\(text)” is not a whole number from 0 to \(max)")
                return nil
            }
            return n
        }
        func flag(_ name: String, _ text: String) -> String? {
            switch text {
            case "Y", "y": return "1"
            case "N", "n": return "0"
            default:
                problem("\(at): \(name) “\(text)” is not Y or N")
                return nil
            }
        }
        func required(_ name: String, _ text: String) -> Bool {
            if text.isEmpty { problem("\(at): \(name) is empty") }
            return !text.isEmpty
        }
        func unique(_ key: String, _ what: String) -> Bool {
            if let first = seen[key] {
                problem("\(at): the same \(what) is on line \(first)")
                return false
            }
            seen[key] = line
            return true
        }
        switch kind {
        case .attendance:
            let school = v[2]
            guard schools.contains(school) else {
                problem("\(at): unknown school number \(school) (not in the store)")
                return nil
            }
            guard let enrolled = count("days_enrolled", v[3], max: 366),
                let absent = count("days_absent", v[4], max: 366)
            else { return nil }
            guard absent <= enrolled else {
                problem("\(at): days_absent \(absent) is more than days_enrolled \(enrolled)")
                return nil
            }
            guard unique("\(number)|\(yearText)|\(school)", "student, school year and school") else { return nil }
            return [yearText, number, school, String(enrolled), String(absent)]
        case .behavior:
            guard let day = CalendarDay(iso: v[2]) else {
                problem("\(at): date “\(v[2])” is not YYYY-MM-DD")
                return nil
            }
            guard day >= year.firstDay && day <= year.lastDay else {
                problem("\(at): date \(day) is not in school year \(year) (\(year.firstDay) to \(year.lastDay))")
                return nil
            }
            guard required("event_type", v[3]) else { return nil }
            return [yearText, number, day.description, v[3]]
        case .courseMarks:
            guard required("term", v[2]), required("course_code", v[3]), required("mark", v[4]),
                let passing = flag("passing", v[5])
            else { return nil }
            guard unique("\(number)|\(yearText)|\(v[2])|\(v[3])", "student, school year, term and course") else {
                return nil
            }
            return [yearText, number, v[2], v[3], v[4], passing]
        case .assessments:
            guard required("test", v[2]), required("subject", v[3]) else { return nil }
            var score: String?
            if !v[4].isEmpty {
                guard let s = count("scale_score", v[4], max: 100_000) else { return nil }
                score = String(s)
            }
            guard let level = Int(v[5]), (1...5).contains(level) else {
                problem("\(at): performance_level “\(v[5])” is not a level from 1 to 5")
                return nil
            }
            guard let met = flag("met_benchmark", v[6]) else { return nil }
            guard unique("\(number)|\(yearText)|\(v[2])|\(v[3])", "student, school year, test and subject") else {
                return nil
            }
            return [yearText, number, v[2], v[3], score, String(level), met]
        }
    }
}
