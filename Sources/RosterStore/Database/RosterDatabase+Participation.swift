import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// The columns of the SIS program-participation export.
    public static let participationColumns = [
        "student_number", "school_number", "program_code", "start_date", "end_date",
    ]

    /// Imports program participation as the SIS exports it, in one transaction, keyed by student, site and
    /// start date. The SIS ends a participation by setting its end date. Rows changed here by a partner's
    /// reply and not yet in the SIS (`pending_sis`) are never overwritten; an exported one the file shows
    /// with the same end date is confirmed (see `reconcileSIS`).
    public func importParticipation(path: String, skipInvalid: Bool = false, now: Date = Date()) throws -> ImportReport
    {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw StoreError(
                .unreadableInput, location: path, "cannot read the participation file: \(error.localizedDescription)")
        }
        let file = (path as NSString).lastPathComponent
        var report = ImportReport(kind: "participation", source: path, hash: SHA256Digest.hex(data))
        struct Row_ {
            var student: String
            var site: String
            var start: String
            var end: String?
        }
        return try bulkWrite { db in
            var studentBy: [String: (id: String, school: String)] = [:]
            let cursor = try Row.fetchCursor(
                db, sql: "SELECT number, sourced_id, school_number FROM student WHERE active = 1")
            while let r = try cursor.next() {
                studentBy[r[0]] = (r[1], r[2])
            }
            var siteBy: [String: String] = [:]  // "CODE|school" → site id
            var codes = Set<String>()
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT program.code, site.school_number, site.id FROM site JOIN program ON program.id = site.program_id
                    WHERE site.active = 1
                    """)
            {
                siteBy["\(r[0] as String)|\(r[1] as String)"] = r[2]
                codes.insert(r[0])
            }
            var rows: [Row_] = []
            var header: CSVHeader?
            var seen: [String: Int] = [:]
            try CSVReader.forEachRecord(in: data, file: file) { rec in
                guard let h = header else {
                    let h = CSVHeader(rec)
                    let missing = Self.participationColumns.filter { h.column($0) == nil }
                    guard missing.isEmpty else {
                        throw StoreError(
                            .unreadableInput, location: "\(file):1",
                            "missing column(s) \(missing.joined(separator: ", ")); expected \(Self.participationColumns.joined(separator: ","))"
                        )
                    }
                    header = h
                    return
                }
                let at = "\(file):\(rec.line)"
                func get(_ c: String) -> String? { rec.trimmed(h.column(c)!) }
                guard let number = get("student_number"), let school = get("school_number"),
                    let code = get("program_code"),
                    let startText = get("start_date"), let endText = get("end_date")
                else { return report.problems.append("\(at): not valid UTF-8; export the file as UTF-8") }
                guard let student = studentBy[number] else {
                    return report.problems.append(
                        "\(at): unknown student number \(number) (not an active student in the store; import OneRoster first)"
                    )
                }
                guard student.school == school else {
                    return report.problems.append(
                        "\(at): student \(number) is enrolled at school \(student.school), not \(school)")
                }
                guard codes.contains(code) else {
                    return report.problems.append("\(at): program code \(code) is not configured in partners.yaml")
                }
                guard let site = siteBy["\(code)|\(school)"] else {
                    return report.problems.append(
                        "\(at): program \(code) has no site at school \(school) in partners.yaml")
                }
                guard let start = CalendarDay(iso: startText) else {
                    return report.problems.append("\(at): start_date “\(startText)” is not YYYY-MM-DD")
                }
                var end: CalendarDay?
                if !endText.isEmpty {
                    guard let e = CalendarDay(iso: endText) else {
                        return report.problems.append("\(at): end_date “\(endText)” is not YYYY-MM-DD")
                    }
                    guard e >= start else {
                        return report.problems.append("\(at): end_date \(e) is before start_date \(start)")
                    }
                    end = e
                }
                let key = "\(student.id)|\(site)|\(start)"
                if let first = seen[key] {
                    return report.problems.append("\(at): the same participation is on line \(first)")
                }
                seen[key] = rec.line
                rows.append(Row_(student: student.id, site: site, start: start.description, end: end?.description))
            }
            if !report.problems.isEmpty && !skipInvalid {
                throw StoreError(
                    .importRejected, location: path,
                    "\(report.problems.count) invalid row(s); nothing was imported. Fix them, or use --skip-invalid to import the valid rows",
                    problems: report.problems)
            }
            let upsert = try db.makeStatement(
                sql: """
                    INSERT INTO participation (student_sourced_id, site_id, start_date, end_date, source, state)
                    VALUES (?, ?, ?, ?, 'sis', 'active')
                    ON CONFLICT(student_sourced_id, site_id, start_date) DO UPDATE SET end_date = excluded.end_date
                    WHERE end_date IS NOT excluded.end_date AND state != 'pending_sis'
                    """)
            var existing = Set<String>()
            let keys = try Row.fetchCursor(db, sql: "SELECT student_sourced_id, site_id, start_date FROM participation")
            while let r = try keys.next() {
                existing.insert("\(r[0] as String)|\(r[1] as String)|\(r[2] as String)")
            }
            for r in rows {
                let existed = existing.contains("\(r.student)|\(r.site)|\(r.start)")
                try upsert.execute(arguments: [r.student, r.site, r.start, r.end])
                if db.changesCount > 0 {
                    if existed { report.updated += 1 } else { report.inserted += 1 }
                } else {
                    report.unchanged += 1
                }
            }
            var imported: [String: String?] = [:]
            for r in rows { imported["\(r.student)|\(r.site)|\(r.start)"] = .some(r.end) }
            let reconciled = try Self.reconcileSIS(imported: imported, now: now, db: db)
            if reconciled != SISReconciliation() { report.reconciliation = reconciled }
            try AuditLog.append(
                db, actor: "import", action: "import.participation", subject: path,
                detail: [
                    "hash": report.hash, "inserted": String(report.inserted), "updated": String(report.updated),
                    "unchanged": String(report.unchanged), "invalid": String(report.problems.count),
                ], now: now)
            return report
        }
    }
}
