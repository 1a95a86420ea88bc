import CurlMail
import Foundation
import Testing

/// `move(uid:to:)` against a real Dovecot: creation of the target, idempotence, and the COPY/STORE/EXPUNGE
/// fallback for a server without MOVE.
@Suite struct IMAPMoveTests {
    @Test func moveToQuarantineCreatesTheMailbox() async throws {
        try await DovecotServer.with { server in
            try IMAPFixtures.deliver((1...3).map { IMAPFixtures.reply($0) }, to: server)
            let settings = try server.settings()
            let mailbox = try IMAPMailbox(settings: settings)
            #expect(try await mailbox.newMessages(since: nil).uids == [1, 2, 3])
            try await mailbox.move(uid: 2, to: settings.quarantineMailbox)  // Quarantine does not exist yet
            try await mailbox.move(uid: 3, to: settings.quarantineMailbox)  // now it does
            try await mailbox.move(uid: 1, to: settings.processedMailbox)
            await mailbox.close()
            #expect(try await server.uids(in: "INBOX").isEmpty)
            #expect(try await server.uids(in: "Quarantine") == [1, 2])  // UIDs of the Quarantine mailbox
            #expect(try await server.uids(in: "Processed") == [1])
            // The right messages went there.
            let quarantine = try IMAPMailbox(settings: server.settings(mailbox: "Quarantine"))
            _ = try await quarantine.newMessages(since: nil)
            #expect(try await quarantine.fetch(uid: 1).bytes == IMAPFixtures.reply(2))
            #expect(try await quarantine.fetch(uid: 2).bytes == IMAPFixtures.reply(3))
            await quarantine.close()
        }
    }

    @Test func moveIsIdempotent() async throws {
        try await DovecotServer.with { server in
            try IMAPFixtures.deliver([IMAPFixtures.reply(1)], to: server)
            let settings = try server.settings()
            let mailbox = try IMAPMailbox(settings: settings)
            _ = try await mailbox.newMessages(since: nil)
            try await mailbox.move(uid: 1, to: settings.processedMailbox)
            try await mailbox.move(uid: 1, to: settings.processedMailbox)  // moved before a crash: fine
            try await mailbox.move(uid: 77, to: settings.quarantineMailbox)  // never existed: fine too
            await mailbox.close()
            // A new session (after a restart) moving it again.
            let restarted = try IMAPMailbox(settings: settings)
            try await restarted.move(uid: 1, to: settings.processedMailbox)
            await restarted.close()
            #expect(try await server.uids(in: "Processed") == [1])
            #expect(try await server.uids(in: "INBOX").isEmpty)
        }
    }

    @Test func refusesToMoveIntoThePolledMailboxOrABadName() async throws {
        let settings = IMAPSettings(url: "imap://127.0.0.1:1/INBOX", username: "roster", password: "secret")
        let mailbox = try IMAPMailbox(settings: settings)
        for target in ["INBOX", "inbox", "Bad\r\nA1 DELETE INBOX", "", "Spam*"] {
            let error = await #expect(throws: IMAPError.self) { try await mailbox.move(uid: 1, to: target) }
            #expect(error?.code == .invalidSetting, "\(target)")
        }
    }

    /// A server that does not announce MOVE (Dovecot with `imap_capability` without it): COPY, STORE \Deleted
    /// and UID EXPUNGE of that UID only. Dovecot's session log counts the \Deleted flag, which MOVE never sets.
    @Test func fallsBackToCopyStoreExpungeWithoutMove() async throws {
        let capabilities = "imap_capability = IMAP4rev1 SASL-IR LITERAL+ ENABLE IDLE NAMESPACE UIDPLUS CHILDREN\n"
        try await DovecotServer.with(extraConfig: capabilities) { server in
            try IMAPFixtures.deliver((1...3).map { IMAPFixtures.reply($0) }, to: server)
            let settings = try server.settings()
            let mailbox = try IMAPMailbox(settings: settings)
            #expect(try await mailbox.newMessages(since: nil).uids == [1, 2, 3])
            try await mailbox.move(uid: 2, to: settings.processedMailbox)
            try await mailbox.move(uid: 2, to: settings.processedMailbox)  // idempotent here too
            await mailbox.close()
            try await server.waitForLog("deleted=1 expunged=1")
            #expect(try await server.uids(in: "INBOX") == [1, 3])  // nothing else expunged
            #expect(try await server.uids(in: "Processed") == [1])
        }
    }
}
