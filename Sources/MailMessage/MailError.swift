/// A value that cannot be written into a message, with the field it came from and what to do about it.
public struct MailError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of value was rejected.
    public enum Code: String, Sendable {
        case invalidHeaderValue
        case invalidAddress
        case invalidHeaderName
        case invalidMessageID
    }

    public let code: Code
    /// The header or input the value belongs to, e.g. "To", "Subject", "From display name".
    public let field: String
    /// What was wrong and what to do, e.g. "contains a line break (CR or LF); remove it".
    public let message: String

    public init(code: Code, field: String, message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
