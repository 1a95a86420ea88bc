/// A store-level failure: what, where (file:line, site, outbox id) and what to do.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case cannotOpen
        case importRejected
        case unreadableInput
        case notFound
        case inconsistent
        /// Another process holds the store (a running daemon or sender): try again once it has stopped.
        case busy
    }

    public let code: Code
    public let location: String
    public let message: String
    /// For `importRejected`: every bad row, `file:line: reason`.
    public let problems: [String]

    public init(_ code: Code, location: String, _ message: String, problems: [String] = []) {
        self.code = code
        self.location = location
        self.message = message
        self.problems = problems
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
