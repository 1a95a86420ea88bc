import Foundation
import Roster
import RosterStore

/// Writes a deterministic, clearly fictional district: a OneRoster 1.1 bundle (`oneroster/`, students,
/// their parents and guardians (``SampleGuardians``), a few teachers),
/// the SIS participation export (`participation.csv`), the outcome files (`outcomes/`, ``SampleOutcomes``) and
/// a matching `partners.yaml`.
public struct SampleDistrict: Sendable {
    public var students: Int
    public var schools: Int
    public var seed: UInt64
    /// Domain of every generated address (reserved `.example` names: nothing can be delivered there).
    public static let domain = "riverbend.example"

    public init(students: Int, schools: Int, seed: UInt64) {
        self.students = students
        self.schools = schools
        self.seed = seed
    }

    public struct Summary: Sendable {
        public var students = 0
        public var schools = 0
        public var partners = 0
        public var sites = 0
        public var participations = 0
        /// Guardian rows in users.csv and the guardian → student links they name.
        public var guardians = 0
        public var guardianLinks = 0
    }

    /// The first school year day every sample participation starts from.
    static let yearStart = CalendarDay(year: 2026, month: 8, day: 17)!

    public func write(to out: String) throws -> Summary {
        precondition(students > 0 && schools > 0, "students and schools must be positive")
        var rng = SeededGenerator(seed: seed)
        let fm = FileManager.default
        let or = (out as NSString).appendingPathComponent("oneroster")
        try fm.createDirectory(atPath: or, withIntermediateDirectories: true)
        var summary = Summary(students: students, schools: schools)

        // Schools: numbers 101, 102, …; grade band by position.
        let schoolRows = (0..<schools).map {
            i -> (id: String, number: String, name: String, grades: ClosedRange<Int>) in
            let tree = SampleNames.schoolTrees[i % SampleNames.schoolTrees.count]
            let round = i / SampleNames.schoolTrees.count
            let band: (String, ClosedRange<Int>) = [
                ("Elementary", 0...5), ("Middle School", 6...8), ("High School", 9...12),
            ][i % 3]
            let name = "\(tree)\(round > 0 ? " \(round + 1)" : "") \(band.0)"
            return ("org-\(101 + i)", String(101 + i), name, band.1)
        }
        var csv = CSVText()
        csv.row(["propertyName", "value"])
        for (k, v) in [
            ("manifest.version", "1.0"), ("oneroster.version", "1.1"), ("file.academicSessions", "absent"),
            ("file.categories", "absent"), ("file.classes", "absent"), ("file.classResources", "absent"),
            ("file.courses", "absent"), ("file.courseResources", "absent"), ("file.demographics", "bulk"),
            ("file.enrollments", "absent"), ("file.lineItems", "absent"), ("file.orgs", "bulk"),
            ("file.resources", "absent"), ("file.results", "absent"), ("file.users", "bulk"),
            ("source.systemName", "RosterMail sample district generator (fictional data)"),
        ] { csv.row([k, v]) }
        try csv.write(to: (or as NSString).appendingPathComponent("manifest.csv"))

        csv = CSVText()
        csv.row(["sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"])
        csv.row(["org-district", "", "", "Riverbend Unified School District (fictional)", "district", "RUSD", ""])
        for s in schoolRows { csv.row([s.id, "", "", s.name, "school", s.number, "org-district"]) }
        try csv.write(to: (or as NSString).appendingPathComponent("orgs.csv"))

        // Students, spread evenly over schools; a few teachers that the import must ignore.
        var users = CSVText(capacity: students * 230)
        users.row([
            "sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds",
            "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades",
            "password", "metadata.preferredLanguage",
        ])
        var demo = CSVText(capacity: students * 70)
        demo.row([
            "sourcedId", "status", "dateLastModified", "birthDate", "sex", "americanIndianOrAlaskaNative", "asian",
            "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander", "white", "demographicRaceTwoOrMoreRaces",
            "hispanicOrLatinoEthnicity", "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
            "publicSchoolResidenceStatus",
        ])
        var studentsBySchool = Array(repeating: [Int](), count: schools)
        var familyOf = [Int](repeating: 0, count: students)
        var gradeOf = [Int](repeating: 0, count: students)
        for i in 0..<students {
            let school = i % schools
            studentsBySchool[school].append(i)
            let s = schoolRows[school]
            let gradeNumber = Int.random(in: s.grades, using: &rng)
            gradeOf[i] = gradeNumber
            let grade = gradeNumber == 0 ? "KG" : (gradeNumber < 10 ? "0\(gradeNumber)" : "\(gradeNumber)")
            let given = SampleNames.given.randomElement(using: &rng)!
            // `randomElement` by index (the same draw), to give the family name to the guardians.
            familyOf[i] = Int.random(in: 0..<SampleNames.family.count, using: &rng)
            let family = SampleNames.family[familyOf[i]]
            users.row([
                "stu-\(i + 1)", "", "", "true", s.id, "student", "s\(1_000_000 + i + 1)", "", given, family, "",
                String(1_000_000 + i + 1), "", "", "", "", grade, "", "",
            ])
            var race = Array(repeating: "false", count: 6)
            race[Int.random(in: 0..<6, using: &rng)] = "true"
            let hispanic = Int.random(in: 0..<4, using: &rng) == 0 ? "true" : "false"
            let year = 2026 - 5 - gradeNumber
            let birth = "\(year)-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng))"
            demo.row(
                ["stu-\(i + 1)", "", "", birth, Bool.random(using: &rng) ? "female" : "male"] + race
                    + [hispanic, "US", "", "", ""])
        }
        for t in 0..<max(1, schools) {
            users.row([
                "tch-\(t + 1)", "", "", "true", schoolRows[t].id, "teacher", "t\(t + 1)", "", "Pat", "Teacher\(t + 1)",
                "",
                "T\(t + 1)", "t\(t + 1)@\(Self.domain)", "", "", "", "", "", "",
            ])
        }
        var guardians = SampleGuardians(seed: seed)
        guardians.write(
            students: students, family: { familyOf[$0] }, org: { schoolRows[$0 % schools].id }, into: &users)
        summary.guardians = guardians.guardians
        summary.guardianLinks = guardians.links
        try users.write(to: (or as NSString).appendingPathComponent("users.csv"))
        try demo.write(to: (or as NSString).appendingPathComponent("demographics.csv"))

        // Partners, programs and sites; then participation so rosters hold about 10–40 students.
        let directory = makeDirectory(schoolRows: schoolRows.map { ($0.number, $0.name) }, rng: &rng)
        summary.partners = directory.partners.count
        summary.sites = directory.sites.count
        var participation = CSVText(capacity: students * 40)
        participation.row(RosterDatabase.participationColumns)
        for site in directory.sites {
            let program = directory.program(id: site.programID)!
            let pool = studentsBySchool[Int(site.schoolNumber)! - 101]
            guard !pool.isEmpty else { continue }
            let target = Int.random(in: 10...40, using: &rng)
            let p = min(1.0, Double(target) / Double(pool.count))
            for i in pool where Double.random(in: 0..<1, using: &rng) < p {
                let roll = Int.random(in: 0..<100, using: &rng)
                // Most started with the school year; some joined later, some have left.
                let start =
                    roll < 80 ? Self.yearStart : Self.yearStart.adding(days: 7 * Int.random(in: 1...20, using: &rng))
                let end = roll >= 94 ? start.adding(days: 7 * Int.random(in: 2...12, using: &rng)).description : ""
                participation.row([String(1_000_000 + i + 1), site.schoolNumber, program.code, start.description, end])
                summary.participations += 1
            }
        }
        try participation.write(to: (out as NSString).appendingPathComponent("participation.csv"))
        try SampleOutcomes.write(
            to: (out as NSString).appendingPathComponent("outcomes"), students: students, seed: seed,
            school: { schoolRows[$0 % schools].number }, grade: { gradeOf[$0] })
        try PartnersYAML.render(
            directory,
            generator: "rostermail sample-district --students \(students) --schools \(schools) --seed \(seed)"
        )
        .write(toFile: (out as NSString).appendingPathComponent("partners.yaml"), atomically: true, encoding: .utf8)
        return summary
    }

    func makeDirectory(schoolRows: [(number: String, name: String)], rng: inout SeededGenerator) -> Directory {
        let schools = schoolRows.enumerated().map { i, s in
            School(
                number: s.number, name: s.name,
                coordinator: Person(
                    name: "\(SampleNames.contactNames[(i + 5) % SampleNames.contactNames.count]) (CSC)",
                    email: "csc.\(s.number)@\(Self.domain)"))
        }
        let partnerCount = max(4, schoolRows.count / 8 + 3)
        var partners: [Partner] = []
        for p in 0..<partnerCount {
            let word = SampleNames.partnerWords[p % SampleNames.partnerWords.count]
            let round = p / SampleNames.partnerWords.count
            let name = "\(word)\(round > 0 ? " \(round + 1)" : "") (fictional)"
            let pid = Self.slug(word) + (round > 0 ? "-\(round + 1)" : "")
            let partnerDomain = "\(pid).example"
            var programs: [Program] = []
            for k in 0..<Int.random(in: 1...2, using: &rng) {
                let kind = SampleNames.programKinds[(p + k) % SampleNames.programKinds.count]
                let progID = "\(pid)-\(Self.slug(kind.0))"
                let code = "\(kind.1)\(String(format: "%03d", p + 1))"
                let served = min(schoolRows.count, Int.random(in: 1...12, using: &rng))
                let start = Int.random(in: 0..<schoolRows.count, using: &rng)
                let sites = (0..<served).map { j -> Site in
                    let school = schoolRows[(start + j) % schoolRows.count].number
                    let contacts = (0..<Int.random(in: 1...3, using: &rng)).map { c -> Person in
                        let n = SampleNames.contactNames[(p * 3 + j + c) % SampleNames.contactNames.count]
                        return Person(name: n, email: "\(Self.slug(n)).\(school)@\(partnerDomain)")
                    }
                    return Site(programID: progID, schoolNumber: school, contacts: contacts)
                }
                programs.append(
                    Program(id: progID, partnerID: pid, code: code, name: "\(word) \(kind.0)", sites: sites))
            }
            partners.append(Partner(id: pid, name: name, programs: programs))
        }
        return Directory(schools: schools, partners: partners)
    }

    static func slug(_ s: String) -> String {
        let folded = s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var out = ""
        for ch in folded where ch.isASCII {
            if ch.isLetter || ch.isNumber { out.append(ch) } else if !out.hasSuffix("-") { out.append("-") }
        }
        return String(out.trimmingCharacters(in: CharacterSet(charactersIn: "-")))
    }
}
