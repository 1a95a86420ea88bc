import Foundation
import Roster
import RosterStore

/// Which contacts are undeliverable now. A contact is marked when a message to it bounced for good, and stays
/// marked until partners.yaml changes that contact (its fingerprint: every site, address and name it has
/// there) or a later message to it is **delivered**: accepted by the relay (`sent`) at least
/// `deliveredAfter` ago and not bounced since — the time a remote server has to return a message the relay
/// handed on (Postfix's default queue lifetime is five days; nearly all bounces come within minutes).
public enum UndeliverableContacts {
    /// How long after the relay accepted a later message it counts as delivered (72 hours).
    public static let deliveredAfter: TimeInterval = 72 * 3600

    /// The open marks that still hold under `directory` at `now`.
    public static func current(store: RosterDatabase, directory: Directory, now: Date) throws
        -> [UndeliverableContact]
    {
        try store.undeliverableContacts(deliveredBefore: now.addingTimeInterval(-deliveredAfter)).filter { mark in
            !mark.laterDelivered && fingerprint(of: mark.email, in: directory) == mark.contactFingerprint
        }
    }

    /// What partners.yaml says about `email`: each site, address and name listing it, sorted, hashed.
    /// Empty-input hash when the address is no longer a contact anywhere.
    public static func fingerprint(of email: String, in directory: Directory) -> String {
        let lower = email.lowercased()
        let entries = directory.sites.flatMap { site in
            site.contacts.filter { $0.email.lowercased() == lower }.map { "\(site.id)|\($0.email)|\($0.name)" }
        }
        return String(SHA256Digest.hex(Array(entries.sorted().joined(separator: "\n").utf8)).prefix(32))
    }
}
