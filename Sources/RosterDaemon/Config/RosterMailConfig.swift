import Foundation
import MailMessage
import Roster
import RosterStore

/// The whole configuration: `rostermail.yaml` (district, schedule, delivery, paths, policy) and
/// `partners.yaml` (schools and their coordinators, partners, programs, sites, contacts).
public struct RosterMailConfig: Sendable {
    public var district: DistrictIdentity
    /// Where failures and alerts go.
    public var adminAddress: String
    public var timeZone: TimeZone
    public var schedule: Schedule
    public var transport: Transport
    public var delivery: Delivery
    public var replies: Replies
    /// Absolute path of the templates directory.
    public var templatesDirectory: String
    /// Store file name, relative to the state directory unless absolute.
    public var storeFile: String
    public var policy: Policy
    /// Prometheus metrics (`metrics:`): off unless a port or a textfile is named.
    public var metrics: Metrics
    /// The daemon's daily backups of the store (`backup:`).
    public var backup: Backup
    /// Guardian releases (`releases:`).
    public var releases: Releases
    /// Partners' data requests (`requests:`).
    public var requests: Requests = .default
    /// The weekly export of roster changes for the SIS (`sis_export:`).
    public var sisExport: SISExport = .default
    public var directory: Directory
    /// The directory the files were read from.
    public var configDirectory: String

    /// When the weekly mailing goes out.
    public struct Schedule: Sendable, Equatable {
        /// 1 = Monday … 7 = Sunday.
        public var weekday: Int
        public var hour: Int
        public var minute: Int
        /// How long after the scheduled time a daemon that was down still sends that week's mailing.
        public var catchUpHours: Int
        public var noSchoolWeeks: Set<ISOWeek>
    }

    /// SMTP delivery settings (`delivery:` in rostermail.yaml). Secrets are not here.
    public struct Delivery: Sendable, Equatable {
        /// Envelope sender (MAIL FROM); bounces go there. Default: the community schools address.
        public var sender: String
        public var username: String?
        /// A CA bundle to trust in addition to the system's (verification is always on).
        public var caFile: String?
        /// A file holding the SMTP password, if not given by $ROSTERMAIL_SMTP_PASSWORD or the systemd
        /// credential `smtp-password`.
        public var passwordFile: String?
        public var ehloName: String?
        /// Messages per second to the server (0: no limit).
        public var ratePerSecond: Double
        /// SMTP connections used at once by a delivery run (default 8; Maildir delivery uses one). The rate
        /// limit is shared by all of them.
        public var connections: Int
        public var connectTimeout: Double
        /// A message not delivered this many hours after it was composed fails (default: 144, before the
        /// next Monday) and the CSC and admin are alerted.
        public var giveUpHours: Int
        /// Seconds to wait for the server's reply after the message body (RFC 5321: 600).
        public var responseTimeout: Int
        /// Retry delays (Postfix-style: the message's age, clamped) and the wait before a message whose
        /// fate is unknown is sent again.
        public var retry: RetryPolicy
        /// `delivery.verp` (default false): SMTP delivery uses `bounces+<outbox id>.<MAC>@<domain>` as MAIL FROM
        /// (`BounceToken`), so a bounce names its message and cannot be forged by naming a Message-ID.
        public var verp = false
    }

    /// Partner replies (`replies:` in rostermail.yaml). Secrets are not here.
    public struct Replies: Sendable, Equatable {
        /// Where replies are read from: an IMAP mailbox or a Maildir (the embedded default, `maildir:inbox`).
        public var mailbox: Mailbox
        public var username: String?
        public var passwordFile: String?
        public var caFile: String?
        public var pollSeconds: Int
        public var processedFolder: String
        public var quarantineFolder: String
        /// Accept only replies whose DMARC check by our own MTA (`authservID`) passed.
        public var requireDMARC: Bool
        public var authservID: String
        /// A roster's reply token is accepted until the end of its week plus this many weeks.
        public var tokenValidWeeks: Int
        public var confirmationsPerSenderPerDay: Int
        /// Messages beyond these are quarantined with the limit named.
        public var limits: ParseLimits
    }

    /// Where replies are read from.
    public enum Mailbox: Sendable, Equatable, CustomStringConvertible {
        /// `imaps://HOST[:PORT]/MAILBOX` or `imap://HOST[:PORT]/MAILBOX` (STARTTLS required).
        case imap(String)
        /// A Maildir, relative to the state directory unless absolute.
        case maildir(String)

        public var description: String {
            switch self {
            case .imap(let url): return url
            case .maildir(let path): return "maildir:\(path)"
            }
        }
    }

    /// Where `serve` publishes its Prometheus metrics (`metrics:` in rostermail.yaml); both off by default.
    public struct Metrics: Sendable, Equatable {
        /// `metrics.listen`: a loopback address and port (`127.0.0.1:9464`) answering `GET /metrics`.
        public var listen: (host: String, port: Int)?
        /// `metrics.textfile`: a file for node_exporter's textfile collector (`…/rostermail.prom`), rewritten
        /// atomically every `textfileSeconds`.
        public var textfile: String?
        public var textfileSeconds: Int

        public static func == (a: Metrics, b: Metrics) -> Bool {
            a.listen?.host == b.listen?.host && a.listen?.port == b.listen?.port && a.textfile == b.textfile
                && a.textfileSeconds == b.textfileSeconds
        }
    }

    /// Daily backups by `serve` (`backup:` in rostermail.yaml).
    public struct Backup: Sendable, Equatable {
        /// The directory of the daily copies, relative to the state directory unless absolute.
        public var directory: String
        /// Copies older than this many days are deleted; 0 turns the daily backup off.
        public var keepDays: Int
    }

    /// Disclosure thresholds (FERPA rules; see README "Privacy rules").
    public struct Policy: Sendable, Equatable {
        public var minGroupSize: Int
        public var minCellCount: Int
        public var kAnonymity: Int
        public var dataRequestDays: Int
    }
}

/// Where outgoing mail goes.
public enum Transport: Sendable, Equatable, CustomStringConvertible {
    /// A Maildir, relative to the state directory unless absolute (the embedded default).
    case maildir(String)
    /// SMTP submission through libcurl: `smtp://` (STARTTLS required), `smtps://` (implicit TLS), or
    /// `smtp://HOST:PORT?tls=none` for a loopback host only (a local Postfix null client).
    case smtp(SMTPEndpoint)

    /// Parses `maildir:PATH`, `smtp://HOST:PORT`, `smtps://HOST:PORT`, `smtp://127.0.0.1:PORT?tls=none`;
    /// nil when the text is none of these (`parse` says why).
    public init?(_ text: String) {
        guard case .success(let t) = Self.parse(text) else { return nil }
        self = t
    }

    /// The transport, or what is wrong with the text.
    public static func parse(_ text: String) -> Result<Transport, TransportError> {
        if text.hasPrefix("maildir:") {
            let path = String(text.dropFirst("maildir:".count))
            return path.isEmpty
                ? .failure(TransportError("maildir: needs a path, like maildir:outbox")) : .success(.maildir(path))
        }
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["smtp", "smtps"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            return .failure(
                TransportError(
                    "“\(text)” must be maildir:PATH, smtp://HOST:PORT, smtps://HOST:PORT or smtp://127.0.0.1:PORT?tls=none"
                ))
        }
        if url.user != nil || url.password != nil {
            return .failure(
                TransportError(
                    "credentials never go in the transport URL; use delivery.username and the SMTP password credential")
            )
        }
        let query = url.queryItems ?? []
        let plaintext = query.contains { $0.name == "tls" && $0.value == "none" }
        if let other = query.first(where: { !($0.name == "tls" && $0.value == "none") }) {
            return .failure(
                TransportError("unknown option “\(other.name)” in “\(text)”; only tls=none (loopback only) is known"))
        }
        if plaintext && (scheme == "smtps" || !SMTPEndpoint.isLoopback(host)) {
            return .failure(
                TransportError(
                    "tls=none is accepted only for smtp:// to a loopback host (127.0.0.1, ::1, localhost), not \(host)")
            )
        }
        let port = url.port ?? (scheme == "smtps" ? 465 : 587)
        return .success(
            .smtp(SMTPEndpoint(host: host, port: port, implicitTLS: scheme == "smtps", plaintextLoopback: plaintext)))
    }

    public var description: String {
        switch self {
        case .maildir(let p): return "maildir:\(p)"
        case .smtp(let e): return e.url
        }
    }
}

/// An SMTP server to submit to.
public struct SMTPEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// `smtps://`: TLS from the first byte. Otherwise STARTTLS is required, unless `plaintextLoopback`.
    public var implicitTLS: Bool
    /// `?tls=none` on a loopback host.
    public var plaintextLoopback: Bool

    /// The libcurl URL (the tls option is applied by the submission settings, not the URL).
    public var url: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return (implicitTLS ? "smtps" : "smtp") + "://\(h):\(port)" + (plaintextLoopback ? "?tls=none" : "")
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

/// Why a transport URL was refused.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ message: String) { description = message }
}
