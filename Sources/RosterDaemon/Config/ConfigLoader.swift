import Foundation
import MailMessage
import Roster
import Yams

/// Reads and validates `rostermail.yaml` and `partners.yaml` from a configuration directory.
/// Every problem in both files is collected before anything is used.
public enum ConfigLoader {
    public static let mainFile = "rostermail.yaml"
    public static let partnersFile = "partners.yaml"

    /// Reads and validates both files of `directory`; throws every problem at once.
    ///
    /// With `cacheDirectory`, the partner directory of a partners.yaml read before (same bytes of both
    /// files, same executable) comes from ``DirectoryCache`` instead of being parsed again; rostermail.yaml
    /// is always read and checked. `check-config` passes none.
    public static func load(directory: String, cacheDirectory: String? = nil) throws(ConfigError) -> RosterMailConfig {
        let dir = (directory as NSString).standardizingPath
        var problems: [ConfigProblem] = []
        func read(_ name: String) -> (data: Data, text: String)? {
            let path = (dir as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(
                    ConfigProblem(
                        file: path, line: 1, column: 1,
                        message: "cannot read the file; does it exist and is it readable?"))
                return nil
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(
                    ConfigProblem(file: path, line: 1, column: 1, message: "not valid UTF-8; save the file as UTF-8"))
                return nil
            }
            return (data, text)
        }
        let mainPath = (dir as NSString).appendingPathComponent(mainFile)
        let partnersPath = (dir as NSString).appendingPathComponent(partnersFile)
        let mainFileContents = read(mainFile)
        let partnersFileContents = read(partnersFile)
        var main = MainFileReader(reader: YAMLReader(file: mainPath), directory: dir)
        let settings = mainFileContents.flatMap { main.read($0.text) }
        let cacheKey = cacheDirectory.flatMap { _ -> String? in
            guard let m = mainFileContents, let p = partnersFileContents else { return nil }
            return DirectoryCache.key(main: m.data, partners: p.data)
        }
        var directoryValue: Directory?
        var partnersProblems: [ConfigProblem] = []
        var fromCache = false
        if let cacheDirectory, let cacheKey, let cached = DirectoryCache.load(key: cacheKey, directory: cacheDirectory)
        {
            directoryValue = cached
            fromCache = true
        } else {
            var partners = PartnersFileReader(reader: YAMLReader(file: partnersPath))
            directoryValue = partnersFileContents.flatMap { partners.read($0.text) }
            partnersProblems = partners.reader.problems
        }
        problems += main.reader.problems + partnersProblems
        guard problems.isEmpty, let settings, let directoryValue else {
            throw ConfigError(problems: problems)
        }
        if !fromCache, let cacheDirectory, let cacheKey {
            DirectoryCache.store(directoryValue, key: cacheKey, directory: cacheDirectory)
        }
        var config = RosterMailConfig(
            district: settings.district, adminAddress: settings.adminAddress, timeZone: settings.timeZone,
            schedule: settings.schedule, transport: settings.transport, delivery: settings.delivery,
            replies: settings.replies,
            templatesDirectory: settings.templates,
            storeFile: settings.store, policy: settings.policy, metrics: settings.metrics, backup: settings.backup,
            releases: settings.releases, directory: directoryValue, configDirectory: dir)
        config.requests = settings.requests
        config.sisExport = settings.sisExport
        return config
    }

    /// Checks an email address the way the mail writer will; returns the problem text or nil.
    static func addressProblem(_ address: String, name: String? = nil, what: String) -> String? {
        do {
            _ = try MailAddress(address, displayName: name, field: what)
            return nil
        } catch {
            return "\(what): \(error.message)"
        }
    }
}
