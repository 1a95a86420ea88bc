/// Where in an SMTP session a reply or a failure happened.
public enum SMTPStage: String, Sendable, CaseIterable {
    /// Name resolution, TCP connect, and (for `smtps://`) anything before the server's first byte.
    case connect
    /// The server's 220 greeting and the EHLO/HELO exchange.
    case greeting
    /// STARTTLS and the TLS handshake (also implicit TLS's handshake and certificate verification).
    case tls
    /// SMTP AUTH.
    case auth
    /// `MAIL FROM:<…>`.
    case mailFrom
    /// `RCPT TO:<…>`.
    case rcptTo
    /// `DATA`, its 354, and sending the message body up to (not including) the final dot.
    case data
    /// After the final `.`: the server's reply decides whether it took responsibility for the message.
    case endOfData

    /// Whether a failure here concerns the server, the connection or our configuration rather than the
    /// one message being sent (the next message would fail the same way).
    public var isSessionStage: Bool {
        switch self {
        case .connect, .greeting, .tls, .auth: true
        case .mailFrom, .rcptTo, .data, .endOfData: false
        }
    }
}
