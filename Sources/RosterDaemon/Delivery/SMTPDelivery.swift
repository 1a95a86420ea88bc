import CurlMail
import Foundation
import Logging
import Roster
import RosterStore

/// SMTP submission through libcurl: one envelope per recipient, `delivery.connections` connections, each
/// reused for message after message. A failure of the session itself (connect, greeting, TLS,
/// authentication) pauses the run; a recipient's or message's 4xx/5xx is that message's outcome; a timeout
/// after the body was sent is `unknown`.
public struct SMTPDelivery: MessageTransport {
    /// One submission (one libcurl handle, one connection, one serial queue) per channel.
    let submissions: [SMTPSubmission]
    let logger: Logger
    /// With `delivery.verp: true`: the key that signs each message's envelope sender
    /// (`bounces+<outbox id>.<MAC>@<domain>`, `BounceToken`) and the domain; nil sends from `delivery.sender`.
    var verp: (key: ReplyTokenKey, domain: String)?

    public init(endpoint: SMTPEndpoint, config: RosterMailConfig, logger: Logger) throws {
        var settings = SMTPSettings(url: endpoint.url)
        settings.caFile = config.delivery.caFile
        settings.username = config.delivery.username
        settings.password = try Secrets.smtpPassword(config: config)
        settings.ehloName = config.delivery.ehloName
        settings.connectTimeout = config.delivery.connectTimeout
        settings.serverResponseTimeout = config.delivery.responseTimeout
        do {
            submissions = try (0..<max(1, config.delivery.connections)).map { _ in
                try SMTPSubmission(settings: settings)
            }
        } catch {
            throw TransportError("\(endpoint.url): \(error)")
        }
        self.logger = logger
    }

    public var channels: Int { submissions.count }

    public func withChannel<T: Sendable>(
        _ channel: Int, _ body: @escaping @Sendable (_ deliver: DeliverFunction) throws -> T
    ) async throws -> T {
        let verp = self.verp
        return try await submissions[channel].run { smtp in
            try body { message, envelopeFrom in
                let from = verp.map {
                    BounceToken.sign(outboxID: message.id, secret: $0.key).address(domain: $0.domain)
                }
                return Self.deliver(message, envelopeFrom: from ?? envelopeFrom, on: smtp)
            }
        }
    }

    static func deliver(
        _ message: OutboxMessage, envelopeFrom: String, on smtp: isolated SMTPSubmission
    ) -> TransportOutcome {
        do {
            return map(try smtp.send(from: envelopeFrom, to: message.recipient, message: message.bytes))
        } catch {
            // An address that can never be sent to (checked before anything reaches libcurl).
            return .result(.permanent(reply: "refused before sending: \(error)"))
        }
    }

    public func close() async {
        for submission in submissions { await submission.close() }
    }

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
