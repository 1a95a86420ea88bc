import Foundation
import Testing

@testable import Roster

/// A small district for the reply-desk tests: school 101 with two sites, school 102 with one.
enum ReplyFixture {
    static let timeZone = TimeZone(identifier: "America/Chicago")!
    static let week = ISOWeek(year: 2026, week: 49)!
    static let key = try! ReplyTokenKey(bytes: Array(0..<32))
    static let otherKey = try! ReplyTokenKey(bytes: Array(100..<140))

    static let csc101 = Person(name: "Morgan Díaz", email: "csc.101@riverbend.example")
    static let csc102 = Person(name: "Casey Novak", email: "csc.102@riverbend.example")
    static let ana = Person(name: "Ana Ruiz", email: "ana@brightfutures.example")
    static let rob = Person(name: "Rob Chen", email: "rob@readup.example")
    static let lee = Person(name: "Lee Park", email: "lee@brightfutures.example")

    static let school101 = School(number: "101", name: "Alder Elementary", coordinator: csc101)
    static let school102 = School(number: "102", name: "Birch Middle School", coordinator: csc102)
    static let siteA = Site(programID: "bright-futures-after-school-club", schoolNumber: "101", contacts: [ana])
    static let siteB = Site(programID: "readup-tutoring", schoolNumber: "101", contacts: [rob])
    static let siteC = Site(programID: "bright-futures-after-school-club", schoolNumber: "102", contacts: [lee])

    static let directory = Directory(
        schools: [school101, school102],
        partners: [
            Partner(
                id: "bright-futures", name: "Bright Futures",
                programs: [
                    Program(
                        id: "bright-futures-after-school-club", partnerID: "bright-futures", code: "BFASC",
                        name: "After School Club", sites: [siteA, siteC])
                ]),
            Partner(
                id: "readup", name: "ReadUp",
                programs: [
                    Program(id: "readup-tutoring", partnerID: "readup", code: "RUT", name: "Tutoring", sites: [siteB])
                ]),
        ])

    static let district = DistrictIdentity(
        name: "Riverbend School District", domain: "riverbend.example",
        communitySchools: Person(name: "Riverbend Community Schools", email: "community@riverbend.example"),
        replyLocalPart: "rosters")

    static func g(_ code: String) -> Grade { Grade(ceds: code)! }

    /// School 101; the first six are on site A's roster.
    static let students: [SchoolStudent] = [
        SchoolStudent(
            studentNumber: "1000101", givenName: "Maria", familyName: "Lopez", grade: g("04"), onSiteRoster: true),
        SchoolStudent(
            studentNumber: "1000102", givenName: "José", familyName: "Muñoz", grade: g("04"), onSiteRoster: true),
        SchoolStudent(
            studentNumber: "1000103", givenName: "Ana María", familyName: "García Pérez", grade: g("03"),
            onSiteRoster: true),
        SchoolStudent(
            studentNumber: "1000104", givenName: "Liam", familyName: "O'Brien", grade: g("KG"), onSiteRoster: true),
        SchoolStudent(
            studentNumber: "1000105", givenName: "Sofía", familyName: "de la Cruz", grade: g("05"), onSiteRoster: true),
        SchoolStudent(
            studentNumber: "1000106", givenName: "Noah", familyName: "Smith", grade: g("02"), onSiteRoster: true),
        SchoolStudent(
            studentNumber: "1000201", givenName: "María", familyName: "López", grade: g("05"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "1000202", givenName: "Emma", familyName: "Johnson", grade: g("03"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "1000203", givenName: "Lucas", familyName: "Nguyen", grade: g("04"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "1000204", givenName: "Olivia", familyName: "Brown", grade: g("02"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "1000205", givenName: "Mateo", familyName: "Hernández", grade: g("05"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "1000206", givenName: "Van", familyName: "Tran", grade: g("01"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "1000207", givenName: "Isabella", familyName: "Rossi", grade: g("04"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "1000208", givenName: "Emma", familyName: "Johnson", grade: g("05"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "0012345", givenName: "Zoe", familyName: "Park", grade: g("03"), onSiteRoster: false),
        SchoolStudent(
            studentNumber: "1000209", givenName: "Juan Carlos", familyName: "Pérez Gómez", grade: g("04"),
            onSiteRoster: false),
    ]

    static let matcher = StudentMatcher(students: students)

    /// Site A's roster as sent in `week`.
    static let sentRoster = WeeklyRoster(
        siteID: siteA.id, week: week,
        active: students.filter(\.onSiteRoster).map {
            RosterEntry(
                studentNumber: $0.studentNumber, givenName: $0.givenName, familyName: $0.familyName, grade: $0.grade,
                releaseOnFile: $0.studentNumber != "1000106", change: .none)
        },
        droppedSinceLastWeek: [
            RosterEntry(
                studentNumber: "1000204", givenName: "Olivia", familyName: "Brown", grade: g("02"),
                releaseOnFile: false,
                change: .dropped)
        ])

    /// The listing lines of our text part for `sentRoster`, as the template writes them.
    static var listing: [String] {
        sentRoster.active.map {
            "- \($0.givenName) \($0.familyName) (student no. \($0.studentNumber), grade \($0.grade?.label ?? ""), "
                + "release on file: \($0.releaseOnFile ? "yes" : "no"))"
        }
    }

    static func token(site: Site = siteA, week: ISOWeek = week) -> ReplyToken {
        try! ReplyToken.sign(site: site.id, week: week, kind: .roster, secret: key)
    }

    /// Compact, comparable form of an entry: `apply ADD 1000202`, `review ADD ambiguous`, `unclear …`.
    static func summary(_ e: ResolvedEntry) -> String {
        let action = e.command?.action.rawValue ?? ""
        switch e.status {
        case .apply(let s): return "apply \(action) \(s.studentNumber)"
        case .alreadyDone(let s): return "done \(action) \(s.studentNumber)"
        case .needsReview(let r):
            switch r {
            case .unknownNumber: return "review \(action) unknownNumber"
            case .unknownName: return "review \(action) unknownName"
            case .ambiguous: return "review \(action) ambiguous"
            case .nameDoesNotMatchNumber: return "review \(action) nameMismatch"
            case .gradeDoesNotMatch: return "review \(action) gradeMismatch"
            case .conflictingCommands(let s): return "review \(action) conflict \(s.studentNumber)"
            }
        case .rejected(let r): return "reject \(action) \(r.rawValue)"
        case .notUnderstood(let p): return "unclear \(p.rawValue)"
        case .duplicate: return "dup \(action)"
        }
    }

    static func resolve(own: String, full: String? = nil, csv: [UInt8]? = nil) -> [String] {
        let items = ReplyExtractor().extract(
            ownText: own, fullText: full, attachments: csv.map { [("roster.csv", $0)] } ?? [], sentRoster: sentRoster)
        return ReplyResolver.resolve(items, matcher: matcher).map(summary)
    }
}
