/// How one envelope (one sender, one recipient, one message) ended.
///
/// The rules, so the outbox can act on them without knowing SMTP:
/// - ``accepted(_:)``: the server replied 2xx to the final dot; it now owns the message.
/// - ``temporaryFailure(stage:reply:detail:)``: the message was certainly **not** accepted and may be
///   tried again: a 4xx reply at any stage, or a failure before the final dot was sent (connect, TLS,
///   connection lost, timeout, cancelled). Also used for two configuration/security problems that a
///   retry after an operator's fix can cure, so the circuit breaker pauses instead of failing messages:
///   the server did not offer STARTTLS (stage ``SMTPStage/tls``, no reply: we refuse to send in clear
///   text), and the certificate did not verify (stage ``SMTPStage/tls``).
/// - ``permanentFailure(stage:reply:detail:)``: a 5xx reply. At ``SMTPStage/rcptTo``,
///   ``SMTPStage/data`` or ``SMTPStage/endOfData`` the message or recipient is refused for good
///   (`failed`). At ``SMTPStage/auth`` (535: credentials refused) or ``SMTPStage/greeting`` the
///   server refuses *us*: every message would fail the same way, so ``affectsAllMessages`` is true and
///   the caller should pause the run (circuit breaker) rather than fail the message.
/// - ``unknown(detail:)``: the final dot was (possibly) sent and no reply came: a timeout, a dropped
///   connection or a cancellation after the body. The server may or may not have accepted it.
public enum SubmissionOutcome: Sendable, Equatable {
    case accepted(SMTPReply)
    case temporaryFailure(stage: SMTPStage, reply: SMTPReply?, detail: String)
    case permanentFailure(stage: SMTPStage, reply: SMTPReply, detail: String)
    case unknown(detail: String)

    /// The server's reply that decided the outcome, if there was one.
    public var reply: SMTPReply? {
        switch self {
        case .accepted(let reply): reply
        case .temporaryFailure(_, let reply, _): reply
        case .permanentFailure(_, let reply, _): reply
        case .unknown: nil
        }
    }

    /// Where a failure happened (`nil` for ``accepted(_:)`` and ``unknown(detail:)``).
    public var stage: SMTPStage? {
        switch self {
        case .accepted, .unknown: nil
        case .temporaryFailure(let stage, _, _), .permanentFailure(let stage, _, _): stage
        }
    }

    /// True when the failure says nothing about this message: the connection, TLS, the server's greeting,
    /// our credentials, a 421 (service closing) or a 530 (authentication required), so the next message
    /// would fail the same way. The caller should pause sending (circuit breaker) and leave this message
    /// to be tried again.
    public var affectsAllMessages: Bool {
        switch self {
        case .accepted, .unknown:
            return false
        case .temporaryFailure(let stage, let reply, _):
            // 421 (closing the channel) or enhanced status 4.3.2 "system not accepting network messages"
            // (RFC 3463; e.g. Microsoft 365's "432 4.3.2 Concurrent connections limit exceeded") at any
            // stage: the server refuses this session, not this message.
            return stage.isSessionStage || reply == nil || reply?.code == 421 || reply?.enhancedStatus == "4.3.2"
        case .permanentFailure(let stage, let reply, _):
            return stage.isSessionStage || reply.code == 530
        }
    }

    /// One line for logs and the outbox's `last reply`, e.g. `temporary failure at rcptTo: 451 4.7.1 …`.
    public var summary: String {
        switch self {
        case .accepted(let reply):
            return "accepted: \(reply)"
        case .temporaryFailure(let stage, let reply, let detail):
            return "temporary failure at \(stage.rawValue): " + (reply.map { "\($0) (\(detail))" } ?? detail)
        case .permanentFailure(let stage, let reply, let detail):
            return "permanent failure at \(stage.rawValue): \(reply) (\(detail))"
        case .unknown(let detail):
            return "unknown (the message may have been accepted): \(detail)"
        }
    }
}
