import MailMessage

/// Guardians in users.csv: users whose role is `parent`, `guardian`, `relative` (1.1) or `relativeOf`
/// (1.2), with their students in `agentSourcedIds`. Read on the users.csv thread, by column positions
/// resolved once, like students.
extension OneRosterParser {
    /// The positions of the guardian fields of users.csv.
    struct GuardianColumns {
        let given: Int?, family: Int?, email: Int?, agents: Int?, language: Int?, status: Int?, enabled: Int?

        /// The preferred language columns, in the order they are looked for: 1.2 style, singular, and the
        /// 1.1 extension (`metadata.` columns).
        static let languageColumns = [
            "preferredLanguages", "preferredLanguage", "metadata.preferredLanguage", "metadata.preferredLanguages",
        ]

        init(_ h: CSVHeader) {
            given = h.column("givenName")
            family = h.column("familyName")
            email = h.column("email")
            agents = h.column("agentSourcedIds")
            language = Self.languageColumns.lazy.compactMap { h.column($0) }.first
            status = h.column("status")
            enabled = h.column("enabledUser")
        }
    }

    /// A 1.2 role (from roles.csv) that makes a user a guardian.
    static func isGuardian(_ role: String) -> Bool {
        equalsIgnoringCase(role, "parent") || equalsIgnoringCase(role, "guardian")
            || equalsIgnoringCase(role, "relativeof") || equalsIgnoringCase(role, "relative")
    }

    /// The 1.1 `role` field of this row makes the user a guardian (compared on the bytes).
    static func isGuardian(_ get: inout FieldReader, role column: Int?) -> Bool {
        get.equals(column, ignoringCase: "parent") || get.equals(column, ignoringCase: "guardian")
            || get.equals(column, ignoringCase: "relativeof") || get.equals(column, ignoringCase: "relative")
    }

    /// Reads one guardian row into ``guardians`` (students into ``guardianStudents``), or a problem. The
    /// messages name the row and the sourcedId, never a name or an address.
    mutating func addGuardian(_ get: inout FieldReader, id: String, columns c: GuardianColumns) {
        let line = get.line
        let at = "users.csv:\(line)"
        guard !id.isEmpty else { return problems.append("\(at): sourcedId is empty") }
        let given = get(c.given), family = get(c.family)
        if get.equals(c.status, ignoringCase: "tobedeleted") {
            return guardians.append(
                GuardianRow(
                    sourcedID: id, givenName: given, familyName: family, email: nil, language: nil, active: false,
                    deleted: true, line: line))
        }
        guard !given.isEmpty, !family.isEmpty else {
            return problems.append("\(at): guardian \(id) has an empty givenName or familyName")
        }
        guard !Self.hasControl(given), !Self.hasControl(family) else {
            return problems.append(
                "\(at): guardian \(id) has a control character (line break, tab or NUL) in a name")
        }
        let email = get(c.email)
        if !email.isEmpty, (try? MailAddress(email)) == nil {
            return problems.append(
                "\(at): guardian \(id) has an email that is not one plain address (name@domain, ASCII, no spaces "
                    + "or brackets); correct it in the SIS or leave it empty")
        }
        let language = Self.firstListItem(get(c.language)).lowercased()
        if !language.isEmpty, !Self.isLanguageTag(language) {
            return problems.append(
                "\(at): guardian \(id) has preferred language “\(language)”; use a language code such as en, es, "
                    + "spa or es-MX")
        }
        let first = guardianStudents.count
        for item in get(c.agents).split(separator: ",") {
            let student = Self.trimASCII(item)
            if student.isEmpty || guardianStudents[first...].contains(student) { continue }
            guardianStudents.append(student)
        }
        guardians.append(
            GuardianRow(
                sourcedID: id, givenName: given, familyName: family, email: email.isEmpty ? nil : email,
                language: language.isEmpty ? nil : language, active: !get.equals(c.enabled, ignoringCase: "false"),
                line: line, students: first..<guardianStudents.count))
    }

    /// A language code as SISs write them (BCP 47 `es-MX`, ISO 639-2 `spa`, POSIX-style `en_us`), lower-cased:
    /// 2 to 35 ASCII letters, digits, `-` or `_`, starting with a letter.
    static func isLanguageTag(_ s: String) -> Bool {
        let u = s.utf8
        guard (2...35).contains(u.count), let first = u.first, first >= 97 && first <= 122 else { return false }
        return u.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
    }
}
