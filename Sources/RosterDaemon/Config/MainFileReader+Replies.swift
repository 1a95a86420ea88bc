import Foundation
import MailMessage
import Yams

extension MainFileReader {
    /// `replies:` — where partners' replies are read and how they are checked. Every key is optional.
    mutating func readReplies(_ node: Node?, domain: String) -> RosterMailConfig.Replies? {
        var r = RosterMailConfig.Replies(
            mailbox: .maildir("inbox"), username: nil, passwordFile: nil, caFile: nil, pollSeconds: 60,
            processedFolder: "Processed", quarantineFolder: "Quarantine", requireDMARC: false, authservID: domain,
            tokenValidWeeks: 2, confirmationsPerSenderPerDay: 20, limits: .default)
        guard let node else { return r }
        guard
            let m = reader.mapping(
                node, "replies",
                optional: [
                    "mailbox", "username", "password_file", "ca_file", "poll_seconds", "processed_folder",
                    "quarantine_folder", "require_dmarc", "authserv_id", "token_valid_weeks",
                    "confirmations_per_sender_per_day", "max_message_mb",
                ])
        else { return nil }
        let before = reader.problems.count
        if let text = m["mailbox"].flatMap({ reader.string($0, "replies.mailbox") }) {
            if text.hasPrefix("maildir:"), text.count > 8 {
                r.mailbox = .maildir(String(text.dropFirst(8)))
            } else if let url = URLComponents(string: text), ["imap", "imaps"].contains(url.scheme ?? ""),
                url.host != nil,
                url.user == nil, url.password == nil
            {
                r.mailbox = .imap(text)
            } else {
                reader.problem(
                    m["mailbox"],
                    "replies.mailbox “\(text)” must be imaps://HOST/MAILBOX, imap://HOST/MAILBOX (STARTTLS) or maildir:PATH, without credentials"
                )
            }
        }
        r.username = m["username"].flatMap { reader.string($0, "replies.username") }
        r.passwordFile = m["password_file"].flatMap { reader.string($0, "replies.password_file") }
        r.caFile = m["ca_file"].flatMap { reader.string($0, "replies.ca_file") }
        if let n = m["poll_seconds"], let v = reader.int(n, "replies.poll_seconds", range: 5...3600) {
            r.pollSeconds = v
        }
        for (key, path) in [
            ("processed_folder", \RosterMailConfig.Replies.processedFolder), ("quarantine_folder", \.quarantineFolder),
        ] {
            if let v = m[key].flatMap({ reader.string($0, "replies.\(key)") }) {
                if v.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
                    r[keyPath: path] = v
                } else {
                    reader.problem(m[key], "replies.\(key) may use only letters, digits, - _ and .")
                }
            }
        }
        if let n = m["require_dmarc"], let v = reader.string(n, "replies.require_dmarc") {
            switch v.lowercased() {
            case "true", "yes": r.requireDMARC = true
            case "false", "no": r.requireDMARC = false
            default: reader.problem(n, "replies.require_dmarc must be true or false")
            }
        }
        if let v = m["authserv_id"].flatMap({ reader.string($0, "replies.authserv_id") }) { r.authservID = v }
        if let n = m["token_valid_weeks"], let v = reader.int(n, "replies.token_valid_weeks", range: 0...8) {
            r.tokenValidWeeks = v
        }
        if let n = m["confirmations_per_sender_per_day"],
            let v = reader.int(n, "replies.confirmations_per_sender_per_day", range: 0...1000)
        {
            r.confirmationsPerSenderPerDay = v
        }
        if let n = m["max_message_mb"], let v = reader.int(n, "replies.max_message_mb", range: 1...200) {
            r.limits.maxMessageBytes = v * 1_048_576
        }
        if r.requireDMARC && m["authserv_id"] == nil {
            reader.problem(node, "replies.require_dmarc is true: set replies.authserv_id to your MTA's authserv-id")
        }
        return reader.problems.count == before ? r : nil
    }
}
