import Foundation
import Roster

/// Secrets never come from the YAML. The SMTP password is `$ROSTERMAIL_SMTP_PASSWORD`, else the systemd
/// credential `smtp-password` (`LoadCredential=`), else the file named by `delivery.password_file`. The
/// reply-token key is `$ROSTERMAIL_REPLY_KEY`, else the credential `reply-token-key`, else
/// `<state>/reply-token.key`, made (32 random bytes, mode 0600) on first use.
public enum Secrets {
    public static func smtpPassword(
        config: RosterMailConfig, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String? {
        try password(
            "SMTP", variable: "ROSTERMAIL_SMTP_PASSWORD", credential: "smtp-password",
            file: (config.delivery.passwordFile, "delivery.password_file"),
            username: (config.delivery.username, "delivery.username"), environment: environment)
    }

    /// The IMAP password: `$ROSTERMAIL_IMAP_PASSWORD`, else the systemd credential `imap-password`, else the
    /// file named by `replies.password_file`.
    public static func imapPassword(
        config: RosterMailConfig, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String? {
        try password(
            "IMAP", variable: "ROSTERMAIL_IMAP_PASSWORD", credential: "imap-password",
            file: (config.replies.passwordFile, "replies.password_file"),
            username: (config.replies.username, "replies.username"), environment: environment)
    }

    /// A password from the environment variable, else the systemd credential, else the configured file; nil
    /// when there is none and no username needs one.
    static func password(
        _ what: String, variable: String, credential: String, file: (path: String?, key: String),
        username: (value: String?, key: String), environment: [String: String]
    ) throws -> String? {
        if let p = environment[variable], !p.isEmpty { return p }
        var files: [String] = []
        if let dir = environment["CREDENTIALS_DIRECTORY"] { files.append(dir + "/" + credential) }
        if let f = file.path { files.append(f) }
        for f in files where FileManager.default.fileExists(atPath: f) {
            guard let text = try? String(contentsOfFile: f, encoding: .utf8) else {
                throw TransportError("\(f): cannot read the \(what) password file")
            }
            return text.trimmingCharacters(in: .newlines)
        }
        if username.value != nil {
            throw TransportError(
                "\(username.key) is set but no \(what) password was found: set \(variable), "
                    + "the systemd credential \(credential), or \(file.key)")
        }
        return nil
    }

    /// The reply-token keys: the current one first, then retired ones still accepted during a rotation
    /// (`$ROSTERMAIL_REPLY_KEYS_RETIRED`, comma-separated, or the credential file's later lines).
    public static func replyTokenKeys(
        paths: RuntimePaths, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [ReplyTokenKey] {
        func keys(_ texts: [String], from source: String) throws -> [ReplyTokenKey] {
            try texts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }.map { text in
                do { return try ReplyTokenKey(text: text) } catch {
                    throw TransportError(
                        "\(source): the reply-token key is unusable (\(error)); use 32+ random bytes as hex or base64")
                }
            }
        }
        if let current = environment["ROSTERMAIL_REPLY_KEY"], !current.isEmpty {
            let retired = environment["ROSTERMAIL_REPLY_KEYS_RETIRED"]?.split(separator: ",").map(String.init) ?? []
            return try keys([current] + retired, from: "$ROSTERMAIL_REPLY_KEY")
        }
        if let dir = environment["CREDENTIALS_DIRECTORY"],
            FileManager.default.fileExists(atPath: dir + "/reply-token-key")
        {
            let path = dir + "/reply-token-key"
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return try keys(text.split(whereSeparator: \.isNewline).map(String.init), from: path)
        }
        let path = paths.state("reply-token.key")
        if !FileManager.default.fileExists(atPath: path) {
            var bytes = [UInt8](repeating: 0, count: 32)
            var rng = SystemRandomNumberGenerator()
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
            let hex = bytes.map {
                String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
            }.joined()
            try FileManager.default.createDirectory(atPath: paths.stateDirectory, withIntermediateDirectories: true)
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else {
                throw TransportError(
                    "\(path): cannot create the reply-token key; check the state directory's permissions")
            }
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return try keys(text.split(whereSeparator: \.isNewline).map(String.init), from: path)
    }
}
