import ArgumentParser
import Foundation
import Logging
import Roster
import RosterDaemon
import RosterStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration directory (default: Config/ in a checkout, /etc/rostermail installed).")
    var config: String?

    @Option(
        name: .long,
        help: "State directory: store, Maildirs, exports (default: var/ in a checkout, /var/lib/rostermail).")
    var state: String?

    var paths: RuntimePaths { RuntimePaths(config: config, state: state) }

    var logger: Logger { Logger(label: "rostermail") }

    /// Loads and validates the configuration; prints every problem and exits 1 if it is invalid. With
    /// `cached`, the partner directory may come from the state directory's cache of the same files (see
    /// `DirectoryCache`; `check-config` always reads everything).
    func loadConfig(cached: Bool = true) throws -> RosterMailConfig {
        do {
            return try ConfigLoader.load(
                directory: paths.configDirectory,
                cacheDirectory: cached ? (paths.stateDirectory as NSString).appendingPathComponent("cache") : nil)
        } catch {
            for p in error.problems { Console.error(p.description) }
            Console.error("configuration is invalid (\(error.problems.count) problem(s)); nothing was changed")
            throw ExitCode(1)
        }
    }

    /// The reply-token keys (current first); see `Secrets.replyTokenKeys`.
    func replyKeys() throws -> [ReplyTokenKey] {
        let keys = try Secrets.replyTokenKeys(paths: paths)
        guard !keys.isEmpty else { throw ValidationError("no reply-token key; see README, Secrets") }
        return keys
    }

    /// `--transport` when given (refused with the reason when invalid), else the configured transport.
    func transport(override: String?, config: RosterMailConfig) throws -> Transport {
        guard let override else { return config.transport }
        switch Transport.parse(override) {
        case .success(let t): return t
        case .failure(let e): throw ValidationError("--transport: \(e)")
        }
    }

    /// Opens the store named by the configuration and brings its directory up to date.
    func openStore(_ config: RosterMailConfig) throws -> RosterDatabase {
        let store = try RosterDatabase(path: paths.state(config.storeFile))
        try store.sync(directory: config.directory)
        return store
    }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data(("rostermail: " + line + "\n").utf8))
    }
}

/// Runs `body`, turning our error types into one clear line on stderr and exit status 1.
func reporting<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw report(error)
    }
}

func reportingAsync<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        throw report(error)
    }
}

/// Prints `error` as clear lines on stderr and returns the exit code to throw.
func report(_ error: any Error) -> ExitCode {
    switch error {
    case let e as ExitCode:
        return e
    case let e as StoreError:
        Console.error(e.description)
        for p in e.problems { Console.error("  " + p) }
    case let e as ConfigError:
        for p in e.problems { Console.error(p.description) }
    default:
        Console.error("\(error)")
    }
    return ExitCode(1)
}
