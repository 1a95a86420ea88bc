/// Where and how to submit mail. Checked in full by ``validate()`` (and by ``SMTPSubmission/init(settings:)``)
/// before anything reaches libcurl.
public struct SMTPSettings: Sendable, Equatable {
    /// `smtp://host[:port]` (STARTTLS required), `smtps://host[:port]` (implicit TLS), or
    /// `smtp://host[:port]?tls=none` (clear text) for a loopback host only: 127.0.0.0/8, ::1 or
    /// `localhost`, e.g. a local Postfix null client. Anything else throws, as do a user, password, path or
    /// fragment in the URL (credentials go in ``username``/``password``, the EHLO name in ``ehloName``).
    public var url: String
    /// An extra CA bundle (PEM) to trust. Certificate and host name verification are always on.
    public var caFile: String?
    public var username: String?
    /// Never logged, never put in the URL, never in an error message.
    public var password: String?
    /// libcurl's login options (`CURLOPT_LOGIN_OPTIONS`), e.g. `AUTH=PLAIN`.
    public var loginOptions: String?
    /// The name sent with EHLO: a domain (`mail.district.example`) or an address literal (`[192.0.2.1]`).
    /// `nil`: libcurl sends this machine's host name.
    public var ehloName: String?
    /// Seconds to establish the session: TCP connect, TLS handshake, greeting, EHLO, STARTTLS and AUTH.
    public var connectTimeout: Double = 30
    /// Seconds the message body may make no upload progress before the transfer is aborted.
    /// (Enforced in the progress callback during DATA only, not with `CURLOPT_LOW_SPEED_TIME`, which would
    /// also cut the wait for the reply after the final dot short of ``serverResponseTimeout``.)
    public var lowSpeedTime: Int = 60
    /// Seconds to wait for each server reply (`CURLOPT_SERVER_RESPONSE_TIMEOUT`); RFC 5321 §4.5.3.2.6
    /// asks for 10 minutes after the final dot. libcurl's default would be 120 s.
    public var serverResponseTimeout: Int = 600

    public init(url: String) {
        self.url = url
    }

    /// Checks every setting; throws the first problem found.
    public func validate() throws(SMTPError) {
        _ = try resolve()
    }
}

/// Printing or dumping settings never shows the password.
extension SMTPSettings: CustomStringConvertible, CustomReflectable {
    public var description: String {
        var parts = ["url: \(url)"]
        if let caFile { parts.append("caFile: \(caFile)") }
        if let username { parts.append("username: \(username)") }
        if password != nil { parts.append("password: <redacted>") }
        if let loginOptions { parts.append("loginOptions: \(loginOptions)") }
        if let ehloName { parts.append("ehloName: \(ehloName)") }
        parts.append("connectTimeout: \(connectTimeout)")
        parts.append("lowSpeedTime: \(lowSpeedTime)")
        parts.append("serverResponseTimeout: \(serverResponseTimeout)")
        return "SMTPSettings(" + parts.joined(separator: ", ") + ")"
    }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "url": url, "caFile": caFile as Any, "username": username as Any,
                "password": (password == nil ? nil : "<redacted>") as Any, "loginOptions": loginOptions as Any,
                "ehloName": ehloName as Any, "connectTimeout": connectTimeout, "lowSpeedTime": lowSpeedTime,
                "serverResponseTimeout": serverResponseTimeout,
            ])
    }
}
