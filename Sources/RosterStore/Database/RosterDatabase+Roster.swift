import Foundation
import GRDB
import Roster

extension RosterDatabase {
    /// The roster of `siteID` for `week`: students whose participation overlaps the week (and who are active
    /// students), marked new when they were not on last week's roster, plus last week's students who are gone.
    public func weeklyRoster(siteID: String, partnerID: String, week: ISOWeek) throws -> WeeklyRoster {
        let last = week.previous
        return try read { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT s.number, s.given_name, s.family_name, s.grade, s.active,
                            MAX(p.start_date <= :sun AND (p.end_date IS NULL OR p.end_date >= :mon)) AS this_week,
                            MAX(p.start_date <= :lastSun AND (p.end_date IS NULL OR p.end_date >= :lastMon)) AS last_week,
                            EXISTS (SELECT 1 FROM release r WHERE r.student_sourced_id = s.sourced_id AND r.partner_id = :partner
                                AND r.state = 'valid' AND r.revoked_at IS NULL AND r.expires >= :mon) AS release
                        FROM participation p JOIN student s ON s.sourced_id = p.student_sourced_id
                        WHERE p.site_id = :site AND p.start_date <= :sun AND (p.end_date IS NULL OR p.end_date >= :lastMon)
                        GROUP BY s.sourced_id
                        """),
                arguments: [
                    "site": siteID, "partner": partnerID, "mon": week.monday.description,
                    "sun": week.sunday.description,
                    "lastMon": last.monday.description, "lastSun": last.sunday.description,
                ])
            var active: [RosterEntry] = []
            var dropped: [RosterEntry] = []
            for r in rows {
                let studentActive: Bool = r[4]
                let thisWeek: Bool = r[5]
                let lastWeek: Bool = r[6]
                let grade: String? = r[3]
                var e = RosterEntry(
                    studentNumber: r[0], givenName: r[1], familyName: r[2], grade: grade.flatMap(Grade.init(ceds:)),
                    releaseOnFile: r[7], change: .none)
                if thisWeek && studentActive {
                    e.change = lastWeek ? .none : .added
                    active.append(e)
                } else if lastWeek {
                    e.change = .dropped
                    dropped.append(e)
                }
            }
            return WeeklyRoster(
                siteID: siteID, week: week, active: Self.sortedByName(active),
                droppedSinceLastWeek: Self.sortedByName(dropped))
        }
    }

    /// Family name, then given name, ignoring case and accents (Díaz sorts with Diaz), then number.
    /// Each name is folded once, not at every comparison.
    static func sortedByName(_ entries: [RosterEntry]) -> [RosterEntry] {
        func key(_ s: String) -> String {
            // Most names are ASCII: lower-casing is all they need (Foundation's folding is slow on Linux).
            if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
            return s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        }
        return entries.map { (key($0.familyName), key($0.givenName), $0) }
            .sorted { a, b in
                if a.0 != b.0 { return a.0 < b.0 }
                if a.1 != b.1 { return a.1 < b.1 }
                return a.2.studentNumber < b.2.studentNumber
            }
            .map(\.2)
    }
}
