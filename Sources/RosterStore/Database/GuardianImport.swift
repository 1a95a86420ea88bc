import Foundation
import GRDB

/// The guardian part of a OneRoster import, inside its transaction: ``resolve(in:report:)`` checks the
/// parsed rows against each other and the store before anything is written (its problems reject the
/// import with the students'); ``write(in:report:timing:)`` runs after the students are written, so links
/// are checked against the students as they will be committed.
///
/// The rules are the students': a bulk users.csv is the whole population (a stored guardian missing from it
/// is deactivated, never deleted: their links and the releases they signed stay); `tobedeleted`
/// deactivates; otherwise a row inserts or updates. A guardian's row in the file names all their students:
/// stored links it no longer names are removed. A student id that is no student of the district (not in
/// this bundle nor the store) is skipped and counted, never an error.
struct GuardianImport {
    let rows: [GuardianRow]
    let students: [String]
    let bulk: Bool
    /// Stored guardians by sourcedId (empty on a first import).
    private var existing: [String: GuardianRow] = [:]
    /// Indices into `rows` that passed every check (first row of each sourcedId), in file order.
    private var valid: [Int] = []

    /// The secondary indexes of `guardian` and `guardian_student`, exactly as migration v6 creates them:
    /// a first load into empty tables drops them and builds them once at the end, as for `student`.
    static let indexes = """
        CREATE INDEX guardian_by_email ON guardian(email);
        CREATE INDEX guardian_student_by_student ON guardian_student(student_sourced_id);
        """

    init(_ parsed: OneRosterParser) {
        rows = parsed.guardians
        students = parsed.guardianStudents
        bulk = parsed.modes["users"] == .bulk
    }

    /// Loads the stored guardians and finds repeated sourcedIds (by sorting, as for students).
    mutating func resolve(in db: Database, report: inout ImportReport) throws {
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT sourced_id, given_name, family_name, email, language, active FROM guardian")
        while let r = try cursor.next() {
            let g = GuardianRow(
                sourcedID: r[0], givenName: r[1], familyName: r[2], email: r[3], language: r[4], active: r[5])
            existing[g.sourcedID] = g
        }
        let rows = self.rows
        var repeated = [Bool](repeating: false, count: rows.count)
        for group in KeyOrder.duplicates(count: rows.count, key: { rows[$0].sourcedID }) {
            for i in group.dropFirst() {
                repeated[i] = true
                report.problems.append(
                    "users.csv:\(rows[i].line): sourcedId \(rows[i].sourcedID) appears again (first on line \(rows[group[0]].line))"
                )
            }
        }
        valid = rows.indices.filter { !repeated[$0] }
    }

    /// Writes guardians and links and adds their counts to `report.guardians`. `knownStudents` are the
    /// sourcedIds of every row of `student` once this import's students are written.
    func write(
        in db: Database, knownStudents: [String], report: inout ImportReport, timing: inout ImportTiming
    ) throws {
        var counts = GuardianCounts()
        let rows = self.rows, students = self.students
        // Rows that stay or become guardians, in primary-key order (appends to the WITHOUT ROWID B-trees).
        let live = valid.filter { !rows[$0].deleted }
        let order = KeyOrder.ascending(count: live.count) { rows[live[$0]].sourcedID }.map { live[$0] }
        let newRows = order.filter { existing[rows[$0].sourcedID] == nil }
        let bulkLoad = existing.isEmpty && newRows.count >= 1000
        if bulkLoad { try db.execute(sql: "DROP INDEX guardian_by_email; DROP INDEX guardian_student_by_student") }

        // Stored guardians: update, or deactivate (`tobedeleted`, or missing from a bulk file).
        let update = try db.makeStatement(
            sql:
                "UPDATE guardian SET given_name = ?, family_name = ?, email = ?, language = ?, active = ? WHERE sourced_id = ?"
        )
        let deactivate = try db.makeStatement(sql: "UPDATE guardian SET active = 0 WHERE sourced_id = ? AND active = 1")
        for i in valid {
            let g = rows[i]
            guard let old = existing[g.sourcedID] else { continue }
            if g.deleted {
                try deactivate.execute(arguments: [g.sourcedID])
                if db.changesCount > 0 { counts.deactivated += 1 } else { counts.unchanged += 1 }
            } else if old.hasSameData(as: g) {
                counts.unchanged += 1
            } else {
                try update.execute(arguments: [g.givenName, g.familyName, g.email, g.language, g.active, g.sourcedID])
                counts.updated += 1
            }
        }
        if bulk, !existing.isEmpty {
            let inFile = Set(valid.map { rows[$0].sourcedID })
            for (id, g) in existing where g.active && !inFile.contains(id) {
                try deactivate.execute(arguments: [id])
                counts.deactivated += db.changesCount
            }
        }
        let insert = BulkInsert(
            statement: try db.makeStatement(
                sql:
                    "INSERT INTO guardian (sourced_id, given_name, family_name, email, language, active) VALUES (?, ?, ?, ?, ?, ?)"
            ), database: db)
        try insert.run(count: newRows.count) { k, out in
            let g = rows[newRows[k]]
            out.add(g.sourcedID)
            out.add(g.givenName)
            out.add(g.familyName)
            out.add(g.email)
            out.add(g.language)
            out.add(g.active ? "1" : "0")
        }
        counts.inserted = newRows.count
        timing.mark("write guardians")

        // Links. A stored guardian's links its row no longer names are removed; the rest are inserted unless
        // already there (OR IGNORE) or naming no student of the district (skipped and counted).
        if !existing.isEmpty {
            var stored: [String: [String]] = [:]
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT guardian_sourced_id, student_sourced_id FROM guardian_student")
            while let r = try cursor.next() { stored[r[0], default: []].append(r[1]) }
            let unlink = try db.makeStatement(
                sql: "DELETE FROM guardian_student WHERE guardian_sourced_id = ? AND student_sourced_id = ?")
            for i in live {
                let g = rows[i]
                guard let linked = stored[g.sourcedID] else { continue }
                let named = students[g.students]
                for s in linked where !named.contains(where: { $0.utf8.elementsEqual(s.utf8) }) {
                    try unlink.execute(arguments: [g.sourcedID, s])
                    counts.linksRemoved += 1
                }
            }
        }
        let known = KeyOrder.found(
            probes: students.count, probe: { students[$0] }, keys: knownStudents.count, key: { knownStudents[$0] })
        timing.mark("match guardian students")
        // (guardian row, student position) in key order: guardians as above, each one's students by bytes.
        var links: [(guardian: Int, student: Int)] = []
        links.reserveCapacity(students.count)
        func add(_ i: Int, _ s: Int) {
            if known[s] { links.append((i, s)) } else { counts.linksSkipped += 1 }
        }
        for i in order {
            let range = rows[i].students
            if range.count == 1 {
                add(i, range.lowerBound)  // most guardians: no array to sort
            } else {
                for s in range.sorted(by: { students[$0].utf8.lexicographicallyPrecedes(students[$1].utf8) }) {
                    add(i, s)
                }
            }
        }
        let link = BulkInsert(
            statement: try db.makeStatement(
                sql: "INSERT OR IGNORE INTO guardian_student (guardian_sourced_id, student_sourced_id) VALUES (?, ?)"),
            database: db)
        let before = db.totalChangesCount
        try link.run(count: links.count) { [links] k, out in
            out.add(rows[links[k].guardian].sourcedID)
            out.add(students[links[k].student])
        }
        counts.linksAdded = db.totalChangesCount - before
        timing.mark("write guardian links")
        if bulkLoad { try db.execute(sql: Self.indexes) }
        timing.mark("build guardian indexes")
        report.guardians = counts
    }
}
