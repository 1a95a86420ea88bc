import Mustache

/// The three roster-email templates, compiled. Compilation is pure: the caller reads the files.
public struct RosterTemplates: Sendable {
    /// One template's source and the file it came from (for error messages).
    public struct Source: Sendable {
        public var file: String
        public var text: String

        public init(file: String, text: String) {
            self.file = file
            self.text = text
        }
    }

    let subject: MustacheTemplate
    let text: MustacheTemplate
    let html: MustacheTemplate
    let files: (subject: String, text: String, html: String)

    /// Compiles and checks the templates: syntax errors and unknown variable names are reported with
    /// file and line. Subject and text are rendered without HTML escaping, the HTML with it.
    public init(subject: Source, text: Source, html: Source) throws(RosterError) {
        self.subject = try Self.compile(subject, textMode: true)
        self.text = try Self.compile(text, textMode: true)
        self.html = try Self.compile(html, textMode: false)
        self.files = (subject.file, text.file, html.file)
    }

    static func compile(_ source: Source, textMode: Bool) throws(RosterError) -> MustacheTemplate {
        try TemplateVariables.check(source)
        return try compileChecked(source, textMode: textMode)
    }

    /// Compiles a template whose variables the caller has checked.
    static func compileChecked(_ source: Source, textMode: Bool) throws(RosterError) -> MustacheTemplate {
        // The pragma goes on the first line without a newline, so line numbers stay those of the file.
        _ = FastHTMLContentType.registered
        let pragma = textMode ? "{{% CONTENT_TYPE: TEXT}}" : "{{% CONTENT_TYPE: \(FastHTMLContentType.name)}}"
        let body = pragma + source.text
        do {
            return try MustacheTemplate(string: body)
        } catch let error as MustacheTemplate.ParserError {
            // The pragma shifts the columns of the first line only.
            let c = error.context
            let column = max(1, c.columnNumber - (c.lineNumber == 1 ? pragma.count : 0))
            throw RosterError(
                .templateSyntax, location: "\(source.file):\(c.lineNumber):\(column)",
                "template syntax error (\(error.error)) near “\(error.context.line.trimmingCharacters(in: .whitespaces))”; fix the tag on that line"
            )
        } catch {
            throw RosterError(.templateSyntax, location: source.file + ":1:1", "template syntax error: \(error)")
        }
    }
}
