import Mustache

/// The release-request templates (subject, text, HTML) in each language we have them for, compiled and
/// checked like the roster templates (unknown variables and syntax errors with file and line). Pure: the
/// caller reads the files.
public struct ReleaseTemplates: Sendable {
    /// Languages with templates; a guardian with another (or no) language gets every one of them.
    public static let languages = ["en", "es"]

    struct Set_: Sendable {
        let subject: MustacheTemplate
        let text: MustacheTemplate
        let html: MustacheTemplate
    }

    let byLanguage: [String: Set_]

    static let top: Set<String> = [
        "district_name", "community_schools_name", "community_schools_address", "guardian_name", "partner_name",
        "purpose", "expires", "reply_address", "children", "child_count", "measures", "csc_name", "csc_email",
        "is_reminder", "round",
    ]
    static let item: Set<String> = [
        "name", "given_name", "family_name", "school_name", "program_name", "grade", "number", "label",
    ]

    /// `sources[language] = (subject, text, html)`.
    public init(
        _ sources: [String: (
            subject: RosterTemplates.Source, text: RosterTemplates.Source, html: RosterTemplates.Source
        )]
    ) throws(RosterError) {
        var out: [String: Set_] = [:]
        let known = Self.top.union(Self.item).union(["."])
        let hint =
            "known names: \(Self.top.sorted().joined(separator: ", ")); inside {{#children}} and {{#measures}}: "
            + Self.item.sorted().joined(separator: ", ")
        for (language, s) in sources {
            for source in [s.subject, s.text, s.html] {
                try TemplateVariables.check(source, known: known, hint: hint)
            }
            out[language] = Set_(
                subject: try RosterTemplates.compileChecked(s.subject, textMode: true),
                text: try RosterTemplates.compileChecked(s.text, textMode: true),
                html: try RosterTemplates.compileChecked(s.html, textMode: false))
        }
        byLanguage = out
    }

    /// The languages a guardian's email is written in: theirs when we have templates for it (`es`, `spa`,
    /// `es-MX` → `es`), else all of ours, English first.
    public func languages(for preferred: String?) -> [String] {
        if let code = Self.code(preferred), byLanguage[code] != nil { return [code] }
        return Self.languages.filter { byLanguage[$0] != nil }
    }

    /// Ours of a language the SIS wrote (`es`, `spa`, `es-MX` → `es`; `en`, `eng` → `en`), or nil.
    public static func code(_ preferred: String?) -> String? {
        let p = (preferred ?? "").lowercased()
        if p.hasPrefix("es") || p.hasPrefix("spa") { return "es" }
        if p.hasPrefix("en") || p.hasPrefix("eng") { return "en" }
        return nil
    }
}
