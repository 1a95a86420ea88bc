import Foundation

/// The names a roster template may use, and a check that finds misspelt ones before any mail goes out.
enum TemplateVariables {
    static let top: Set<String> = [
        "district_name", "community_schools_name", "community_schools_address", "school_name", "school_number",
        "partner_name", "program_name", "site_id", "contact_name", "csc_name", "csc_email", "week", "week_label",
        "week_start", "week_end", "student_count", "has_students", "students", "dropped", "has_dropped",
        "dropped_count", "reply_address",
    ]
    static let student: Set<String> = [
        "number", "given_name", "family_name", "name", "grade", "release", "change", "is_new",
    ]
    static var all: Set<String> { top.union(student).union(["."]) }

    /// Scans `{{…}}` tags (not comments, pragmas or partials) and rejects names a roster template never gets.
    static func check(_ source: RosterTemplates.Source) throws(RosterError) {
        try check(
            source, known: all,
            hint: "known names: \(top.sorted().joined(separator: ", ")); "
                + "inside {{#students}}: \(student.sorted().joined(separator: ", "))")
    }

    /// Scans `{{…}}` tags (not comments, pragmas or partials) and rejects names not in `known`; `hint` lists
    /// the names for the error message.
    static func check(_ source: RosterTemplates.Source, known: Set<String>, hint: String) throws(RosterError) {
        var line = 1
        var lineStart = 0
        let scalars = Array(source.text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\n" {
                line += 1
                lineStart = i + 1
            }
            guard scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" else {
                i += 1
                continue
            }
            let (tagLine, tagColumn) = (line, i - lineStart + 1)
            var j = i + 2
            var tag = ""
            while j + 1 < scalars.count, !(scalars[j] == "}" && scalars[j + 1] == "}") {
                if scalars[j] == "\n" {
                    line += 1
                    lineStart = j + 1
                }
                tag.unicodeScalars.append(scalars[j])
                j += 1
            }
            var name = Substring(tag)
            if let first = name.first, "!%>=".contains(first) {
                i = j + 2
                continue
            }
            while let first = name.first, "#^/&{".contains(first) { name = name.dropFirst() }
            if name.hasSuffix("}") { name = name.dropLast() }
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            let root = trimmed.split(separator: ".").first.map(String.init) ?? trimmed
            if !trimmed.isEmpty, !known.contains(trimmed), !known.contains(root) {
                throw RosterError(
                    .templateUnknownVariable, location: "\(source.file):\(tagLine):\(tagColumn)",
                    "unknown variable “\(trimmed)”; \(hint)")
            }
            i = j + 2
        }
    }
}
