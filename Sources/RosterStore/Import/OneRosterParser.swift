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
    /// Demographics by user sourcedId, with the demographics.csv line.
    var demographics: [String: (Demographics, Int)] = [:]
    var ignored = 0
    var problems: [String] = []

    mutating func parse(_ bundle: OneRosterBundle) throws {
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
        // users.csv and demographics.csv are independent: parse them on two threads, then merge.
        let users = modes["users", default: .absent] != .absent ? bundle.files["users.csv"] : nil
        let demo = modes["demographics", default: .absent] != .absent ? bundle.files["demographics.csv"] : nil
        let slots = [ParseSlot(self), ParseSlot(self)]
        let roleTable = roles
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let slot = slots[i]
            do {
                if i == 0, let users { try slot.parser.parseUsers(users, roles: roleTable) }
                if i == 1, let demo { try slot.parser.parseDemographics(demo) }
            } catch {
                slot.error = error
            }
        }
        for slot in slots { if let e = slot.error { throw e } }
        students = slots[0].parser.students
        ignored = slots[0].parser.ignored
        demographics = slots[1].parser.demographics
        problems = slots[0].parser.problems + slots[1].parser.problems.dropFirst(problems.count)
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

    /// Reads a file with a header; calls `row` with an accessor of trimmed values by column name. Column
    /// positions are resolved once per file. Missing required columns are one problem.
    mutating func table(
        _ data: Data, file: String, required: [String],
        _ row: (inout OneRosterParser, CSVRecord, (String) -> String) throws -> Void
    ) throws {
        var columns: [String: Int]?
        var missing = false
        try CSVReader.forEachRecord(in: data, file: file) { r in
            guard let cols = columns else {
                let h = CSVHeader(r)
                columns = Dictionary(h.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                let absent = required.filter { h.column($0) == nil }
                if !absent.isEmpty {
                    problems.append("\(file):1: missing column(s) \(absent.joined(separator: ", "))")
                    missing = true
                }
                return
            }
            if missing { return }
            var badUTF8 = false
            let get: (String) -> String = { name in
                guard let c = cols[name] else { return "" }
                guard let v = r.trimmed(c) else {
                    badUTF8 = true
                    return ""
                }
                return v
            }
            try row(&self, r, get)
            if badUTF8 { problems.append("\(file):\(r.line): not valid UTF-8; export the file as UTF-8") }
        }
    }

    mutating func parseOrgs(_ data: Data) throws {
        try table(data, file: "orgs.csv", required: ["sourcedId", "name", "type"]) { p, r, get in
            guard get("type").lowercased() == "school" else { return }
            let id = get("sourcedId"), name = get("name")
            guard !id.isEmpty else { return p.problems.append("orgs.csv:\(r.line): sourcedId is empty") }
            if get("status") == "tobedeleted" { return p.deletedSchools.append(id) }
            guard !name.isEmpty, !Self.hasControl(name) else {
                return p.problems.append("orgs.csv:\(r.line): school name is empty or has a control character")
            }
            let number = get("identifier").isEmpty ? id : get("identifier")
            p.schools.append(SchoolRow(sourcedID: id, number: number, name: name))
        }
    }

    mutating func parseRoles(_ data: Data) throws -> [String: (role: String, org: String)] {
        var out: [String: (role: String, org: String)] = [:]
        try table(data, file: "roles.csv", required: ["userSourcedId", "role", "orgSourcedId"]) { _, _, get in
            let role = get("role").lowercased()
            let user = get("userSourcedId")
            if out[user] == nil || (Self.isStudent(role) && get("roleType") == "primary") {
                out[user] = (role, get("orgSourcedId"))
            }
        }
        return out
    }

    mutating func parseUsers(_ data: Data, roles: [String: (role: String, org: String)]) throws {
        let v12 = version == "1.2"
        let required =
            v12
            ? ["sourcedId", "givenName", "familyName", "identifier"]
            : ["sourcedId", "role", "orgSourcedIds", "givenName", "familyName", "identifier"]
        try table(data, file: "users.csv", required: required) { p, r, get in
            let id = get("sourcedId")
            let role = v12 ? (roles[id]?.role ?? "") : get("role")
            guard Self.isStudent(role) else {
                p.ignored += 1
                return
            }
            var at: String { "users.csv:\(r.line)" }
            guard !id.isEmpty else { return p.problems.append("\(at): sourcedId is empty") }
            let org: String
            if v12 {
                org = get("primaryOrgSourcedId").isEmpty ? (roles[id]?.org ?? "") : get("primaryOrgSourcedId")
            } else {
                org =
                    get("orgSourcedIds").split(separator: ",").first.map(Self.trimASCII)
                    ?? ""
            }
            let status = get("status")
            let given = get("givenName"), family = get("familyName"), number = get("identifier")
            if !status.isEmpty && Self.equalsIgnoringCase(status, "tobedeleted") {
                return p.students.append(
                    StudentRow(
                        sourcedID: id, number: number, schoolNumber: org, givenName: given, familyName: family,
                        middleName: get("middleName"), grade: nil, active: false, deleted: true, line: r.line))
            }
            guard !number.isEmpty else {
                return p.problems.append(
                    "\(at): student \(id) has no identifier (student number); fix it in the SIS export")
            }
            guard !given.isEmpty, !family.isEmpty else {
                return p.problems.append("\(at): student \(id) has an empty givenName or familyName")
            }
            guard !Self.hasControl(given), !Self.hasControl(family), !Self.hasControl(get("middleName")) else {
                return p.problems.append(
                    "\(at): student \(id) has a control character (line break, tab or NUL) in a name")
            }
            guard !org.isEmpty else { return p.problems.append("\(at): student \(id) has no school (orgSourcedIds)") }
            var grade: String?
            let grades = get("grades")
            if let first = grades.split(separator: ",").first.map(Self.trimASCII),
                !first.isEmpty
            {
                guard Grade(ceds: first) != nil else {
                    return p.problems.append(
                        "\(at): student \(id) has grade “\(first)”; use a CEDS code (KG, 01 … 12, PK, …)")
                }
                grade = first
            }
            let enabled = !Self.equalsIgnoringCase(get("enabledUser"), "false")
            p.students.append(
                StudentRow(
                    sourcedID: id, number: number, schoolNumber: org, givenName: given, familyName: family,
                    middleName: get("middleName"), grade: grade, active: enabled, line: r.line))
        }
    }

    mutating func parseDemographics(_ data: Data) throws {
        try table(data, file: "demographics.csv", required: ["sourcedId"]) { p, r, get in
            let id = get("sourcedId")
            guard !id.isEmpty else { return p.problems.append("demographics.csv:\(r.line): sourcedId is empty") }
            let sex = get("sex").lowercased()
            guard ["", "male", "female", "other", "unspecified"].contains(sex) else {
                return p.problems.append(
                    "demographics.csv:\(r.line): sex is “\(sex)”; expected male, female, other or unspecified")
            }
            let birth = get("birthDate")
            if !birth.isEmpty, CalendarDay(iso: birth) == nil {
                return p.problems.append("demographics.csv:\(r.line): birthDate “\(birth)” is not YYYY-MM-DD")
            }
            func yes(_ c: String) -> Bool { Self.equalsIgnoringCase(get(c), "true") }
            let races = [
                ("americanIndianOrAlaskaNative", "american_indian_or_alaska_native"), ("asian", "asian"),
                ("blackOrAfricanAmerican", "black_or_african_american"),
                ("nativeHawaiianOrOtherPacificIslander", "native_hawaiian_or_other_pacific_islander"),
                ("white", "white"),
            ].filter { yes($0.0) }.map(\.1)
            let race: String? =
                yes("hispanicOrLatinoEthnicity")
                ? "hispanic_or_latino"
                : (yes("demographicRaceTwoOrMoreRaces") || races.count > 1)
                    ? "two_or_more_races"
                    : races.first
            p.demographics[id] = (
                Demographics(
                    gender: sex.isEmpty ? nil : sex, raceEthnicity: race, birthDate: birth.isEmpty ? nil : birth),
                r.line
            )
        }
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

    static func hasControl(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }
}
