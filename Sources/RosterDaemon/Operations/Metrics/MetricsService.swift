import Foundation
import Logging
import RosterStore
import ServiceLifecycle

/// Publishes ``DaemonMetrics`` while `serve` runs: through the HTTP endpoint (opened before start-up ends,
/// so a port in use fails the start) and/or by rewriting node_exporter's textfile every
/// `metrics.textfile_seconds` and once more at shutdown.
public struct MetricsService: Service, CustomStringConvertible {
    let metrics: DaemonMetrics
    let store: RosterDatabase
    let server: MetricsHTTPServer?
    let textfile: String?
    let interval: Duration
    let logger: Logger

    public init(
        metrics: DaemonMetrics, store: RosterDatabase, server: MetricsHTTPServer?, settings: RosterMailConfig.Metrics,
        logger: Logger
    ) {
        self.metrics = metrics
        self.store = store
        self.server = server
        self.textfile = settings.textfile
        self.interval = .seconds(settings.textfileSeconds)
        self.logger = logger
    }

    public var description: String { "MetricsService" }

    /// The text a scrape gets: the store's counts read now, then the whole registry.
    public static func scrape(_ metrics: DaemonMetrics, store: RosterDatabase) -> String {
        try? metrics.refresh(from: store)
        return metrics.render()
    }

    public func run() async throws {
        if let server {
            logger.notice(
                "metrics at http://\(server.host.contains(":") ? "[\(server.host)]" : server.host):\(server.port)/metrics"
            )
        }
        var failing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if textfile != nil { failing = await writeTextfile(failing: failing) }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        if textfile != nil { _ = await writeTextfile(failing: failing) }
        if let server { try? await offPool { server.stop() } }
    }

    /// Writes the textfile; logs a failure once until it works again. Returns whether it failed.
    func writeTextfile(failing: Bool) async -> Bool {
        guard let textfile else { return false }
        let (metrics, store) = (self.metrics, self.store)
        do {
            try await offPool { try MetricsTextfile.write(Self.scrape(metrics, store: store), to: textfile) }
            return false
        } catch {
            if !failing { logger.error("metrics textfile not written", metadata: ["error": "\(error)"]) }
            return true
        }
    }
}
