import Foundation
import MailMessage
import Roster
import Yams

/// Reads and validates `rostermail.yaml` and `partners.yaml` from a configuration directory.
/// Every problem in both files is collected before anything is used.
public enum ConfigLoader {
    public static let mainFile = "rostermail.yaml"
    public static let partnersFile = "partners.yaml"

    public static func load(directory: String) throws(ConfigError) -> RosterMailConfig {
        let dir = (directory as NSString).standardizingPath
        var problems: [ConfigProblem] = []
        func read(_ name: String) -> String? {
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
            return text
        }
        let mainPath = (dir as NSString).appendingPathComponent(mainFile)
        let partnersPath = (dir as NSString).appendingPathComponent(partnersFile)
        let mainText = read(mainFile)
        let partnersText = read(partnersFile)
        var main = MainFileReader(reader: YAMLReader(file: mainPath), directory: dir)
        let settings = mainText.flatMap { main.read($0) }
        var partners = PartnersFileReader(reader: YAMLReader(file: partnersPath))
        let directoryValue = partnersText.flatMap { partners.read($0) }
        problems += main.reader.problems + partners.reader.problems
        guard problems.isEmpty, let settings, let directoryValue else {
            throw ConfigError(problems: problems)
        }
        return RosterMailConfig(
            district: settings.district, adminAddress: settings.adminAddress, timeZone: settings.timeZone,
            schedule: settings.schedule, transport: settings.transport, delivery: settings.delivery,
            replies: settings.replies,
            templatesDirectory: settings.templates,
            storeFile: settings.store, policy: settings.policy, directory: directoryValue, configDirectory: dir)
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
