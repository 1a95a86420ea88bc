import Foundation

/// Where configuration and state live. Defaults: systemd's `$CONFIGURATION_DIRECTORY` and
/// `$STATE_DIRECTORY` when set; `Config/` and `var/` in a checkout; `/etc/rostermail` and
/// `/var/lib/rostermail` when installed.
public struct RuntimePaths: Sendable {
    public var configDirectory: String
    public var stateDirectory: String

    public init(config: String?, state: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let checkout = FileManager.default.fileExists(atPath: "Config/rostermail.yaml")
        configDirectory = Self.absolute(
            config ?? environment["CONFIGURATION_DIRECTORY"]?.split(separator: ":").first.map(String.init)
                ?? (checkout ? "Config" : "/etc/rostermail"))
        stateDirectory = Self.absolute(
            state ?? environment["STATE_DIRECTORY"]?.split(separator: ":").first.map(String.init)
                ?? (checkout ? "var" : "/var/lib/rostermail"))
    }

    /// `path` relative to the state directory unless absolute.
    public func state(_ path: String) -> String {
        path.hasPrefix("/")
            ? path : ((stateDirectory as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    /// The templates next to the configuration: `templates/` inside it, else `../Templates` (a checkout).
    public var defaultTemplatesDirectory: String {
        let inside = (configDirectory as NSString).appendingPathComponent("templates")
        if FileManager.default.fileExists(atPath: inside) { return inside }
        return ((configDirectory as NSString).appendingPathComponent("../Templates") as NSString).standardizingPath
    }

    public static func absolute(_ p: String) -> String {
        if p.hasPrefix("/") { return (p as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(p) as NSString)
            .standardizingPath
    }
}
