import Foundation
import Logging

/// Builds the transport a configuration names.
public enum Transports {
    public static func make(
        _ transport: Transport, config: RosterMailConfig, paths: RuntimePaths, logger: Logger
    ) throws -> any MessageTransport {
        switch transport {
        case .maildir(let dir):
            return MaildirDelivery(directory: paths.state(dir), logger: logger)
        case .smtp(let endpoint):
            return try SMTPDelivery(endpoint: endpoint, config: config, logger: logger)
        }
    }
}
