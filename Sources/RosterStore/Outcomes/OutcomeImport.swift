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
    /// A file replaces, for each school year it contains, that year's data of its kind; a year whose last file
    /// was this same file (SHA-256) is left as it is. Each file is audited with its SHA-256.
    ///
    /// A helper thread reads and checks the files and hands chunks of rows to this one, which replaces each
    /// school year on first sight and inserts; duplicates are found by the tables' unique keys. Rows keep
    /// being checked (and inserted into the transaction that will be rolled back) after a problem, so every
    /// problem is listed.
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
            let checker = OutcomeChecker(students: students, schools: schools)
            let channel = BoundedChannel<OutcomeBatch>(depth: 4)
            let stopped = DispatchSemaphore(value: 0)
            let inputs = files
            DispatchQueue.global().async {
                defer {
                    channel.finish()
                    stopped.signal()
                }
                for (kind, _, data) in inputs {
                    guard channel.put(.start(kind, SHA256Digest.hex(Array(data)))) else { return }
                    var reader = OutcomeFileReader(kind: kind, checker: checker, channel: channel)
                    do { try reader.read(data) } catch let error as StoreError {
                        _ = channel.put(.failed(error))
                        return
                    } catch {
                        _ = channel.put(.failed(StoreError(.importRejected, location: kind.file, "\(error)")))
                        return
                    }
                    guard channel.put(.end(kind, reader.problems, reader.problemCount)) else { return }
                }
            }
            defer {
                channel.cancel()
                stopped.wait()
            }
            var loader = OutcomeLoader(db: db)
            while let batch = channel.take() { try loader.take(batch) }
            guard loader.problemCount == 0 else {
                let listed = loader.problems.prefix(Self.listedProblems)
                let more = loader.problemCount > listed.count ? " (the first \(listed.count) are listed)" : ""
                throw StoreError(
                    .importRejected, location: directory,
                    "\(loader.problemCount) invalid row(s)\(more); nothing was imported. Fix them and import again",
                    problems: Array(listed))
            }
            var reports: [OutcomeImportReport] = []
            for (kind, path, _) in files {
                guard let sha = loader.sha[kind] else { continue }
                var report = OutcomeImportReport(kind: kind, path: path, sha256: sha)
                for (year, y) in (loader.years[kind] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    report.years.append((year, y.rows, y.replaced, y.unchanged))
                    guard !y.unchanged else { continue }
                    try db.execute(
                        sql: """
                            INSERT INTO outcome_import (kind, school_year, sha256, rows, imported_at) VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT(kind, school_year) DO UPDATE SET sha256 = excluded.sha256, rows = excluded.rows,
                                imported_at = excluded.imported_at
                            """, arguments: [kind.rawValue, year, sha, y.rows, Timestamp.string(now)])
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

/// What the reading thread hands to the inserting one.
enum OutcomeBatch: Sendable {
    /// A file begins, with its SHA-256.
    case start(OutcomeKind, String)
    /// Checked rows of the current file, per school year, with their line numbers.
    case rows([String: (rows: BulkInsert.Rows, lines: [Int])])
    /// The file is read: its problems (at most `listedProblems` listed) and how many there were.
    case end(OutcomeKind, [String], Int)
    /// The file cannot be read at all (no header, a missing column).
    case failed(StoreError)
}

/// The inserting side: replaces each kind × school year when first seen (unless its last file was this one),
/// inserts the rows, and turns unique-key violations into `file:line` problems.
struct OutcomeLoader {
    struct Year {
        var rows = 0
        var replaced = 0
        var unchanged = false
    }

    let db: Database
    var sha: [OutcomeKind: String] = [:]
    var years: [OutcomeKind: [String: Year]] = [:]
    var problems: [String] = []
    var problemCount = 0
    private var kind: OutcomeKind?
    private var insert: BulkInsert?
    private var duplicates: [(line: Int, text: String)] = []

    init(db: Database) { self.db = db }

    mutating func take(_ batch: OutcomeBatch) throws {
        switch batch {
        case .failed(let error): throw error
        case .start(let kind, let hash):
            self.kind = kind
            sha[kind] = hash
            let columns = kind.tableColumns
            let statement = try db.makeStatement(
                sql: "INSERT INTO \(kind.table) (\(columns.joined(separator: ", "))) VALUES ("
                    + columns.map { _ in "?" }.joined(separator: ", ") + ")")
            insert = BulkInsert(statement: statement, database: db)
            duplicates = []
        case .rows(let byYear):
            guard let kind, let insert else { return }
            for (year, chunk) in byYear where !chunk.lines.isEmpty {
                var state = try years[kind]?[year] ?? firstSight(kind, year)
                state.rows += chunk.lines.count
                years[kind, default: [:]][year] = state
                guard !state.unchanged else { continue }
                var found: [Int] = []
                try insert.run(chunk.rows) { found.append($0) }
                for index in found {
                    let line = chunk.lines[index]
                    duplicates.append((line, "\(kind.file):\(line): the same \(kind.key) is on an earlier line"))
                }
            }
        case .end(_, let listed, let count):
            // The reader's problems and the duplicates, in line order.
            var all = listed.map { (line: Self.line(of: $0), text: $0) } + duplicates
            all.sort { $0.line < $1.line }
            problems += all.prefix(max(0, RosterDatabase.listedProblems - problems.count)).map(\.text)
            problemCount += count + duplicates.count
        }
    }

    /// The first row of `year` in this import: unchanged when this same file made it last; otherwise its rows
    /// of this kind are deleted (counted as replaced).
    private func firstSight(_ kind: OutcomeKind, _ year: String) throws -> Year {
        let previous = try String.fetchOne(
            db, sql: "SELECT sha256 FROM outcome_import WHERE kind = ? AND school_year = ?",
            arguments: [kind.rawValue, year])
        if previous == sha[kind] { return Year(unchanged: true) }
        try db.execute(sql: "DELETE FROM \(kind.table) WHERE school_year = ?", arguments: [year])
        return Year(replaced: db.changesCount)
    }

    /// The line number in `file:line: reason`.
    static func line(of problem: String) -> Int {
        let parts = problem.split(separator: ":", maxSplits: 2)
        return parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    }
}

/// Reads one outcome file on the helper thread: checks each row and hands chunks of about 4 096 rows to the
/// inserting thread.
struct OutcomeFileReader {
    let kind: OutcomeKind
    let checker: OutcomeChecker
    let channel: BoundedChannel<OutcomeBatch>
    var problems: [String] = []
    var problemCount = 0
    private var chunk: [String: (rows: BulkInsert.Rows, lines: [Int])] = [:]
    private var chunkRows = 0

    init(kind: OutcomeKind, checker: OutcomeChecker, channel: BoundedChannel<OutcomeBatch>) {
        self.kind = kind
        self.checker = checker
        self.channel = channel
    }

    mutating func read(_ data: Data) throws {
        let file = kind.file
        var header: CSVHeader?
        var columns: [Int] = []
        var values: [String] = []
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
            values.removeAll(keepingCapacity: true)
            for c in columns {
                guard let v = rec.trimmed(c) else {
                    return problem("\(file):\(rec.line): not valid UTF-8; export the file as UTF-8")
                }
                values.append(v)
            }
            // In place: a copy of the chunk's arrays per row would be quadratic.
            let year = values[1]
            switch checker.check(kind, values, into: &chunk[year, default: (BulkInsert.Rows(), [])].rows) {
            case .some(let reason): problem("\(file):\(rec.line): \(reason)")
            case .none:
                chunk[year]?.lines.append(rec.line)
                chunkRows += 1
                if chunkRows >= 4096 { flush() }
            }
        }
        if header == nil { throw StoreError(.importRejected, location: "\(file):1", "the file is empty") }
        flush()
    }

    private mutating func problem(_ text: String) {
        problemCount += 1
        if problems.count < RosterDatabase.listedProblems { problems.append(text) }
    }

    private mutating func flush() {
        guard chunkRows > 0 else { return }
        _ = channel.put(.rows(chunk))
        chunk = [:]
        chunkRows = 0
    }
}

/// The checks of one outcome row (pure over the store's student and school numbers).
struct OutcomeChecker: Sendable {
    let students: Set<String>
    let schools: Set<String>

    /// Appends the row's table values to `rows` and returns nil, or returns why the row is wrong (and appends
    /// nothing). `v` is in `kind.columns` order.
    func check(_ kind: OutcomeKind, _ v: [String], into rows: inout BulkInsert.Rows) -> String? {
        let number = v[0], yearText = v[1]
        guard !number.isEmpty else { return "student_number is empty" }
        guard students.contains(number) else {
            return "unknown student number \(number) (not in the store; import OneRoster first)"
        }
        guard let year = SchoolYear(yearText) else {
            return "school_year “\(yearText)” is not a school year like 2026-2027"
        }
        func count(_ name: String, _ text: String, max: Int) -> Result<Int, Reason> {
            guard let n = Int(text), n >= 0, n <= max else {
                return .failure(Reason("\(name) “\(text)” is not a whole number from 0 to \(max)"))
            }
            return .success(n)
        }
        func flag(_ name: String, _ text: String) -> Result<String, Reason> {
            switch text {
            case "Y", "y": .success("1")
            case "N", "n": .success("0")
            default: .failure(Reason("\(name) “\(text)” is not Y or N"))
            }
        }
        func required(_ names: [String], _ texts: ArraySlice<String>) -> String? {
            zip(names, texts).first { $0.1.isEmpty }.map { "\($0.0) is empty" }
        }
        do {
            switch kind {
            case .attendance:
                let school = v[2]
                guard schools.contains(school) else { return "unknown school number \(school) (not in the store)" }
                let enrolled = try count("days_enrolled", v[3], max: 366).get()
                let absent = try count("days_absent", v[4], max: 366).get()
                guard absent <= enrolled else { return "days_absent \(absent) is more than days_enrolled \(enrolled)" }
                for value in [yearText, number, school, String(enrolled), String(absent)] { rows.add(value) }
            case .behavior:
                guard let day = CalendarDay(iso: v[2]) else { return "date “\(v[2])” is not YYYY-MM-DD" }
                guard day >= year.firstDay && day <= year.lastDay else {
                    return "date \(day) is not in school year \(year) (\(year.firstDay) to \(year.lastDay))"
                }
                if let missing = required(["event_type"], v[3...3]) { return missing }
                for value in [yearText, number, day.description, v[3]] { rows.add(value) }
            case .courseMarks:
                if let missing = required(["term", "course_code", "mark"], v[2...4]) { return missing }
                let passing = try flag("passing", v[5]).get()
                for value in [yearText, number, v[2], v[3], v[4], passing] { rows.add(value) }
            case .assessments:
                if let missing = required(["test", "subject"], v[2...3]) { return missing }
                let score = v[4].isEmpty ? nil : String(try count("scale_score", v[4], max: 100_000).get())
                guard let level = Int(v[5]), (1...5).contains(level) else {
                    return "performance_level “\(v[5])” is not a level from 1 to 5"
                }
                let met = try flag("met_benchmark", v[6]).get()
                for value in [yearText, number, v[2], v[3], score, String(level), met] { rows.add(value) }
            }
        } catch { return error.text }
        return nil
    }

    struct Reason: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
