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
            var smtp = try SMTPDelivery(endpoint: endpoint, config: config, logger: logger)
            if config.delivery.verp, let key = try Secrets.replyTokenKeys(paths: paths).first {
                smtp.verp = (key, config.district.domain)
            }
            return smtp
        }
    }
}
