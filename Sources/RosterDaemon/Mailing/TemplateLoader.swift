import Foundation
import Roster

/// Reads the roster templates from the templates directory and compiles them.
public enum TemplateLoader {
    public static let files = (
        subject: "roster.subject.mustache", text: "roster.txt.mustache", html: "roster.html.mustache"
    )

    public static func load(directory: String) throws(RosterError) -> RosterTemplates {
        func read(_ name: String) throws(RosterError) -> RosterTemplates.Source {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw RosterError(
                    .templateSyntax, location: path + ":1:1",
                    "cannot read the template (missing, unreadable or not UTF-8); restore it from the Templates folder")
            }
            return RosterTemplates.Source(file: path, text: text)
        }
        return try RosterTemplates(subject: read(files.subject), text: read(files.text), html: read(files.html))
    }
}
