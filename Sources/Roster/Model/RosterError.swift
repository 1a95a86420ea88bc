/// A domain error: what was wrong, where (file:line or field) and what to do.
public struct RosterError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case templateSyntax
        case templateUnknownVariable
        case templateOutput
        case invalidMessage
    }

    public let code: Code
    /// Where: `Templates/roster.txt.mustache:12:5`, a field name, a site id.
    public let location: String
    public let message: String

    public init(_ code: Code, location: String, _ message: String) {
        self.code = code
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
