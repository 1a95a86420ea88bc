import Mustache

/// The values a roster template sees. Final classes conforming to `MustacheParent`: the renderer
/// looks names up through one cheap protocol cast instead of casting a `[String: Any]` dictionary
/// (a conditional conformance) at every tag, which dominated composition time.
final class TemplateContext: MustacheParent {
    let values: [String: Any]

    init(_ values: [String: Any]) { self.values = values }

    func child(named name: String) -> Any? { values[name] }
}

/// One student line of a roster, for `{{#students}}` and `{{#dropped}}`.
final class StudentContext: MustacheParent {
    let entry: RosterEntry

    init(_ entry: RosterEntry) { self.entry = entry }

    func child(named name: String) -> Any? {
        switch name {
        case "number": return TemplateText(entry.studentNumber)
        case "given_name": return TemplateText(entry.givenName)
        case "family_name": return TemplateText(entry.familyName)
        case "name": return TemplateText("\(entry.givenName) \(entry.familyName)")
        case "grade": return TemplateText(entry.grade?.label ?? "")
        case "release": return TemplateText(entry.releaseOnFile ? "yes" : "no")
        case "change": return TemplateText(entry.change.rawValue)
        case "is_new": return entry.change == .added
        default: return nil
        }
    }
}

/// A text value of a template, rendered exactly as the `String` it holds. swift-mustache renders a
/// `MustacheCustomRenderable` after two type casts, a plain `String` after five and a reflection pass
/// (`String(describing:)`); the per-student rows are most of a roster's tags. As a section it is truthy,
/// like any non-nil `String`.
struct TemplateText: MustacheCustomRenderable {
    let renderText: String
    var isNull: Bool { false }

    init(_ text: String) { renderText = text }
}

/// HTML escaping for the HTML template, on UTF-8 bytes (same output as swift-mustache's own HTML
/// content type, which looks every character up in a dictionary). Registered once under its own name.
struct FastHTMLContentType: MustacheContentType {
    static let name = "ROSTERMAIL_HTML"
    static let registered: Bool = {
        MustacheContentTypes.register(FastHTMLContentType(), named: name)
        return true
    }()

    func escapeText(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for b in utf8 {
            switch b {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
