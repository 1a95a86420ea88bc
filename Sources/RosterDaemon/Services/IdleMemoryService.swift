import Logging
import ServiceLifecycle

/// Gives memory back once the daemon has settled: start-up (configuration, migrations, the directory
/// sync) and the first round of every other service are over by `settle`, and what they alone needed
/// (freed heap, start-up-only code pages) goes back to the kernel (see ``IdleMemory``). Then waits for
/// the shutdown.
public struct IdleMemoryService: Service, CustomStringConvertible {
    let logger: Logger
    var settle: Duration = .seconds(15)

    public init(logger: Logger) {
        self.logger = logger
    }

    public var description: String { "IdleMemoryService" }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: settle) }
        guard !Task.isShuttingDownGracefully && !Task.isCancelled else { return }
        #if os(Linux)
            let advised = IdleMemory.release()
            logger.debug("start-up memory released", metadata: ["mappings": "\(advised)"])
        #endif
        try? await gracefulShutdown()
    }
}
