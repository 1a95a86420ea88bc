import CurlMail
import Foundation
import Logging
import RosterStore

/// SMTP submission through libcurl (one envelope per recipient, one reused connection). A failure of the
/// session itself (connect, greeting, TLS, authentication) pauses the run; a recipient's or message's
/// 4xx/5xx is that message's outcome; a timeout after the body was sent is `unknown`.
public struct SMTPDelivery: MessageTransport {
    let submission: SMTPSubmission
    let logger: Logger

    public init(endpoint: SMTPEndpoint, config: RosterMailConfig, logger: Logger) throws {
        var settings = SMTPSettings(url: endpoint.url)
        settings.caFile = config.delivery.caFile
        settings.username = config.delivery.username
        settings.password = try Secrets.smtpPassword(config: config)
        settings.ehloName = config.delivery.ehloName
        settings.connectTimeout = config.delivery.connectTimeout
        settings.serverResponseTimeout = config.delivery.responseTimeout
        do {
            submission = try SMTPSubmission(settings: settings)
        } catch {
            throw TransportError("\(endpoint.url): \(error)")
        }
        self.logger = logger
    }

    public func deliver(_ message: OutboxMessage, envelopeFrom: String) async -> TransportOutcome {
        do {
            return Self.map(
                try await submission.send(from: envelopeFrom, to: message.recipient, message: message.bytes))
        } catch {
            // An address that can never be sent to (checked before anything reaches libcurl).
            return .result(.permanent(reply: "refused before sending: \(error)"))
        }
    }

    public func close() async { await submission.close() }

    static func map(_ outcome: SubmissionOutcome) -> TransportOutcome {
        // Connection, greeting, TLS, authentication, 421/530: the server or our settings, not this message.
        if outcome.affectsAllMessages { return .pause(reason: outcome.summary) }
        switch outcome {
        case .accepted(let reply):
            return .result(.accepted(reply: reply.description))
        case .temporaryFailure:
            return .result(.temporary(reply: outcome.summary))
        case .permanentFailure:
            return .result(.permanent(reply: outcome.summary))
        case .unknown(let detail):
            return .result(.unknown(detail: detail))
        }
    }
}
