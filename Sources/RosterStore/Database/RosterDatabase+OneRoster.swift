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
        // Resolve and validate every student row before writing any, in three passes over the rows in file
        // order (a row fails on its first failed check, as in one loop): (1) repeated sourcedId, departure,
        // school; (2) student numbers used twice in the file; (3) numbers held by other stored students,
        // then demographics. Repeats are found by sorting (`KeyOrder.duplicates`), not by dictionaries of
        // 500 000 strings, whose cache misses cost more than the rest of the pass; a first import (no
        // existing students) skips the lookups into `existing`.
        let students = parsed.students
        let hasExisting = !existing.isEmpty
        // The sourcedIds in the file, for the checks against stored students only.
        let inFile = hasExisting ? Set(students.map(\.sourcedID)) : []
        func at(_ s: StudentRow) -> String { "users.csv:\(s.line)" }

        var firstLineOfRepeat: [Int: Int] = [:]
        for group in KeyOrder.duplicates(count: students.count, key: { students[$0].sourcedID }) {
            for i in group.dropFirst() { firstLineOfRepeat[i] = students[group[0]].line }
        }
        var valid: [StudentRow] = []
        valid.reserveCapacity(hasExisting ? students.count : 0)
        // Pass 1. Rows that go on, with their school number.
        var candidates: [(index: Int, school: String)] = []
        candidates.reserveCapacity(students.count)
        for (i, s) in students.enumerated() {
            if !firstLineOfRepeat.isEmpty, let first = firstLineOfRepeat[i] {
                report.problems.append("\(at(s)): sourcedId \(s.sourcedID) appears again (first on line \(first))")
            } else if s.deleted {
                // `tobedeleted`: the student leaves; the row stays for history.
                if hasExisting, var old = existing[s.sourcedID] {
                    old.active = false
                    valid.append(old)
                }
            } else if let school = orgNumber[s.schoolNumber] {
                candidates.append((i, school))
            } else {
                report.problems.append(
                    "\(at(s)): student \(s.sourcedID) belongs to org \(s.schoolNumber), which is not a school in orgs.csv"
                )
            }
        }
        // Pass 2. The first row with a number keeps it.
        var numberTaken = [Bool](repeating: false, count: candidates.count)
        for group in KeyOrder.duplicates(count: candidates.count, key: { students[candidates[$0].index].number }) {
            let holder = students[candidates[group[0]].index]
            for c in group.dropFirst() {
                let s = students[candidates[c].index]
                numberTaken[c] = true
                report.problems.append(
                    "\(at(s)): student number \(s.number) is also used on line \(holder.line); student numbers must be unique"
                )
            }
        }
        // Pass 3. Stored students become updates (`valid`). New ones stay references into the parsed rows,
        // merged only when encoded for the insert: a first import does not copy its 500 000 rows again.
        var demographics = parsed.demographics
        var demographicsCursor = 0
        var newStudents: [NewStudent] = []
        newStudents.reserveCapacity(hasExisting ? 0 : candidates.count)
        for (c, candidate) in candidates.enumerated() where !numberTaken[c] {
            let s = students[candidate.index]
            if hasExisting, let owner = ownerOfNumber[s.number], owner != s.sourcedID, !inFile.contains(owner) {
                report.problems.append(
                    "\(at(s)): student number \(s.number) already belongs to another student (sourcedId \(owner)); student numbers must be unique"
                )
                continue
            }
            let found = demographics.nextIndex(for: s.sourcedID, cursor: &demographicsCursor) ?? -1
            let new = NewStudent(index: candidate.index, school: candidate.school, demographics: found)
            if hasExisting, let old = existing[s.sourcedID] {
                var merged = new.row(students, demographics.entries)
                if found < 0 {
                    merged.gender = old.gender
                    merged.raceEthnicity = old.raceEthnicity
                    merged.birthDate = old.birthDate
                }
                valid.append(merged)
            } else {
                newStudents.append(new)
            }
        }
        var demographicsOnly: [(String, Demographics)] = []
        // Demographics of teachers and other non-students are not kept, nor of anyone not yet a student.
        if hasExisting {
            for e in demographics.latest where !inFile.contains(e.id) && existing[e.id] != nil {
                demographicsOnly.append((e.id, e.demographics))
            }
        }
        var guardians = GuardianImport(parsed)
        try guardians.resolve(in: db, report: &report)
        report.problems.sort { $0.localizedStandardCompare($1) == .orderedAscending }
        if !report.problems.isEmpty && !skipInvalid {
            throw StoreError(
                .importRejected, location: report.source,
                "\(report.problems.count) invalid row(s); nothing was imported. Fix them, or use --skip-invalid to import the valid rows",
                problems: report.problems)
        }

        timing.mark("resolve")
        let insert = BulkInsert(
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
        let bulkLoad = existing.isEmpty && newStudents.count >= 1000
        if bulkLoad { try db.execute(sql: "DROP INDEX student_by_number; DROP INDEX student_by_school") }
        for s in valid {
            guard let old = existing[s.sourcedID] else { continue }
            if old.hasSameData(as: s) {
                report.unchanged += 1
            } else {
                try update.execute(arguments: [
                    s.number, s.schoolNumber, s.givenName, s.familyName, s.middleName, s.grade, s.gender,
                    s.raceEthnicity, s.birthDate, s.active, s.sourcedID,
                ])
                report.updated += 1
            }
        }
        // New students go in in key order (see `KeyOrder`); numbers and schools are checked above.
        let order = KeyOrder.ascending(count: newStudents.count, key: { students[newStudents[$0].index].sourcedID })
        timing.mark("order new students")
        let entries = demographics.entries
        try insert.run(count: order.count) { [newStudents] k, rows in
            let s = newStudents[order[k]].row(students, entries)
            rows.add(s.sourcedID)
            rows.add(s.number)
            rows.add(s.schoolNumber)
            rows.add(s.givenName)
            rows.add(s.familyName)
            rows.add(s.middleName)
            rows.add(s.grade)
            rows.add(s.gender)
            rows.add(s.raceEthnicity)
            rows.add(s.birthDate)
            rows.add(s.active ? "1" : "0")
        }
        report.inserted += newStudents.count
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
            for (id, s) in existing where s.active && !inFile.contains(id) {
                try db.execute(sql: "UPDATE student SET active = 0 WHERE sourced_id = ?", arguments: [id])
                report.deactivated += 1
            }
        }
        timing.mark("update students")
        // Every row of `student` now: the stored ones and the new ones just inserted.
        var knownStudents = Array(existing.keys)
        knownStudents.reserveCapacity(existing.count + newStudents.count)
        for s in newStudents { knownStudents.append(students[s.index].sourcedID) }
        try guardians.write(in: db, knownStudents: knownStudents, report: &report, timing: &timing)
        let modes = parsed.modes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }
        var detail: [String: String] = [
            "version": parsed.version, "hash": report.hash, "inserted": String(report.inserted),
            "updated": String(report.updated), "unchanged": String(report.unchanged),
            "deactivated": String(report.deactivated), "ignored": String(report.ignored),
            "invalid": String(report.problems.count), "modes": modes.joined(separator: ","),
        ]
        detail.merge((report.guardians ?? GuardianCounts()).auditDetail) { old, _ in old }
        try AuditLog.append(
            db, actor: "import", action: "import.oneroster", subject: report.source, detail: detail, now: now)
    }
}

/// A student row that passed every check, by reference: its users.csv row, school number and
/// demographics.csv row (or -1).
private struct NewStudent {
    var index: Int
    var school: String
    var demographics: Int

    /// The row to store.
    func row(_ students: [StudentRow], _ demographics: [DemographicsTable.Entry]) -> StudentRow {
        var s = students[index]
        s.schoolNumber = school
        if demographics.indices.contains(self.demographics) {
            let d = demographics[self.demographics].demographics
            s.gender = d.gender
            s.raceEthnicity = d.raceEthnicity
            s.birthDate = d.birthDate
        }
        return s
    }
}
