/// Why a reply token was refused (or could not be made).
public struct ReplyTokenError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// Not the shape of a token (`r2026w49.<site key>.<mac>`): truncated, extra characters, bad week.
        case malformed
        /// The shape is right but the MAC does not verify under any key: forged or altered.
        case badMAC
        /// The MAC verifies but the kind letter is not one this version knows.
        case unknownKind
        /// The site key matches no site of the directory (site removed, or a forgery).
        case unknownSite
        /// A site id that cannot be put in a token (empty or characters outside `a-z 0-9 - _ .`).
        case invalidSiteID
        /// The secret is too short or unreadable.
        case weakSecret
    }

    public let code: Code
    /// What was wrong, for logs and the quarantine reason. Never contains the secret.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
