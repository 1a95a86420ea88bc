import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// Imports a OneRoster CSV bundle (directory or zip) in one transaction. With any invalid row nothing is
    /// written and the error lists every bad row, unless `skipInvalid`, which imports the valid rows and
    /// reports the rest. Importing the same bundle again changes nothing.
    public func importOneRoster(path: String, skipInvalid: Bool = false, now: Date = Date()) throws -> ImportReport {
        var timing = ImportTiming()
        let bundle = try OneRosterBundle.read(path: path)
        timing.mark("read files")
        var parser = OneRosterParser()
        try parser.parse(bundle)
        timing.mark("parse")
        timing.note("users.csv thread", seconds: parser.threadSeconds.users)
        timing.note("demographics.csv + hash", seconds: parser.threadSeconds.demographics)
        var report = ImportReport(
            kind: "oneroster \(parser.version)", source: path,
            hash: parser.bundleHash.isEmpty ? bundle.hash : parser.bundleHash)
        report.ignored = parser.ignored
        report.problems = parser.problems
        if parser.version.isEmpty || !["1.0", "1.1", "1.2"].contains(parser.version) {
            throw StoreError(
                .importRejected, location: path, "not a supported OneRoster bundle", problems: report.problems)
        }
        let result = try bulkWrite { db in
            try applyOneRoster(parser, to: db, report: &report, skipInvalid: skipInvalid, now: now, timing: &timing)
            return report
        }
        timing.mark("commit")
        return result
    }

    private func applyOneRoster(
        _ parsed: OneRosterParser, to db: Database, report: inout ImportReport, skipInvalid: Bool, now: Date,
        timing: inout ImportTiming
    ) throws {
        // Schools: org sourcedId → school number, from this bundle and from earlier imports.
        var orgNumber: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT sourced_id, number FROM school WHERE sourced_id IS NOT NULL") {
            orgNumber[row[0]] = row[1]
        }
        for s in parsed.schools {
            try db.execute(
                sql: """
                    INSERT INTO school (number, sourced_id, name) VALUES (?, ?, ?)
                    ON CONFLICT(number) DO UPDATE SET sourced_id = excluded.sourced_id, name = excluded.name, active = 1
                    WHERE sourced_id IS NOT excluded.sourced_id OR name IS NOT excluded.name OR active = 0
                    """, arguments: [s.number, s.sourcedID, s.name])
            if db.changesCount > 0 { report.updated += 1 }
            orgNumber[s.sourcedID] = s.number
        }
        for id in parsed.deletedSchools {
            try db.execute(sql: "UPDATE school SET active = 0 WHERE sourced_id = ? AND active = 1", arguments: [id])
            report.deactivated += db.changesCount
        }

        var existing: [String: StudentRow] = [:]
        var ownerOfNumber: [String: String] = [:]
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT sourced_id, number, school_number, given_name, family_name, middle_name, grade, gender,
                       race_ethnicity, birth_date, active FROM student
                """)
        while let r = try cursor.next() {
            let s = StudentRow(
                sourcedID: r[0], number: r[1], schoolNumber: r[2], givenName: r[3], familyName: r[4], middleName: r[5],
                grade: r[6], gender: r[7], raceEthnicity: r[8], birthDate: r[9], active: r[10])
            existing[s.sourcedID] = s
            ownerOfNumber[s.number] = s.sourcedID
        }

        timing.mark("load existing")
        // Resolve and validate every student row before writing any. This loop runs on 500 000 rows while
        // the other core is idle, so each row costs as few dictionary probes as possible: the first line of
        // each sourcedId comes from the parser, and a first import (no existing students) skips the lookups
        // into `existing`.
        let firstLine = parsed.firstLine
        let hasExisting = !existing.isEmpty
        var numberLine: [String: (Int, String)] = [:]
        numberLine.reserveCapacity(parsed.students.count)
        var valid: [StudentRow] = []
        valid.reserveCapacity(parsed.students.count)
        var demographicsCursor = 0
        for var s in parsed.students {
            let line = s.line
            var at: String { "users.csv:\(line)" }  // made only for a problem: it does not fit a small string
            if s.firstLine != s.line {
                report.problems.append("\(at): sourcedId \(s.sourcedID) appears again (first on line \(s.firstLine))")
                continue
            }
            if s.deleted {
                // `tobedeleted`: the student leaves; the row stays for history.
                if hasExisting, var old = existing[s.sourcedID] {
                    old.active = false
                    valid.append(old)
                }
                continue
            }
            guard let number = orgNumber[s.schoolNumber] else {
                report.problems.append(
                    "\(at): student \(s.sourcedID) belongs to org \(s.schoolNumber), which is not a school in orgs.csv")
                continue
            }
            s.schoolNumber = number
            // One probe: insert, and put the earlier holder back if the number was taken by another id.
            if let (line, other) = numberLine.updateValue((s.line, s.sourcedID), forKey: s.number),
                other != s.sourcedID
            {
                numberLine[s.number] = (line, other)
                report.problems.append(
                    "\(at): student number \(s.number) is also used on line \(line); student numbers must be unique")
                continue
            }
            if hasExisting, let owner = ownerOfNumber[s.number], owner != s.sourcedID, firstLine[owner] == nil {
                report.problems.append(
                    "\(at): student number \(s.number) already belongs to another student (sourcedId \(owner)); student numbers must be unique"
                )
                continue
            }
            if let d = parsed.demographics.next(for: s.sourcedID, cursor: &demographicsCursor) {
                s.gender = d.gender
                s.raceEthnicity = d.raceEthnicity
                s.birthDate = d.birthDate
            } else if hasExisting, let old = existing[s.sourcedID] {
                s.gender = old.gender
                s.raceEthnicity = old.raceEthnicity
                s.birthDate = old.birthDate
            }
            valid.append(s)
        }
        var demographicsOnly: [(String, Demographics)] = []
        // Demographics of teachers and other non-students are not kept, nor of anyone not yet a student.
        if hasExisting {
            for e in parsed.demographics.latest where firstLine[e.id] == nil && existing[e.id] != nil {
                demographicsOnly.append((e.id, e.demographics))
            }
        }
        report.problems.sort { $0.localizedStandardCompare($1) == .orderedAscending }
        if !report.problems.isEmpty && !skipInvalid {
            throw StoreError(
                .importRejected, location: report.source,
                "\(report.problems.count) invalid row(s); nothing was imported. Fix them, or use --skip-invalid to import the valid rows",
                problems: report.problems)
        }

        timing.mark("resolve")
        var insert = BulkInsert(
            statement: try db.makeStatement(
                sql: """
                    INSERT INTO student (sourced_id, number, school_number, given_name, family_name, middle_name, grade,
                        gender, race_ethnicity, birth_date, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """), database: db)
        let update = try db.makeStatement(
            sql: """
                UPDATE student SET number = ?, school_number = ?, given_name = ?, family_name = ?, middle_name = ?,
                    grade = ?, gender = ?, race_ethnicity = ?, birth_date = ?, active = ? WHERE sourced_id = ?
                """)
        // Free student numbers that change hands inside this import before reassigning them.
        for s in valid where hasExisting && existing[s.sourcedID].map({ $0.number != s.number }) ?? false {
            try db.execute(
                sql: "UPDATE student SET number = '~' || sourced_id WHERE sourced_id = ?", arguments: [s.sourcedID])
        }
        // A first load into an empty table builds the secondary indexes once at the end.
        let bulkLoad = existing.isEmpty && valid.count >= 1000
        if bulkLoad { try db.execute(sql: "DROP INDEX student_by_number; DROP INDEX student_by_school") }
        var inserts: [Int] = []
        inserts.reserveCapacity(hasExisting ? 0 : valid.count)
        for (i, s) in valid.enumerated() {
            if hasExisting, let old = existing[s.sourcedID] {
                if old.hasSameData(as: s) {
                    report.unchanged += 1
                } else {
                    try update.execute(arguments: [
                        s.number, s.schoolNumber, s.givenName, s.familyName, s.middleName, s.grade, s.gender,
                        s.raceEthnicity, s.birthDate, s.active, s.sourcedID,
                    ])
                    report.updated += 1
                }
            } else {
                inserts.append(i)
            }
        }
        // New students go in in key order (see `KeyOrder`); numbers and schools are checked above.
        let order = KeyOrder.ascending(count: inserts.count, key: { valid[inserts[$0]].sourcedID })
        timing.mark("order new students")
        for k in order {
            let s = valid[inserts[k]]
            try insert.run([
                s.sourcedID, s.number, s.schoolNumber, s.givenName, s.familyName, s.middleName, s.grade, s.gender,
                s.raceEthnicity, s.birthDate, s.active ? "1" : "0",
            ])
        }
        report.inserted += inserts.count
        timing.mark("write students")
        if bulkLoad { try db.execute(sql: Migrations.studentIndexes) }
        timing.mark("build indexes")
        for (id, d) in demographicsOnly {
            try db.execute(
                sql: """
                    UPDATE student SET gender = ?, race_ethnicity = ?, birth_date = ? WHERE sourced_id = ?
                    AND (gender IS NOT ? OR race_ethnicity IS NOT ? OR birth_date IS NOT ?)
                    """,
                arguments: [d.gender, d.raceEthnicity, d.birthDate, id, d.gender, d.raceEthnicity, d.birthDate])
            report.updated += db.changesCount
        }
        if parsed.modes["users"] == .bulk {
            // A bulk file is the whole population: anyone not in it has left.
            for (id, s) in existing where s.active && firstLine[id] == nil {
                try db.execute(sql: "UPDATE student SET active = 0 WHERE sourced_id = ?", arguments: [id])
                report.deactivated += 1
            }
        }
        try AuditLog.append(
            db, actor: "import", action: "import.oneroster", subject: report.source,
            detail: [
                "version": parsed.version, "hash": report.hash, "inserted": String(report.inserted),
                "updated": String(report.updated), "unchanged": String(report.unchanged),
                "deactivated": String(report.deactivated), "ignored": String(report.ignored),
                "invalid": String(report.problems.count),
                "modes": parsed.modes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }.joined(
                    separator: ","),
            ], now: now)
    }
}
