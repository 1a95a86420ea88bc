import Foundation
import Roster

/// Reads the release-request templates (`release.<language>.{subject,txt,html}.mustache`) from the templates
/// directory and compiles them; `check-config` runs this like the roster templates.
public enum ReleaseTemplateLoader {
    public static func files(_ language: String) -> [String] {
        ["subject", "txt", "html"].map { "release.\(language).\($0).mustache" }
    }

    public static func load(directory: String) throws(RosterError) -> ReleaseTemplates {
        func read(_ name: String) throws(RosterError) -> RosterTemplates.Source {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw RosterError(
                    .templateSyntax, location: path,
                    "cannot read the template (missing, unreadable or not UTF-8); restore it from the Templates folder")
            }
            return RosterTemplates.Source(file: path, text: text)
        }
        var sources:
            [String: (subject: RosterTemplates.Source, text: RosterTemplates.Source, html: RosterTemplates.Source)] =
                [:]
        for language in ReleaseTemplates.languages {
            let f = files(language)
            sources[language] = (try read(f[0]), try read(f[1]), try read(f[2]))
        }
        return try ReleaseTemplates(sources)
    }
}
