import Foundation
import Roster

/// A student as imported: the columns of the `student` table.
struct StudentRow: Equatable {
    var sourcedID: String
    var number: String
    var schoolNumber: String
    var givenName: String
    var familyName: String
    var middleName: String
    var grade: String?
    var gender: String?
    var raceEthnicity: String?
    var birthDate: String?
    var active: Bool
    /// `tobedeleted` in a delta file.
    var deleted = false
    /// users.csv line, for error messages.
    var line = 0
}

extension StudentRow {
    /// Equal in every stored column (line and deletion flag are not stored).
    func hasSameData(as o: StudentRow) -> Bool {
        sourcedID == o.sourcedID && number == o.number && schoolNumber == o.schoolNumber && givenName == o.givenName
            && familyName == o.familyName && middleName == o.middleName && grade == o.grade && gender == o.gender
            && raceEthnicity == o.raceEthnicity && birthDate == o.birthDate && active == o.active
    }
}

struct SchoolRow: Equatable {
    var sourcedID: String
    var number: String
    var name: String
}

struct Demographics: Equatable {
    var gender: String?
    var raceEthnicity: String?
    var birthDate: String?
}

/// One thread's parser copy. Each slot is written by exactly one `concurrentPerform` iteration and read
/// only after `concurrentPerform` returns, which orders the accesses: hence `@unchecked Sendable`.
final class ParseSlot: @unchecked Sendable {
    var parser: OneRosterParser
    var error: (any Error)?
    /// Wall time of this slot's work, for `ROSTERMAIL_IMPORT_TIMING`.
    var seconds = 0.0

    init(_ parser: OneRosterParser) { self.parser = parser }
}

enum FileMode: String {
    case bulk, delta, absent
}

/// Reads and validates a OneRoster 1.0/1.1/1.2 bundle into rows. Pure: bytes in, rows and problems out.
struct OneRosterParser {
    var version = ""
    var modes: [String: FileMode] = [:]
    var schools: [SchoolRow] = []
    var deletedSchools: [String] = []
    var students: [StudentRow] = []
    /// Guardians (role parent, guardian, relative, relativeOf) in users.csv order.
    var guardians: [GuardianRow] = []
    /// The student sourcedIds of all guardians, back to back (``GuardianRow/students``).
    var guardianStudents: [String] = []
    /// Demographics by user sourcedId, in demographics.csv order.
    var demographics = DemographicsTable()
    var ignored = 0
    var problems: [String] = []
    /// SHA-256 of the bundle (``OneRosterBundle/hash``), computed by ``parse(_:)`` on the demographics
    /// thread while the other parses users.csv (the two threads take about as long): it adds no wall time.
    var bundleHash = ""
    /// Wall time of the users and the demographics threads of ``parse(_:)``.
    var threadSeconds = (users: 0.0, demographics: 0.0)

    /// users.csv is read in two parts on two threads (with demographics.csv on a third task) above this
    /// size: with guardians it is three times the size of demographics.csv.
    static let usersSplitBytes = 4_000_000

    mutating func parse(_ bundle: OneRosterBundle, splitUsersAbove: Int = usersSplitBytes) throws {
        try parseManifest(bundle.files["manifest.csv"]!)
        guard ["1.0", "1.1", "1.2"].contains(version) else {
            problems.append("manifest.csv: oneroster.version is “\(version)”; supported: 1.0, 1.1, 1.2")
            return
        }
        for (key, mode) in modes where mode != .absent && bundle.files["\(key).csv"] == nil {
            problems.append("manifest.csv: file.\(key) is \(mode.rawValue) but \(key).csv is not in the bundle")
        }
        if let orgs = bundle.files["orgs.csv"], modes["orgs", default: .absent] != .absent { try parseOrgs(orgs) }
        var roles: [String: (role: String, org: String)] = [:]
        if version == "1.2", let data = bundle.files["roles.csv"], modes["roles", default: .absent] != .absent {
            roles = try parseRoles(data)
        }
        // users.csv and demographics.csv are independent: parse them on two threads, then merge. A large
        // users.csv is read in two parts (the second from the first record after its middle, with the
        // header of the first): three tasks that two cores finish about together.
        let users = modes["users", default: .absent] != .absent ? bundle.files["users.csv"] : nil
        let demo = modes["demographics", default: .absent] != .absent ? bundle.files["demographics.csv"] : nil
        let second: (offset: Int, line: Int, header: CSVHeader)? =
            if let users, users.count > splitUsersAbove,
                let start = CSVReader.recordStart(in: users, atOrAfter: users.count / 2),
                let header = Self.header(of: users)
            {
                (start.offset, start.line, header)
            } else {
                nil
            }
        let slots = [ParseSlot(self), ParseSlot(self), ParseSlot(self)]
        let roleTable = roles
        DispatchQueue.concurrentPerform(iterations: second == nil ? 2 : 3) { i in
            let slot = slots[i]
            let start = DispatchTime.now().uptimeNanoseconds
            defer { slot.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
            do {
                if i == 0, let users {
                    try slot.parser.parseUsers(second.map { users[..<$0.offset] } ?? users, roles: roleTable)
                }
                if i == 1 {
                    if let demo { try slot.parser.parseDemographics(demo) }
                    slot.parser.bundleHash = bundle.hash
                }
                if i == 2, let users, let second {
                    try slot.parser.parseUsers(
                        users[second.offset...], roles: roleTable, header: second.header, firstLine: second.line)
                }
            } catch {
                slot.error = error
            }
        }
        for slot in slots { if let e = slot.error { throw e } }
        // Moved out of the slots (not copied): the first part's arrays then grow in place.
        let demoSlot = slots[1].parser
        let base = problems.count
        var part2 = OneRosterParser()
        swap(&part2, &slots[2].parser)
        swap(&self, &slots[0].parser)
        let offset = guardianStudents.count
        students.append(contentsOf: part2.students)
        ignored += part2.ignored
        guardians.reserveCapacity(guardians.count + part2.guardians.count)
        for var g in part2.guardians {
            g.students = (g.students.lowerBound + offset)..<(g.students.upperBound + offset)
            guardians.append(g)
        }
        guardianStudents.append(contentsOf: part2.guardianStudents)
        demographics = demoSlot.demographics
        bundleHash = demoSlot.bundleHash
        threadSeconds = (slots[0].seconds + slots[2].seconds, slots[1].seconds)
        problems += part2.problems.dropFirst(base) + demoSlot.problems.dropFirst(base)
    }

    /// The header of a CSV file (its first record), or nil if it has none.
    static func header(of data: Data) -> CSVHeader? {
        var header: CSVHeader?
        let end = data.firstIndex(of: 10).map { $0 + 1 } ?? data.endIndex
        try? CSVReader.forEachRecord(in: data[..<end], file: "") { r in if header == nil { header = CSVHeader(r) } }
        return header
    }

    mutating func parseManifest(_ data: Data) throws {
        try CSVReader.forEachRecord(in: data, file: "manifest.csv") { r in
            guard let key = r[0]?.trimmingCharacters(in: .whitespaces),
                let value = r[1]?.trimmingCharacters(in: .whitespaces)
            else { return }
            if key == "oneroster.version" { version = value }
            if key.hasPrefix("file.") {
                let name = String(key.dropFirst(5))
                guard let mode = FileMode(rawValue: value.lowercased()) else {
                    problems.append("manifest.csv:\(r.line): \(key) is “\(value)”; expected bulk, delta or absent")
                    return
                }
                modes[name] = mode
            }
        }
    }

    /// A row handler: reads one data row through a ``FieldReader`` and records it (or a problem).
    typealias RowHandler = (inout OneRosterParser, inout FieldReader) throws -> Void

    /// Reads a file with a header. `columns` is called once with the header and returns the row handler,
    /// which reads fields by the positions it resolved there. Missing required columns are one problem.
    ///
    /// With `header`, `data` is a later part of the file (from ``CSVReader/recordStart(in:atOrAfter:)``,
    /// starting on line `firstLine`): every record is a row, and missing columns are not reported again.
    mutating func table(
        _ data: Data, file: String, required: [String], header: CSVHeader? = nil, firstLine: Int = 1,
        _ columns: (CSVHeader) -> RowHandler
    ) throws {
        var handler: RowHandler?
        var isHeader = header == nil
        if let header, required.allSatisfy({ header.column($0) != nil }) { handler = columns(header) }
        try CSVReader.forEachRecord(in: data, file: file, firstLine: firstLine) { r in
            if isHeader {
                isHeader = false
                let h = CSVHeader(r)
                let absent = required.filter { h.column($0) == nil }
                if absent.isEmpty {
                    handler = columns(h)
                } else {
                    problems.append("\(file):1: missing column(s) \(absent.joined(separator: ", "))")
                }
                return
            }
            guard let handler else { return }
            var fields = FieldReader(r)
            try handler(&self, &fields)
            if fields.badUTF8 { problems.append("\(file):\(r.line): not valid UTF-8; export the file as UTF-8") }
        }
    }

    mutating func parseOrgs(_ data: Data) throws {
        try table(data, file: "orgs.csv", required: ["sourcedId", "name", "type"]) { h in
            let cID = h.column("sourcedId"), cName = h.column("name"), cType = h.column("type")
            let cStatus = h.column("status"), cIdentifier = h.column("identifier")
            return { p, get in
                guard get(cType).lowercased() == "school" else { return }
                let id = get(cID), name = get(cName)
                guard !id.isEmpty else { return p.problems.append("orgs.csv:\(get.line): sourcedId is empty") }
                if get(cStatus) == "tobedeleted" { return p.deletedSchools.append(id) }
                guard !name.isEmpty, !Self.hasControl(name) else {
                    return p.problems.append("orgs.csv:\(get.line): school name is empty or has a control character")
                }
                let identifier = get(cIdentifier)
                p.schools.append(SchoolRow(sourcedID: id, number: identifier.isEmpty ? id : identifier, name: name))
            }
        }
    }

    mutating func parseRoles(_ data: Data) throws -> [String: (role: String, org: String)] {
        var out: [String: (role: String, org: String)] = [:]
        try table(data, file: "roles.csv", required: ["userSourcedId", "role", "orgSourcedId"]) { h in
            let cUser = h.column("userSourcedId"), cRole = h.column("role"), cOrg = h.column("orgSourcedId")
            let cRoleType = h.column("roleType")
            return { _, get in
                let role = get(cRole).lowercased()
                let user = get(cUser)
                if out[user] == nil || (Self.isStudent(role) && get(cRoleType) == "primary") {
                    out[user] = (role, get(cOrg))
                }
            }
        }
        return out
    }

    mutating func parseUsers(
        _ data: Data, roles: [String: (role: String, org: String)], header: CSVHeader? = nil, firstLine: Int = 1
    ) throws {
        let v12 = version == "1.2"
        let required =
            v12
            ? ["sourcedId", "givenName", "familyName", "identifier"]
            : ["sourcedId", "role", "orgSourcedIds", "givenName", "familyName", "identifier"]
        // About 75 bytes a row in SIS exports: one allocation instead of ~20 regrowths.
        students.reserveCapacity(data.count / 64)
        try table(data, file: "users.csv", required: required, header: header, firstLine: firstLine) { h in
            let cID = h.column("sourcedId"), cRole = h.column("role"), cOrgs = h.column("orgSourcedIds")
            let cPrimaryOrg = h.column("primaryOrgSourcedId"), cStatus = h.column("status")
            let cGiven = h.column("givenName"), cFamily = h.column("familyName"), cMiddle = h.column("middleName")
            let cNumber = h.column("identifier"), cGrades = h.column("grades"), cEnabled = h.column("enabledUser")
            let guardianColumns = GuardianColumns(h)
            return { p, get in
                let id = get(cID)
                let student = v12 ? Self.isStudent(roles[id]?.role ?? "") : get.equals(cRole, ignoringCase: "student")
                guard student else {
                    if v12 ? Self.isGuardian(roles[id]?.role ?? "") : Self.isGuardian(&get, role: cRole) {
                        p.addGuardian(&get, id: id, columns: guardianColumns)
                    } else {
                        p.ignored += 1
                    }
                    return
                }
                let line = get.line
                var at: String { "users.csv:\(line)" }
                guard !id.isEmpty else { return p.problems.append("\(at): sourcedId is empty") }
                let org: String
                if v12 {
                    let primary = get(cPrimaryOrg)
                    org = primary.isEmpty ? (roles[id]?.org ?? "") : primary
                } else {
                    org = Self.firstListItem(get(cOrgs))
                }
                let deleted = get.equals(cStatus, ignoringCase: "tobedeleted")
                let given = get(cGiven), family = get(cFamily), number = get(cNumber)
                if deleted {
                    return p.students.append(
                        StudentRow(
                            sourcedID: id, number: number, schoolNumber: org, givenName: given, familyName: family,
                            middleName: get(cMiddle), grade: nil, active: false, deleted: true, line: line))
                }
                guard !number.isEmpty else {
                    return p.problems.append(
                        "\(at): student \(id) has no identifier (student number); fix it in the SIS export")
                }
                guard !given.isEmpty, !family.isEmpty else {
                    return p.problems.append("\(at): student \(id) has an empty givenName or familyName")
                }
                let middle = get(cMiddle)
                guard !Self.hasControl(given), !Self.hasControl(family), !Self.hasControl(middle) else {
                    return p.problems.append(
                        "\(at): student \(id) has a control character (line break, tab or NUL) in a name")
                }
                guard !org.isEmpty else {
                    return p.problems.append("\(at): student \(id) has no school (orgSourcedIds)")
                }
                var grade: String?
                let first = Self.firstListItem(get(cGrades))
                if !first.isEmpty {
                    guard Grade(ceds: first) != nil else {
                        return p.problems.append(
                            "\(at): student \(id) has grade “\(first)”; use a CEDS code (KG, 01 … 12, PK, …)")
                    }
                    grade = first
                }
                let enabled = !get.equals(cEnabled, ignoringCase: "false")
                p.students.append(
                    StudentRow(
                        sourcedID: id, number: number, schoolNumber: org, givenName: given, familyName: family,
                        middleName: middle, grade: grade, active: enabled, line: line))
            }
        }
    }

    /// The race flag columns of demographics.csv and the value each stores.
    static let raceColumns = [
        ("americanIndianOrAlaskaNative", "american_indian_or_alaska_native"), ("asian", "asian"),
        ("blackOrAfricanAmerican", "black_or_african_american"),
        ("nativeHawaiianOrOtherPacificIslander", "native_hawaiian_or_other_pacific_islander"),
        ("white", "white"),
    ]

    mutating func parseDemographics(_ data: Data) throws {
        demographics.reserveCapacity(data.count / 96)
        try table(data, file: "demographics.csv", required: ["sourcedId"]) { h in
            let cID = h.column("sourcedId"), cSex = h.column("sex"), cBirth = h.column("birthDate")
            let cHispanic = h.column("hispanicOrLatinoEthnicity")
            let cTwoOrMore = h.column("demographicRaceTwoOrMoreRaces")
            // Positions only: the values are looked up when a flag is set (reading a (column, value) pair
            // would retain and release the value, a heap string, five times a row).
            let races = Self.raceColumns.map { h.column($0.0) }
            return { p, get in
                let id = get(cID)
                guard !id.isEmpty else {
                    return p.problems.append("demographics.csv:\(get.line): sourcedId is empty")
                }
                let sex = get(cSex).lowercased()
                switch sex {
                case "", "male", "female", "other", "unspecified": break
                default:
                    return p.problems.append(
                        "demographics.csv:\(get.line): sex is “\(sex)”; expected male, female, other or unspecified")
                }
                let birth = get(cBirth)
                if !birth.isEmpty, !Self.isISODay(birth) {
                    return p.problems.append("demographics.csv:\(get.line): birthDate “\(birth)” is not YYYY-MM-DD")
                }
                // The first race flagged, unless Hispanic or Latino (which wins) or more than one.
                var race: String?
                var flagged = 0
                for (k, column) in races.enumerated() where get.equals(column, ignoringCase: "true") {
                    flagged += 1
                    if race == nil { race = Self.raceColumns[k].1 }
                }
                if get.equals(cHispanic, ignoringCase: "true") {
                    race = "hispanic_or_latino"
                } else if get.equals(cTwoOrMore, ignoringCase: "true") || flagged > 1 {
                    race = "two_or_more_races"
                }
                p.demographics.add(
                    id: id,
                    Demographics(
                        gender: sex.isEmpty ? nil : sex, raceEthnicity: race, birthDate: birth.isEmpty ? nil : birth),
                    line: get.line)
            }
        }
        demographics.finish()
    }

    /// `CalendarDay(iso:)` without its generic entry point (unspecialized across the module boundary, it
    /// allocated and looked up generic metadata for each of 500 000 birth dates): YYYY-MM-DD, a real day.
    static func isISODay(_ text: String) -> Bool {
        let u = text.utf8
        guard u.count == 10 else { return false }
        var digits = (0, 0, 0)  // year, month, day
        for (i, c) in u.enumerated() {
            if i == 4 || i == 7 {
                guard c == UInt8(ascii: "-") else { return false }
                continue
            }
            guard c >= 48 && c <= 57 else { return false }
            let d = Int(c - 48)
            if i < 4 {
                digits.0 = digits.0 * 10 + d
            } else if i < 7 {
                digits.1 = digits.1 * 10 + d
            } else {
                digits.2 = digits.2 * 10 + d
            }
        }
        return CalendarDay(year: digits.0, month: digits.1, day: digits.2) != nil
    }

    /// The first non-empty item of a comma-separated list, trimmed: `split(separator: ",").first` (which
    /// skips empty items) without building the array.
    static func firstListItem(_ s: String) -> String {
        let u = s.utf8
        guard let start = u.firstIndex(where: { $0 != UInt8(ascii: ",") }) else { return "" }
        let end = u[start...].firstIndex(of: UInt8(ascii: ",")) ?? u.endIndex
        return trimASCII(s[start..<end])
    }

    /// Drops leading and trailing ASCII spaces and tabs (cheaper than Foundation's trimming on Linux).
    static func trimASCII(_ s: Substring) -> String {
        let u = s.utf8
        guard let first = u.firstIndex(where: { $0 != 32 && $0 != 9 }) else { return "" }
        let last = u.lastIndex(where: { $0 != 32 && $0 != 9 })!
        return String(s[first...last])
    }

    static func isStudent(_ role: String) -> Bool { equalsIgnoringCase(role, "student") }

    /// ASCII case-insensitive equality without allocating (`expected` is lower-case ASCII).
    static func equalsIgnoringCase(_ value: String, _ expected: StaticString) -> Bool {
        let e = UnsafeBufferPointer(start: expected.utf8Start, count: expected.utf8CodeUnitCount)
        guard value.utf8.count == e.count else { return false }
        return zip(value.utf8, e).allSatisfy { a, b in a == b || (a >= 65 && a <= 90 && a + 32 == b) }
    }

    /// A C0 control, DEL, or a line/paragraph separator (U+2028/2029: E2 80 A8/A9 in UTF-8). Scanned on
    /// the UTF-8 bytes, which is several times faster than decoding scalars for three names a row.
    static func hasControl(_ s: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for b in s.utf8 {
            if b < 0x20 || b == 0x7F { return true }
            if previous == (0xE2, 0x80) && (b == 0xA8 || b == 0xA9) { return true }
            previous = (previous.1, b)
        }
        return false
    }
}
