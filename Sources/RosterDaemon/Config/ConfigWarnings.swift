import Foundation

extension RosterMailConfig {
    /// Settings that are valid but unsafe in production: `check-config` prints them (they do not fail it), and
    /// `ingest` logs them. Each names the file and key, why it matters and what to set.
    public var warnings: [String] {
        var out: [String] = []
        let file = (configDirectory as NSString).appendingPathComponent(ConfigLoader.mainFile)
        if !replies.requireDMARC {
            let whence: String
            switch replies.mailbox {
            case .imap(let url): whence = "replies are read from \(url)"
            case .maildir(let path):
                whence = "replies are read from maildir:\(path) (fine for the demo; not if your MTA delivers there)"
            }
            out.append(
                "\(file): warning: replies.require_dmarc is false and \(whence): a reply with a valid token whose From: "
                    + "is a contact's address but which was sent from elsewhere is accepted when your MTA "
                    + "adds no DMARC verdict (a dmarc=fail verdict is always refused). In production, and whenever "
                    + "an MTA pipes replies to `rostermail ingest`, set replies.require_dmarc: true and "
                    + "replies.authserv_id to your MTA's authserv-id.")
        }
        return out
    }
}
