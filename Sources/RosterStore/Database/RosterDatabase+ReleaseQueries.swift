import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// One release as `releases list/show/export` shows it, with its evidence. `state` is `requested` for a
    /// student × partner with a request but no answer yet, `expired` for a valid release past its expiry.
    public struct ReleaseView: Sendable, Equatable, Encodable {
        public var id: Int64?
        public var studentNumber: String
        public var partnerID: String
        public var state: String
        public var source: String?
        public var guardianName: String?
        public var guardianEmail: String?
        public var signedAt: String?
        public var expires: String?
        public var revokedAt: String?
        public var revokedBy: String?
        public var revokedHow: String?
        public var measures: String?
        public var purpose: String?
        public var formSHA256: String?
        public var requestID: Int64?
        public var messageID: String?
        public var replySHA256: String?
        public var authenticationResults: String?
        public var evidenceRef: String?

        enum CodingKeys: String, CodingKey {
            case id, state, source, expires, measures, purpose
            case studentNumber = "student_number", partnerID = "partner_id", guardianName = "guardian_name"
            case guardianEmail = "guardian_email", signedAt = "signed_at", revokedAt = "revoked_at"
            case revokedBy = "revoked_by", revokedHow = "revoked_how", formSHA256 = "form_sha256"
            case requestID = "request_id", messageID = "message_id", replySHA256 = "reply_sha256"
            case authenticationResults = "authentication_results", evidenceRef = "evidence_ref"
        }

        /// Every key present (null when unknown), so tools can rely on them.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(studentNumber, forKey: .studentNumber)
            try c.encode(partnerID, forKey: .partnerID)
            try c.encode(state, forKey: .state)
            try c.encode(source, forKey: .source)
            try c.encode(guardianName, forKey: .guardianName)
            try c.encode(guardianEmail, forKey: .guardianEmail)
            try c.encode(signedAt, forKey: .signedAt)
            try c.encode(expires, forKey: .expires)
            try c.encode(revokedAt, forKey: .revokedAt)
            try c.encode(revokedBy, forKey: .revokedBy)
            try c.encode(revokedHow, forKey: .revokedHow)
            try c.encode(measures, forKey: .measures)
            try c.encode(purpose, forKey: .purpose)
            try c.encode(formSHA256, forKey: .formSHA256)
            try c.encode(requestID, forKey: .requestID)
            try c.encode(messageID, forKey: .messageID)
            try c.encode(replySHA256, forKey: .replySHA256)
            try c.encode(authenticationResults, forKey: .authenticationResults)
            try c.encode(evidenceRef, forKey: .evidenceRef)
        }
    }

    /// Releases (and open requests) as of `day`, optionally for one site's partner and school, or one student.
    public func releaseViews(on day: CalendarDay, siteID: String? = nil, studentNumber: String? = nil) throws
        -> [ReleaseView]
    {
        try read { db in
            var filter = ""
            var args: [any DatabaseValueConvertible] = []
            if let studentNumber {
                filter += " AND s.number = ?"
                args.append(studentNumber)
            }
            if let siteID {
                filter += """
                     AND x.partner_id = (SELECT pr.partner_id FROM site JOIN program pr ON pr.id = site.program_id
                        WHERE site.id = ?) AND s.school_number = (SELECT school_number FROM site WHERE id = ?)
                    """
                args += [siteID, siteID]
            }
            var views = try Row.fetchAll(
                db,
                sql: """
                    SELECT x.id, s.number, x.partner_id, x.state, x.source, x.guardian_name, x.guardian_email,
                        x.decided_at, x.expires, x.revoked_at, x.revoked_by, x.revoked_how, x.measures, x.purpose,
                        x.form_sha256, x.request_id, x.message_id, x.reply_sha256, x.authentication_results,
                        x.evidence_ref
                    FROM release x JOIN student s ON s.sourced_id = x.student_sourced_id
                    WHERE 1 = 1\(filter) ORDER BY x.id
                    """, arguments: StatementArguments(args)
            ).map { r -> ReleaseView in
                var state: String = r[3]
                let expires: String = r[8]
                if state == "valid" && expires < day.description { state = "expired" }
                if state == "pending" { state = "requested" }
                return ReleaseView(
                    id: r[0], studentNumber: r[1], partnerID: r[2], state: state, source: r[4], guardianName: r[5],
                    guardianEmail: r[6], signedAt: r[7], expires: expires, revokedAt: r[9], revokedBy: r[10],
                    revokedHow: r[11], measures: r[12], purpose: r[13], formSHA256: r[14], requestID: r[15],
                    messageID: r[16], replySHA256: r[17], authenticationResults: r[18], evidenceRef: r[19])
            }
            // Open requests: a student × partner asked for, with no release row.
            let decided = Set(views.map { "\($0.studentNumber)|\($0.partnerID)" })
            let requests = try Row.fetchAll(
                db,
                sql: """
                    SELECT x.id, x.partner_id, x.students, g.email, x.expires_at FROM release_request x
                    JOIN guardian g ON g.sourced_id = x.guardian_sourced_id
                    WHERE x.expires_at >= ? ORDER BY x.id
                    """, arguments: [day.description])
            var seen = Set<String>()
            for r in requests {
                let ids: String = r[2]
                let partner: String = r[1]
                for id in ids.split(separator: ",") {
                    guard
                        let s = try Row.fetchOne(
                            db, sql: "SELECT number, school_number FROM student WHERE sourced_id = ?",
                            arguments: [String(id)])
                    else { continue }
                    let number: String = s[0]
                    let key = "\(number)|\(partner)"
                    if decided.contains(key) || !seen.insert(key).inserted { continue }
                    if let studentNumber, number != studentNumber { continue }
                    if let siteID {
                        let match =
                            try Bool.fetchOne(
                                db,
                                sql: """
                                    SELECT 1 FROM site JOIN program pr ON pr.id = site.program_id
                                    WHERE site.id = ? AND pr.partner_id = ? AND site.school_number = ?
                                    """, arguments: [siteID, partner, s[1] as String]) ?? false
                        if !match { continue }
                    }
                    views.append(
                        ReleaseView(
                            id: nil, studentNumber: number, partnerID: partner, state: "requested",
                            guardianEmail: r[3], expires: r[4], requestID: r[0]))
                }
            }
            return views
        }
    }

    /// Revokes every valid release of `studentNumber` for `partnerID` (a revocation that arrived another way).
    /// Returns how many were revoked.
    @discardableResult
    public func revokeRelease(studentNumber: String, partnerID: String, by: String, now: Date = Date()) throws -> Int {
        try write { db in
            let at = Timestamp.string(now)
            guard
                try Bool.fetchOne(db, sql: "SELECT 1 FROM student WHERE number = ?", arguments: [studentNumber])
                    ?? false
            else {
                throw StoreError(
                    .unreadableInput, location: "--student \(studentNumber)", "no student has this number")
            }
            try Self.apply(
                ReleaseEffects(revocations: [
                    ReleaseRevocation(partnerID: partnerID, studentNumbers: [studentNumber], by: by, how: "command")
                ]), at: at, db: db)
            let n = db.changesCount
            try AuditLog.append(
                db, actor: by, action: "release.revoke", subject: "\(studentNumber)/\(partnerID)",
                detail: ["revoked": String(n), "how": "command"], now: now)
            return n
        }
    }
}
