import Foundation
import Logging
import Roster
import RosterStore

/// Everything `serve` reads from its files and can read again on SIGHUP: rostermail.yaml and partners.yaml,
/// the templates, the reply-token keys, and the transport built (and so checked) from them.
public struct ServeSetup: Sendable {
    public var config: RosterMailConfig
    public var templates: RosterTemplates
    public var replyKeys: [ReplyTokenKey]
    public var transportChoice: Transport
    public var transport: any MessageTransport

    /// Reads and checks everything; throws every problem found (see ``SetupError``).
    ///
    /// `transportOverride` is `serve --transport`, kept across reloads. `cacheDirectory` is the partner
    /// directory's cache (see ``DirectoryCache``).
    public static func load(
        paths: RuntimePaths, transportOverride: Transport?, cacheDirectory: String?, logger: Logger
    ) throws(SetupError) -> ServeSetup {
        let config: RosterMailConfig
        do {
            config = try ConfigLoader.load(directory: paths.configDirectory, cacheDirectory: cacheDirectory)
        } catch {
            throw SetupError(lines: error.problems.map(\.description))
        }
        var lines: [String] = []
        var templates: RosterTemplates?
        do {
            templates = try TemplateLoader.load(directory: config.templatesDirectory)
        } catch {
            lines.append("\(error.location): \(error.message)")
        }
        var keys: [ReplyTokenKey] = []
        do {
            keys = try Secrets.replyTokenKeys(paths: paths)
            if keys.isEmpty { lines.append("no reply-token key; see README, Secrets") }
        } catch {
            lines.append("reply-token key: \(error)")
        }
        let choice = transportOverride ?? config.transport
        var transport: (any MessageTransport)?
        do {
            transport = try Transports.make(choice, config: config, paths: paths, logger: logger)
        } catch {
            lines.append("delivery (\(choice)): \(error)")
        }
        guard lines.isEmpty, let templates, let transport else { throw SetupError(lines: lines) }
        return ServeSetup(
            config: config, templates: templates, replyKeys: keys, transportChoice: choice, transport: transport)
    }
}

/// Why a configuration cannot be used: one line per problem, `file:line:column: message` wherever the
/// problem has a position in a file.
public struct SetupError: Error, Sendable, CustomStringConvertible {
    public var lines: [String]

    public init(lines: [String]) { self.lines = lines }

    public var description: String { lines.joined(separator: "\n") }
}
