import ArgumentParser
import Foundation
import Logging
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

    /// Loads and validates the configuration; prints every problem and exits 1 if it is invalid.
    func loadConfig() throws -> RosterMailConfig {
        do {
            return try ConfigLoader.load(directory: paths.configDirectory)
        } catch {
            for p in error.problems { Console.error(p.description) }
            Console.error("configuration is invalid (\(error.problems.count) problem(s)); nothing was changed")
            throw ExitCode(1)
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
    } catch let e as ExitCode {
        throw e
    } catch let e as StoreError {
        Console.error(e.description)
        for p in e.problems { Console.error("  " + p) }
        throw ExitCode(1)
    } catch let e as ConfigError {
        for p in e.problems { Console.error(p.description) }
        throw ExitCode(1)
    } catch {
        Console.error("\(error)")
        throw ExitCode(1)
    }
}
