import Foundation
import GRDB
import Roster

extension RosterDatabase {
    static let releaseColumns = [
        "student_number", "partner_id", "guardian_name", "guardian_email", "signed_at", "expires", "measures",
        "evidence_ref",
    ]

    /// Imports releases collected by another e-signature system: CSV with `releaseColumns`. All or nothing
    /// (every bad row as `file:line: reason`), idempotent (a release already recorded with the same student,
    /// partner, guardian address and signing time is unchanged), audited with the file's SHA-256.
    public func importReleases(path: String, purpose: String, now: Date = Date()) throws -> ImportReport {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw StoreError(
                .unreadableInput, location: path, "cannot read the releases file: \(error.localizedDescription)")
        }
        let file = (path as NSString).lastPathComponent
        var report = ImportReport(kind: "releases", source: path, hash: SHA256Digest.hex(data))
        return try write { db in
            let partners = Set(try String.fetchAll(db, sql: "SELECT id FROM partner"))
            var records: [ReleaseRecord] = []
            var header: CSVHeader?
            var seen: [String: Int] = [:]
            try CSVReader.forEachRecord(in: data, file: file) { rec in
                guard let h = header else {
                    let h = CSVHeader(rec)
                    let missing = Self.releaseColumns.filter { h.column($0) == nil }
                    guard missing.isEmpty else {
                        throw StoreError(
                            .unreadableInput, location: "\(file):1",
                            "missing column(s) \(missing.joined(separator: ", ")); expected \(Self.releaseColumns.joined(separator: ","))"
                        )
                    }
                    header = h
                    return
                }
                let at = "\(file):\(rec.line)"
                func get(_ c: String) -> String? { rec.trimmed(h.column(c)!) }
                guard let number = get("student_number"), let partner = get("partner_id"),
                    let name = get("guardian_name"), let email = get("guardian_email"), let signed = get("signed_at"),
                    let expiresText = get("expires"), let measuresText = get("measures"), let ref = get("evidence_ref")
                else { return report.problems.append("\(at): not valid UTF-8; export the file as UTF-8") }
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM student WHERE number = ?", arguments: [number]) ?? false
                else {
                    return report.problems.append("\(at): unknown student number \(number); import OneRoster first")
                }
                guard partners.contains(partner) else {
                    return report.problems.append("\(at): partner_id “\(partner)” is not a partner in partners.yaml")
                }
                guard !name.isEmpty, !name.contains(where: { $0.isNewline }) else {
                    return report.problems.append("\(at): guardian_name is empty")
                }
                guard email.contains("@"), !email.contains(where: { $0.isWhitespace }) else {
                    return report.problems.append("\(at): guardian_email “\(email)” is not an email address")
                }
                guard let signedAt = Self.instant(signed) else {
                    return report.problems.append(
                        "\(at): signed_at “\(signed)” is not a date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM:SSZ)")
                }
                guard let expires = CalendarDay(iso: expiresText) else {
                    return report.problems.append("\(at): expires “\(expiresText)” is not YYYY-MM-DD")
                }
                guard let measures = ReleaseMeasure.list(measuresText), !measures.isEmpty else {
                    return report.problems.append(
                        "\(at): measures “\(measuresText)”: a list of "
                            + ReleaseMeasure.allCases.map(\.rawValue).joined(separator: ", "))
                }
                guard !ref.isEmpty else {
                    return report.problems.append(
                        "\(at): evidence_ref is empty; give the other system's reference for the signed form")
                }
                let key = "\(number)|\(partner)|\(email.lowercased())|\(signed)"
                if let first = seen[key] {
                    return report.problems.append("\(at): the same release is on line \(first)")
                }
                seen[key] = rec.line
                records.append(
                    ReleaseRecord(
                        studentNumber: number, partnerID: partner, state: .valid, source: .import, guardianID: nil,
                        guardianName: name, guardianEmail: email, decidedAt: signedAt,
                        measures: measures.map(\.rawValue), purpose: purpose, evidenceRef: ref, expires: expires))
            }
            if !report.problems.isEmpty {
                throw StoreError(
                    .importRejected, location: path,
                    "\(report.problems.count) invalid row(s); nothing was imported. Fix them and import again",
                    problems: report.problems)
            }
            var new: [ReleaseRecord] = []
            for r in records {
                let exists =
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT 1 FROM release x JOIN student s ON s.sourced_id = x.student_sourced_id
                            WHERE s.number = ? AND x.partner_id = ? AND x.guardian_email = ? COLLATE NOCASE
                                AND x.decided_at = ?
                            """,
                        arguments: [r.studentNumber, r.partnerID, r.guardianEmail, Timestamp.string(r.decidedAt)])
                    ?? false
                if exists { report.unchanged += 1 } else { new.append(r) }
            }
            try Self.apply(ReleaseEffects(records: new), at: Timestamp.string(now), db: db)
            report.inserted = new.count
            try AuditLog.append(
                db, actor: "import", action: "import.releases", subject: path,
                detail: [
                    "hash": report.hash, "inserted": String(report.inserted), "unchanged": String(report.unchanged),
                ], now: now)
            return report
        }
    }

    /// `2026-09-14` (midnight UTC) or `2026-09-14T15:30:00Z`.
    static func instant(_ text: String) -> Date? {
        if let day = CalendarDay(iso: text) { return Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400) }
        return Timestamp.date(text) ?? ISO8601DateFormatter().date(from: text)
    }
}
